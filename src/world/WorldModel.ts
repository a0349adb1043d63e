import { Box3, EventDispatcher, type Object3D, Vector3 } from 'three';
import type { ColorName, Ray, Scenario, ScenarioObject, ScenarioSound, SoundClass } from '../fusion/scenario.js';
import { isShown } from '../runtime/isShown.js';
import { type SoundSource, SoundSourceTracker } from './SoundSourceTracker.js';
import type { WorldObject, WorldObjectSource } from './WorldObject.js';

/** A sound event the audio stage heard, with the world direction it came from. */
export interface WorldSound {
	class: SoundClass;
	/**
	 * World-space direction from the listener (need not be normalised); null when the bearing is
	 * unknown (identical channels: mono input, or the browser's HRTF data not loaded yet). Such a
	 * sound is kept for what it was, but joins no {@link SoundSource} and is not in the scenario.
	 */
	direction: Vector3 | null;
	/** Class confidence, 0–1. */
	confidence: number;
	/** `performance.now()` time of the event. */
	time: number;
	/** Id of the object the sound was attributed to, if any. */
	objectId: string | null;
}

export interface WorldModelEventMap {
	objectadded: { object: WorldObject };
	objectremoved: { object: WorldObject };
	sound: { sound: WorldSound; source: SoundSource | null };
}

/** Options for {@link WorldModel.register}. */
export interface RegisterOptions {
	label: string;
	color?: ColorName;
	confidence?: number;
	name?: string;
}

const _box = new Box3();

/**
 * The plugin's model of the scene: objects with stable ids and recent sounds. Perception stages
 * write it, the fusion stage reads it (as a {@link Scenario}), actions change it.
 *
 * ```ts
 * const world = new WorldModel();
 * world.registerSceneObjects( scene ); // every object with userData.label
 * const scenario = world.toScenario( 'u1', 'pick up the red cup', viewerRay, null );
 * ```
 */
export class WorldModel extends EventDispatcher<WorldModelEventMap> {
	/** Objects by id, in insertion order. */
	readonly objects = new Map<string, WorldObject>();
	/** Sound events, oldest first; trimmed to {@link soundWindowMs}. */
	readonly sounds: WorldSound[] = [];
	/** How long a sound (and a sound source not heard again) stays relevant, in milliseconds. */
	soundWindowMs = 8000;
	/** Sound sources followed over time (class, smoothed direction, first/last heard, attributed object). */
	readonly soundSources = new SoundSourceTracker();

	/** The tracked sound sources, oldest first. */
	get sources(): readonly SoundSource[] {
		return this.soundSources.sources;
	}

	private nextId = 1;
	private readonly byObject3D = new Map<Object3D, WorldObject>();

	/** Adds an object and returns it; `id` is generated unless given. */
	add(
		init: Omit<WorldObject, 'id' | 'lastSeen' | 'held' | 'hidden'> &
			Partial<Pick<WorldObject, 'id' | 'held' | 'hidden'>>,
	): WorldObject {
		const id = init.id ?? `${init.source}-${this.nextId++}`;
		if (this.objects.has(id)) throw new Error(`WorldModel: duplicate object id "${id}"`);
		const object: WorldObject = {
			held: false,
			hidden: false,
			...init,
			id,
			lastSeen: performance.now(),
		};
		this.objects.set(id, object);
		if (object.object3D) this.byObject3D.set(object.object3D, object);
		this.dispatchEvent({ type: 'objectadded', object });
		return object;
	}

	/** Removes an object by id; returns whether it existed. */
	remove(id: string): boolean {
		const object = this.objects.get(id);
		if (!object) return false;
		this.objects.delete(id);
		if (object.object3D) this.byObject3D.delete(object.object3D);
		this.dispatchEvent({ type: 'objectremoved', object });
		return true;
	}

	get(id: string): WorldObject | undefined {
		return this.objects.get(id);
	}

	/** The world object standing for a three.js object (or one of its ancestors), if registered. */
	findByObject3D(object3D: Object3D | null): WorldObject | undefined {
		for (let o = object3D; o; o = o.parent) {
			const found = this.byObject3D.get(o);
			if (found) return found;
		}
		return undefined;
	}

	/** Registers a host object with a ground-truth label; its box is refreshed by {@link refresh}. */
	register(object3D: Object3D, options: RegisterOptions): WorldObject {
		const existing = this.byObject3D.get(object3D);
		if (existing) return existing;
		const object = this.add({
			id: object3D.name ? this.uniqueId(object3D.name) : undefined,
			label: options.label,
			color: options.color,
			confidence: options.confidence ?? 1,
			name: options.name ?? (object3D.name || undefined),
			position: new Vector3(),
			size: new Vector3(),
			source: 'scene',
			object3D,
		});
		this.refreshObject(object);
		return object;
	}

	/**
	 * Registers every descendant of `root` whose `userData.label` is a string (its ground-truth
	 * label), with `userData.color` as its colour. Returns how many were added.
	 */
	registerSceneObjects(root: Object3D): number {
		let count = 0;
		root.traverse((o) => {
			const label = o.userData.label;
			if (typeof label === 'string' && !this.byObject3D.has(o)) {
				this.register(o, { label, color: o.userData.color });
				count++;
			}
		});
		return count;
	}

	/** Refreshes the boxes of scene-registered objects from their three.js objects. */
	refresh(now = performance.now()): void {
		for (const object of this.objects.values()) {
			if (object.source === 'scene' && object.object3D) {
				this.refreshObject(object);
				object.lastSeen = now;
			}
		}
		while (this.sounds.length > 0 && now - this.sounds[0].time > this.soundWindowMs) this.sounds.shift();
		this.soundSources.prune(now, this.soundWindowMs);
	}

	/** Records a sound event and adds it to its source (none for an unknown bearing); returns that source. */
	addSound(sound: WorldSound): SoundSource | null {
		this.sounds.push(sound);
		const source = this.soundSources.update(sound);
		this.dispatchEvent({ type: 'sound', sound, source });
		return source;
	}

	/** Freezes the current state into a scenario for the fusion model. */
	toScenario(id: string, transcript: string, viewer: Ray, pointer: Ray | null, lang?: Scenario['lang']): Scenario {
		const objects: ScenarioObject[] = [];
		for (const o of this.objects.values()) {
			// The host's registered objects are ground truth: a detector track of one of them is the
			// same thing seen again, not a second candidate the model would have to choose between.
			if (o.source === 'detector' && this.explainedBySceneObject(o)) continue;
			const entry: ScenarioObject = {
				id: o.id,
				label: o.label,
				confidence: round(o.confidence),
				position: [round(o.position.x), round(o.position.y), round(o.position.z)],
				size: [round(o.size.x), round(o.size.y), round(o.size.z)],
			};
			if (o.color) entry.color = o.color;
			if (o.name) entry.name = o.name;
			if (o.held) entry.held = true;
			if (o.hidden) entry.hidden = true;
			objects.push(entry);
		}
		// One sound per tracked source: repeated events of a source are successive estimates of one
		// ongoing sound, smoothed, so an early stray one does not pull "what's that ringing?" elsewhere;
		// two phones ringing from two sides stay two. Sources without a bearing are not there at all.
		const sounds: ScenarioSound[] = [...this.soundSources.sources]
			.sort((a, b) => a.lastHeard - b.lastHeard)
			.map((s) => ({
				class: s.class,
				direction: [round(s.direction.x), round(s.direction.y), round(s.direction.z)],
				confidence: round(s.confidence),
			}));
		const scenario: Scenario = { id, transcript, viewer, pointer, objects, sounds };
		if (lang) scenario.lang = lang;
		return scenario;
	}

	/** True when a registered scene object's box (grown by `margin` metres) holds `o`'s centre. */
	explainedBySceneObject(o: WorldObject, margin = 0.1): boolean {
		for (const scene of this.objects.values()) {
			if (scene.source !== 'scene' || scene === o) continue;
			_box.setFromCenterAndSize(scene.position, scene.size).expandByScalar(margin);
			if (_box.containsPoint(o.position)) return true;
		}
		return false;
	}

	/** Removes everything. */
	clear(): void {
		for (const id of [...this.objects.keys()]) this.remove(id);
		this.sounds.length = 0;
		this.soundSources.clear();
	}

	private refreshObject(object: WorldObject): void {
		const o3 = object.object3D;
		if (!o3) return;
		o3.updateWorldMatrix(true, true);
		// Geometry bounding boxes, not every vertex: this runs for every registered object each frame.
		_box.setFromObject(o3);
		if (_box.isEmpty()) {
			o3.getWorldPosition(object.position);
			object.size.set(0, 0, 0);
		} else {
			_box.getCenter(object.position);
			_box.getSize(object.size);
		}
		object.hidden = !isShown(o3);
	}

	private uniqueId(name: string): string {
		const base = name.trim().toLowerCase().replace(/\s+/g, '-') || 'object';
		let id = base;
		for (let i = 2; this.objects.has(id); i++) id = `${base}-${i}`;
		return id;
	}
}

function round(v: number): number {
	return Math.round(v * 1000) / 1000;
}

export type { SoundSource, WorldObjectSource };
