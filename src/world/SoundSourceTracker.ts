import { Vector3 } from 'three';
import type { SoundClass } from '../fusion/scenario.js';

/** What the tracker needs of one heard event (a {@link WorldSound} fits). */
export interface TrackedSoundEvent {
	class: SoundClass;
	/** World-space direction from the listener, or null when the bearing is unknown. */
	direction: Vector3 | null;
	confidence: number;
	time: number;
	objectId: string | null;
}

/** One sound source followed over time: successive events of one class from about one direction. */
export interface SoundSource {
	/** Stable id, `<class>-<n>`. */
	id: string;
	class: SoundClass;
	/** Smoothed world-space unit direction from the listener. */
	direction: Vector3;
	/** Smoothed class confidence of its events, 0–1. */
	confidence: number;
	/** `performance.now()` times of its first and latest event. */
	firstHeard: number;
	lastHeard: number;
	/** Events that went into it. */
	count: number;
	/** The object its events were last attributed to, if any. */
	objectId: string | null;
}

const _unit = new Vector3();

/**
 * Groups sound events into sources: an event joins the nearest source of its class within
 * `gateDegrees` (or the one attributed to the same object) and pulls its direction towards its own;
 * otherwise it starts a new source. Two phones ringing from different sides are two sources, and one
 * stray estimate no longer replaces a good one. Events without a bearing join no source.
 *
 * ```ts
 * const tracker = new SoundSourceTracker();
 * tracker.update( { class: 'phone_ring', direction: new Vector3( 1, 0, -1 ), confidence: 0.9, time: 0, objectId: null } );
 * tracker.prune( performance.now(), 8000 );
 * console.log( tracker.sources.map( ( s ) => s.id ) ); // [ 'phone_ring-1' ]
 * ```
 */
export class SoundSourceTracker {
	/** Sources, oldest first. */
	readonly sources: SoundSource[] = [];
	/** Largest angle between an event and a source of its class for the event to join it, degrees. */
	gateDegrees = 30;
	/** How far one event pulls its source's direction towards its own, 0–1. */
	smoothing = 0.4;

	private nextId = 1;

	/** Adds an event to its source (created if none fits); returns it, or null for an unknown bearing. */
	update(event: TrackedSoundEvent): SoundSource | null {
		if (!event.direction || event.direction.lengthSq() < 1e-12) return null;
		_unit.copy(event.direction).normalize();
		const gate = Math.cos((this.gateDegrees * Math.PI) / 180);
		let best: SoundSource | null = null;
		let bestCos = gate;
		for (const source of this.sources) {
			if (source.class !== event.class) continue;
			if (event.objectId !== null && source.objectId === event.objectId) {
				best = source;
				break;
			}
			const cos = source.direction.dot(_unit);
			if (cos >= bestCos) {
				bestCos = cos;
				best = source;
			}
		}
		if (!best) {
			best = {
				id: `${event.class}-${this.nextId++}`,
				class: event.class,
				direction: _unit.clone(),
				confidence: event.confidence,
				firstHeard: event.time,
				lastHeard: event.time,
				count: 1,
				objectId: event.objectId,
			};
			this.sources.push(best);
			return best;
		}
		// An attributed event's direction is its object's actual bearing: take it as it is.
		const pull = event.objectId !== null ? 1 : this.smoothing;
		best.direction.lerp(_unit, pull).normalize();
		best.confidence += pull * (event.confidence - best.confidence);
		best.lastHeard = Math.max(best.lastHeard, event.time);
		best.count++;
		if (event.objectId !== null) best.objectId = event.objectId;
		return best;
	}

	/** Forgets sources not heard for `windowMs` before `now`. */
	prune(now: number, windowMs: number): void {
		for (let i = this.sources.length - 1; i >= 0; i--)
			if (now - this.sources[i].lastHeard > windowMs) this.sources.splice(i, 1);
	}

	clear(): void {
		this.sources.length = 0;
	}
}
