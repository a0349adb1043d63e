import { EventDispatcher, type Vector3 } from 'three';
import type { ColorName } from '../fusion/scenario.js';
import type { WorldModel } from './WorldModel.js';
import type { WorldObject } from './WorldObject.js';

/** One lifted detection: what was seen where, in world space. */
export interface Observation {
	label: string;
	confidence: number;
	position: Vector3;
	size: Vector3;
	color?: ColorName;
	/** What placed the observation in 3D; the track's world object keeps the latest. */
	liftedBy?: WorldObject['liftedBy'];
}

/** A platform plane or mesh with a semantic label, keyed by its XRPlane/XRMesh object. */
export interface SurfaceObservation {
	key: object;
	label: string;
	position: Vector3;
	size: Vector3;
}

export interface ObjectTrackerOptions {
	/** Observations farther than this (metres) from a track never join it (default 0.6). */
	gate?: number;
	/** Sightings before a track becomes a world object (default 2). */
	confirmHits?: number;
	/** Rounds in view without a sighting before a confirmed track is removed (default 4). */
	removeMisses?: number;
	/** Weight of a new observation in the smoothed position and label scores (default 0.35). */
	smoothing?: number;
	/** Rounds an unconfirmed track may wait for its confirming sighting, in view or not (default 8). */
	tentativeRounds?: number;
}

export interface ObjectTrackerEventMap {
	/** A track's label was assigned (on confirmation) or changed. */
	label: { object: WorldObject; label: string; confidence: number };
}

interface Track {
	position: Vector3;
	size: Vector3;
	scores: Map<string, number>;
	colors: Map<ColorName, number>;
	hits: number;
	misses: number;
	/** Rounds since the track was last observed (in view or not). */
	age: number;
	liftedBy?: WorldObject['liftedBy'];
	object: WorldObject | null;
}

/**
 * Turns per-frame observations into tracks with stable ids: associates by 3D distance and label,
 * smooths position, size and label confidence, and adds/removes world objects with hysteresis (a
 * track must be seen `confirmHits` times to appear and missed `removeMisses` times *while in view*
 * to disappear — looking away does not delete things). Writes into the world as source `'detector'`;
 * platform planes/meshes are synced by identity as `'plane'`/`'mesh'`.
 *
 * ```ts
 * const tracker = new ObjectTracker( sense.world );
 * tracker.addEventListener( 'label', ( e ) => console.log( e.object.id, e.label ) );
 * tracker.update( observations, ( p ) => isInView( p ) );
 * ```
 */
export class ObjectTracker extends EventDispatcher<ObjectTrackerEventMap> {
	readonly options: Required<ObjectTrackerOptions>;
	private tracks: Track[] = [];
	private readonly surfaces = new Map<object, WorldObject>();

	constructor(
		readonly world: WorldModel,
		options: ObjectTrackerOptions = {},
	) {
		super();
		this.options = {
			gate: options.gate ?? 0.6,
			confirmHits: options.confirmHits ?? 2,
			removeMisses: options.removeMisses ?? 4,
			smoothing: options.smoothing ?? 0.35,
			tentativeRounds: options.tentativeRounds ?? 8,
		};
	}

	/** Confirmed and tentative tracks (for inspection and tests). */
	get trackCount(): number {
		return this.tracks.length;
	}

	/**
	 * One round of detections. `inView` says whether a world point was inside the frame the
	 * observations came from; tracks outside it are neither confirmed nor missed.
	 */
	update(observations: readonly Observation[], inView: (p: Vector3) => boolean = () => true): void {
		// An observation with a NaN/Infinite place, size or score never reaches the world.
		if (!observations.every(isFiniteObservation)) observations = observations.filter(isFiniteObservation);
		const a = this.options.smoothing;
		const matched = new Set<Track>();
		const pairs: Array<{ track: Track; obs: Observation; cost: number }> = [];
		for (const obs of observations) {
			for (const track of this.tracks) {
				const gate = Math.max(this.options.gate, 0.5 * Math.max(track.size.x, track.size.y));
				const d = track.position.distanceTo(obs.position);
				const sameLabel = topLabel(track.scores) === obs.label;
				// Another label may join a track only when it is very close: the detector hesitating.
				if (d > (sameLabel ? gate : gate / 2)) continue;
				pairs.push({ track, obs, cost: d + (sameLabel ? 0 : gate) });
			}
		}
		pairs.sort((x, y) => x.cost - y.cost);
		const used = new Set<Observation>();
		for (const { track, obs } of pairs) {
			if (matched.has(track) || used.has(obs)) continue;
			matched.add(track);
			used.add(obs);
			track.position.lerp(obs.position, a);
			track.size.lerp(obs.size, a);
			this.observe(track, obs, a);
		}
		for (const obs of observations) {
			if (used.has(obs)) continue;
			const track: Track = {
				position: obs.position.clone(),
				size: obs.size.clone(),
				scores: new Map(),
				colors: new Map(),
				hits: 0,
				misses: 0,
				age: 0,
				object: null,
			};
			this.observe(track, obs, 1);
			this.tracks.push(track);
			matched.add(track);
		}
		for (const track of this.tracks) {
			if (!matched.has(track)) track.age++;
			if (!matched.has(track) && inView(track.position)) {
				track.misses++;
				for (const [label, s] of track.scores) track.scores.set(label, s * (1 - a));
			}
		}
		this.tracks = this.tracks.filter((t) => {
			const limit = t.object ? this.options.removeMisses : 1;
			if (t.misses < limit && (t.object || t.age < this.options.tentativeRounds)) return true;
			if (t.object) this.world.remove(t.object.id);
			return false;
		});
		for (const track of this.tracks) this.publish(track);
	}

	/** Replaces the world's objects of one platform kind with these surfaces, keeping ids by identity. */
	syncSurfaces(kind: 'plane' | 'mesh', surfaces: readonly SurfaceObservation[]): void {
		const seen = new Set<object>();
		for (const s of surfaces) {
			seen.add(s.key);
			let object = this.surfaces.get(s.key);
			if (!object) {
				object = this.world.add({
					label: s.label,
					confidence: 1,
					position: s.position.clone(),
					size: s.size.clone(),
					source: kind,
					object3D: null,
				});
				this.surfaces.set(s.key, object);
				this.dispatchEvent({ type: 'label', object, label: s.label, confidence: 1 });
			} else {
				object.position.copy(s.position);
				object.size.copy(s.size);
				object.lastSeen = performance.now();
			}
		}
		for (const [key, object] of this.surfaces) {
			if (object.source === kind && !seen.has(key)) {
				this.surfaces.delete(key);
				this.world.remove(object.id);
			}
		}
	}

	/** Removes every object this tracker put in the world. */
	clear(): void {
		for (const t of this.tracks) if (t.object) this.world.remove(t.object.id);
		for (const o of this.surfaces.values()) this.world.remove(o.id);
		this.tracks = [];
		this.surfaces.clear();
	}

	private observe(track: Track, obs: Observation, a: number): void {
		track.hits++;
		track.misses = 0;
		track.age = 0;
		if (obs.liftedBy) track.liftedBy = obs.liftedBy;
		for (const [label, s] of track.scores) track.scores.set(label, s * (1 - a));
		track.scores.set(obs.label, (track.scores.get(obs.label) ?? 0) + a * obs.confidence);
		if (obs.color) track.colors.set(obs.color, (track.colors.get(obs.color) ?? 0) + obs.confidence);
	}

	private publish(track: Track): void {
		if (!track.object && track.hits < this.options.confirmHits) return;
		const label = topLabel(track.scores);
		const confidence = track.scores.get(label) ?? 0;
		const color = topLabel(track.colors) as ColorName | '';
		if (!track.object) {
			track.object = this.world.add({
				label,
				confidence,
				position: track.position.clone(),
				size: track.size.clone(),
				source: 'detector',
				object3D: null,
				color: color || undefined,
				liftedBy: track.liftedBy,
			});
			this.dispatchEvent({ type: 'label', object: track.object, label, confidence });
			return;
		}
		const object = track.object;
		object.position.copy(track.position);
		object.size.copy(track.size);
		object.confidence = confidence;
		if (color) object.color = color;
		if (track.liftedBy) object.liftedBy = track.liftedBy;
		if (track.misses === 0) object.lastSeen = performance.now();
		if (object.label !== label) {
			object.label = label;
			this.dispatchEvent({ type: 'label', object, label, confidence });
		}
	}
}

function topLabel<K extends string>(scores: Map<K, number>): K | '' {
	let best: K | '' = '';
	let top = Number.NEGATIVE_INFINITY;
	for (const [k, s] of scores) {
		if (s > top) {
			top = s;
			best = k;
		}
	}
	return best;
}

function isFiniteObservation(o: Observation): boolean {
	const { position: p, size: s } = o;
	return (
		Number.isFinite(o.confidence) &&
		Number.isFinite(p.x) &&
		Number.isFinite(p.y) &&
		Number.isFinite(p.z) &&
		Number.isFinite(s.x) &&
		Number.isFinite(s.y) &&
		Number.isFinite(s.z)
	);
}
