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
export { type FusionExplanation, type FusionMetadata, FusionModel } from './fusion/FusionModel.js';
export { FusionStage, type FusionStageOptions } from './fusion/FusionStage.js';
export type { Interpreter, TranscriptInput } from './fusion/Interpreter.js';
export * from './fusion/scenario.js';
export { type Attribution, attributeSound } from './perception/audio/attributeSound.js';
export { type DetectOptions, detectSoundEvents, type HeardSoundEvent } from './perception/audio/detectSoundEvents.js';
export {
	type AzimuthEstimate,
	azimuthToWorldDirection,
	estimateAzimuth,
	type HeadModel,
} from './perception/audio/direction.js';
export { gccPhat } from './perception/audio/gccPhat.js';
export { HearingStage, type HearingStageEventMap, type HearingStageOptions } from './perception/audio/HearingStage.js';
export { LOG_MEL_DEFAULTS, type LogMel, type LogMelOptions, logMelSpectrogram } from './perception/audio/logMel.js';
export { resample } from './perception/audio/resample.js';
export {
	SoundEventClassifier,
	type SoundEventModelFiles,
	type SoundPatchResult,
} from './perception/audio/SoundEventClassifier.js';
export { type DecodedWav, decodeWav, encodeWav } from './perception/audio/wav.js';
export { tokenize, type Vocabulary } from './perception/tokenizer.js';
export { type PreparedXR, type PrepareXROptions, prepareXR, type XRProvider } from './runtime/prepareXR.js';
export { type BackendName, type SelectBackendOptions, selectBackend } from './runtime/selectBackend.js';
export {
	type LoadOptions,
	SceneUnderstanding,
	type SceneUnderstandingEventMap,
	type SceneUnderstandingOptions,
} from './SceneUnderstanding.js';
export type { SenseStage } from './SenseStage.js';
export { AudioCapture, type AudioCaptureEventMap, type AudioCaptureOptions } from './sources/audio/AudioCapture.js';
export { type BlockStamp, StereoRingBuffer } from './sources/audio/StereoRingBuffer.js';
export { ProgrammaticTranscriptSource } from './sources/speech/ProgrammaticTranscriptSource.js';
export { PushToTalk, type PushToTalkOptions } from './sources/speech/PushToTalk.js';
export {
	type Transcript,
	type TranscriptSource,
	TranscriptSourceBase,
	type TranscriptSourceEventMap,
} from './sources/speech/TranscriptSource.js';
export { TypedTranscriptSource, type TypedTranscriptSourceOptions } from './sources/speech/TypedTranscriptSource.js';
export {
	type SpeechRecognitionConstructor,
	type SpeechRecognitionLike,
	WebSpeechTranscriptSource,
	type WebSpeechTranscriptSourceOptions,
} from './sources/speech/WebSpeechTranscriptSource.js';
export { type HeadPose, PoseHistory } from './sources/xr/PoseHistory.js';
export { XRPointers, type XRPointersEventMap } from './sources/xr/XRPointers.js';
export { type RegisterOptions, WorldModel, type WorldModelEventMap, type WorldSound } from './world/WorldModel.js';
export type { WorldObject, WorldObjectSource } from './world/WorldObject.js';
