import type { BackendName } from './runtime/selectBackend.js';
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
	/**
	 * The page's tfjs backend changed under the stage (the WebGPU device was lost, and `backend` is
	 * the one that took over): load again the models that live on the page's backend, then release
	 * the old ones (their memory went with the device; releasing them must not throw). Stages whose
	 * models run elsewhere (a worker) leave it out. A rejection takes the stage out, as in `load`.
	 */
	backendChanged?(sense: SceneUnderstanding, backend: BackendName): Promise<void>;
	/** Per-frame bookkeeping; must not block. */
	update?(time: number, frame?: XRFrame): void;
	/** Releases everything the stage created. */
	dispose(): void;
}
