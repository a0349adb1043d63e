import type { SceneUnderstanding } from './SceneUnderstanding.js';

/**
 * One replaceable piece of the pipeline (a camera source + detector, the audio listener, the
 * fusion model, an action handler…). `SceneUnderstanding` loads, updates and disposes its stages
 * in order. `update` runs on the XR frame loop: capture and bookkeeping only, never blocking.
 *
 * ```ts
 * class MyStage implements SenseStage {
 *   readonly name = 'my-stage';
 *   async load( sense ) { this.sense = sense; }
 *   update( time, frame ) { }
 *   dispose() { }
 * }
 * const sense = new SceneUnderstanding( { renderer, scene, camera, stages: [ new MyStage() ] } );
 * ```
 */
export interface SenseStage {
	readonly name: string;
	/** Loads models and resources; `onProgress` takes 0–1. */
	load?(sense: SceneUnderstanding, onProgress?: (fraction: number) => void): Promise<void>;
	/** Per-frame bookkeeping; must not block. */
	update?(time: number, frame?: XRFrame): void;
	/** Releases everything the stage created. */
	dispose(): void;
}
