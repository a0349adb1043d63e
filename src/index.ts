/**
 * xr-sense — on-device multimodal scene understanding for three.js WebXR apps.
 *
 * ```ts
 * import { SceneUnderstanding } from 'xr-sense';
 * const sense = new SceneUnderstanding( { renderer, scene, camera } );
 * await sense.load();
 * ```
 */
export type { ActionEvent, ActionEventMap, IntentEventData } from './actions/ActionEvents.js';
export type {
	ActingInput,
	ActionHandler,
	ActionOutcome,
	ActionRequest,
	ActionServices,
	SurfaceHit,
} from './actions/ActionHandler.js';
export { type ActionHost, ActionStage, type ActionStageOptions } from './actions/ActionStage.js';
export { Animator } from './actions/Animator.js';
export { CaptureIndicator } from './actions/CaptureIndicator.js';
export { DebugHud, type DebugHudOptions, type DebugHudState } from './actions/DebugHud.js';
export { type HandSlot, HandSlots, type HandSlotsEventMap } from './actions/HandSlots.js';
export { DeleteAction } from './actions/handlers/DeleteAction.js';
export { DescribeAction } from './actions/handlers/DescribeAction.js';
export { GrabAction } from './actions/handlers/GrabAction.js';
export { MoveAction } from './actions/handlers/MoveAction.js';
export { SelectAction } from './actions/handlers/SelectAction.js';
export { TransformAction, type TransformActionOptions } from './actions/handlers/TransformAction.js';
export { VisibilityAction } from './actions/handlers/VisibilityAction.js';
export { MessagePanel } from './actions/MessagePanel.js';
export { ObjectLabels, type ObjectLabelsOptions } from './actions/ObjectLabels.js';
export { ObjectSnapshot } from './actions/ObjectSnapshot.js';
export {
	askSentence,
	describeSentence,
	isUndo,
	type ReplyLang,
	replyLanguage,
	yesOrNo,
} from './actions/phrases.js';
export { findRestingPlace, placeAgainst, type RestingPlaceOptions } from './actions/placement.js';
export { raycastSurface } from './actions/raycastSurface.js';
export { SelectionHighlight } from './actions/SelectionHighlight.js';
export { stampDeixis } from './actions/stampDeixis.js';
export { type UndoEntry, UndoStack } from './actions/UndoStack.js';
export { type FusionExplanation, type FusionMetadata, FusionModel } from './fusion/FusionModel.js';
export { FusionStage, type FusionStageOptions } from './fusion/FusionStage.js';
export {
	createTranscriptEvent,
	type Interpreter,
	type TranscriptEvent,
	type TranscriptInput,
} from './fusion/Interpreter.js';
export * from './fusion/scenario.js';
export {
	analyseSoundWindow,
	type SoundWindowOptions,
	type SoundWindowResult,
} from './perception/audio/analyseSoundWindow.js';
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
export { MainThreadSoundClassifier } from './perception/audio/MainThreadSoundClassifier.js';
export { resample } from './perception/audio/resample.js';
export {
	SoundEventClassifier,
	type SoundEventModelFiles,
	type SoundPatchResult,
} from './perception/audio/SoundEventClassifier.js';
export type { SoundWindowClassifier } from './perception/audio/SoundWindowClassifier.js';
export { WorkerSoundClassifier } from './perception/audio/WorkerSoundClassifier.js';
export { type DecodedWav, decodeWav, encodeWav } from './perception/audio/wav.js';
export { CenterNetDetector, type CenterNetOptions } from './perception/detection/CenterNetDetector.js';
export { COCO_LABELS, LABELS_ZH, labelZh } from './perception/detection/cocoLabels.js';
export { DetectionScheduler } from './perception/detection/DetectionScheduler.js';
export type { Detection, Detector, DetectorPixels, PixelBox } from './perception/detection/Detector.js';
export { decodeDetections } from './perception/detection/decodeDetections.js';
export { dominantColor, nameColor } from './perception/detection/dominantColor.js';
export { NanoDetDetector, type NanoDetOptions } from './perception/detection/NanoDetDetector.js';
export { iou, nonMaxSuppression } from './perception/detection/nonMaxSuppression.js';
export {
	BoxLifter,
	type FrameGeometry,
	type LiftMethod,
	type LiftResult,
	type LiftSources,
	type PlaneSnapshot,
} from './perception/lifting/BoxLifter.js';
export { XRHitTester, type XRHitTesterOptions } from './perception/lifting/XRHitTester.js';
export { XRSurfaces } from './perception/lifting/XRSurfaces.js';
export { tokenize, type Vocabulary } from './perception/tokenizer.js';
export { VisionStage, type VisionStageEventMap, type VisionStageOptions } from './perception/VisionStage.js';
export { ModelFileError, type ModelFileProblem } from './runtime/models/ModelFileError.js';
export {
	MANIFEST_FORMAT,
	type ModelFileEntry,
	type ModelManifest,
	type ModelVerifyOptions,
} from './runtime/models/ModelManifest.js';
export { ModelVerifier } from './runtime/models/ModelVerifier.js';
export { fillPanel, LABEL_FONTS } from './runtime/panelCanvas.js';
export { type PreparedXR, type PrepareXROptions, prepareXR, type XRProvider } from './runtime/prepareXR.js';
export { FrameBudget } from './runtime/scheduling/FrameBudget.js';
export { StageScheduler, type StageSchedulerOptions } from './runtime/scheduling/StageScheduler.js';
export { smoothMs, UpdateTiming } from './runtime/scheduling/UpdateTiming.js';
export { type BackendName, type SelectBackendOptions, selectBackend } from './runtime/selectBackend.js';
export {
	type LoadOptions,
	SceneUnderstanding,
	type SceneUnderstandingEventMap,
	type SceneUnderstandingOptions,
} from './SceneUnderstanding.js';
export type { SenseStage } from './SenseStage.js';
export { type DiffTolerance, diffOutputs, type ReplayOutput, type SessionDiff } from './session/diffOutputs.js';
export { FrameThumbnail } from './session/FrameThumbnail.js';
export { formatSession, parseSession } from './session/parseSession.js';
export { SessionFormatError } from './session/SessionFormatError.js';
export { SessionRecorder, type SessionRecorderOptions } from './session/SessionRecorder.js';
export { SessionReplay, type SessionReplayOptions } from './session/SessionReplay.js';
export { actionFields, sessionObject } from './session/sessionFields.js';
export {
	ACTION_EVENTS,
	type ActionEventType,
	type ActionRecord,
	type AnalysisRecord,
	type AnswerRecord,
	type DetectionsRecord,
	type FrameRecord,
	type PoseRecord,
	SESSION_FORMAT,
	SESSION_VERSION,
	type Session,
	type SessionHeader,
	type SessionObject,
	type SessionRecord,
	type SoundRecord,
	type TracksRecord,
	type TranscriptRecord,
} from './session/sessionFormat.js';
export { AudioCapture, type AudioCaptureEventMap, type AudioCaptureOptions } from './sources/audio/AudioCapture.js';
export { type BlockStamp, StereoRingBuffer } from './sources/audio/StereoRingBuffer.js';
export {
	type CaptureDevice,
	CaptureMonitor,
	type CaptureState,
	capturedDevices,
} from './sources/CaptureMonitor.js';
export type { CameraFrame, CameraSource, CameraSourceKind } from './sources/camera/CameraSource.js';
export { createCameraSource, preferredCameraKind } from './sources/camera/chooseCameraSource.js';
export { type RenderedViewOptions, RenderedViewSource } from './sources/camera/RenderedViewSource.js';
export { type UserMediaOptions, UserMediaSource } from './sources/camera/UserMediaSource.js';
export { type XRCameraAccessOptions, XRCameraAccessSource } from './sources/camera/XRCameraAccessSource.js';
export { type PhrasePanelOptions, PhrasePanelTranscriptSource } from './sources/speech/PhrasePanelTranscriptSource.js';
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
export {
	ObjectTracker,
	type ObjectTrackerEventMap,
	type ObjectTrackerOptions,
	type Observation,
	type SurfaceObservation,
} from './world/ObjectTracker.js';
export { type SoundSource, SoundSourceTracker, type TrackedSoundEvent } from './world/SoundSourceTracker.js';
export { type RegisterOptions, WorldModel, type WorldModelEventMap, type WorldSound } from './world/WorldModel.js';
export type { WorldObject, WorldObjectSource } from './world/WorldObject.js';
