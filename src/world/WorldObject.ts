import type { Object3D, Vector3 } from 'three';
import type { ColorName } from '../fusion/scenario.js';

/** Where a world object came from. */
export type WorldObjectSource = 'scene' | 'detector' | 'plane' | 'mesh';

/**
 * One thing the plugin believes is in the scene: a host-registered three.js object, a detector
 * track, or a platform plane/mesh with a semantic label.
 */
export interface WorldObject {
	/** Stable id, unique within one {@link WorldModel}. */
	readonly id: string;
	/** Class label: COCO name, WebXR semantic label, or a free label the host registered. */
	label: string;
	/** Confidence of the label, 0–1. */
	confidence: number;
	/** Dominant colour name, when known. */
	color?: ColorName;
	/** Centre of the bounding box in world space (metres). */
	readonly position: Vector3;
	/** Axis-aligned bounding-box extent (width, height, depth). */
	readonly size: Vector3;
	/** For detector tracks: what placed the latest sighting in 3D (depth sensing, a WebXR hit test, a plane…). */
	liftedBy?: 'depth' | 'hit-test' | 'plane' | 'mesh' | 'scene';
	/** Name the host gave the object (e.g. a glTF node name). */
	name?: string;
	readonly source: WorldObjectSource;
	/** The three.js object this entry stands for, when there is one. */
	object3D: Object3D | null;
	/** True while the user holds the object. */
	held: boolean;
	/** True while the object is hidden. */
	hidden: boolean;
	/** `performance.now()` time the object was last observed or refreshed. */
	lastSeen: number;
}
