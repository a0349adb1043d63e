/**
 * xr-sense — on-device multimodal scene understanding for three.js WebXR apps.
 *
 * ```ts
 * import { SceneUnderstanding } from 'xr-sense';
 * const sense = new SceneUnderstanding( { renderer, scene, camera } );
 * await sense.load();
 * ```
 */
export { SelectionHighlight } from './actions/SelectionHighlight.js';
export type { Interpreter, TranscriptInput } from './fusion/Interpreter.js';
export * from './fusion/scenario.js';
export { type PreparedXR, type PrepareXROptions, prepareXR, type XRProvider } from './runtime/prepareXR.js';
export { type BackendName, type SelectBackendOptions, selectBackend } from './runtime/selectBackend.js';
export {
	type LoadOptions,
	SceneUnderstanding,
	type SceneUnderstandingEventMap,
	type SceneUnderstandingOptions,
} from './SceneUnderstanding.js';
export type { SenseStage } from './SenseStage.js';
export { type HeadPose, PoseHistory } from './sources/xr/PoseHistory.js';
export { XRPointers, type XRPointersEventMap } from './sources/xr/XRPointers.js';
export { type RegisterOptions, WorldModel, type WorldModelEventMap, type WorldSound } from './world/WorldModel.js';
export type { WorldObject, WorldObjectSource } from './world/WorldObject.js';
