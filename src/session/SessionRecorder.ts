import { Quaternion, Vector3 } from 'three';
import type { ActingInput } from '../actions/ActionHandler.js';
import type { Ray } from '../fusion/scenario.js';
import { HearingStage, type HearingStageEventMap } from '../perception/audio/HearingStage.js';
import { VisionStage, type VisionStageEventMap } from '../perception/VisionStage.js';
import type { SceneUnderstanding, SceneUnderstandingEventMap } from '../SceneUnderstanding.js';
import type { SenseStage } from '../SenseStage.js';
import { FrameThumbnail } from './FrameThumbnail.js';
import { formatSession } from './parseSession.js';
import { actionFields, round3, sessionObject } from './sessionFields.js';
import {
	ACTION_EVENTS,
	SESSION_FORMAT,
	SESSION_VERSION,
	type SessionHeader,
	type SessionRecord,
} from './sessionFormat.js';

export interface SessionRecorderOptions {
	/** Pose samples per second (default 10). */
	poseHz?: number;
	/** Camera frames kept per second, at most (default 1; 0 keeps none). */
	frameHz?: number;
	/** Width of the kept frames in pixels (default 160). */
	frameWidth?: number;
}

const _position = new Vector3();
const _quaternion = new Quaternion();
const _scale = new Vector3();
const _origin = new Vector3();
const _direction = new Vector3();

/**
 * Records a session of a {@link SceneUnderstanding} as a versioned JSON Lines file (see
 * `parseSession`): head, pointer and controller poses sampled at `poseHz` (written when they moved), down-sampled camera
 * frames the vision stage analysed, its detections and the detector tracks, the sound events and
 * window summaries heard, transcripts, the interpreter's answers and every action event — each with
 * `t`, milliseconds from `start()`. Off until `start()`; it keeps everything in memory and sends
 * nothing anywhere: `stop()` hands the file back to the caller. {@link SessionReplay} replays it.
 *
 * ```ts
 * const recorder = new SessionRecorder( sense, { poseHz: 10, frameHz: 1 } );
 * recorder.start();
 * await sense.handleTranscript( 'pick up the red cup' );
 * const text = recorder.stop(); // JSON Lines
 * const url = URL.createObjectURL( new Blob( [ text ], { type: 'application/x-ndjson' } ) );
 * recorder.dispose();
 * ```
 */
export class SessionRecorder implements SenseStage {
	/** The recorder samples poses as a stage of the plugin, under this name, while it records. */
	readonly name = 'session-recorder';
	/** Pose samples per second. */
	readonly poseHz: number;
	/** Camera frames kept per second, at most. */
	readonly frameHz: number;
	/** Width of the kept frames, pixels. */
	readonly frameWidth: number;
	/** The records so far (the header is written by `stop()`). */
	readonly records: SessionRecord[] = [];
	private header: SessionHeader | null = null;
	private startedAt = 0;
	private lastPose = Number.NEGATIVE_INFINITY;
	private lastFrame = Number.NEGATIVE_INFINITY;
	private lastTracks = '';
	private lastPoseKey = '';
	/** Index of the first record pushed by the synchronous code running now, or -1. */
	private syncStart = -1;
	private utterance = 0;
	private readonly thumbnail: FrameThumbnail;
	private readonly cleanups: Array<() => void> = [];

	constructor(
		readonly sense: SceneUnderstanding,
		options: SessionRecorderOptions = {},
	) {
		this.poseHz = options.poseHz ?? 10;
		this.frameHz = options.frameHz ?? 1;
		this.frameWidth = options.frameWidth ?? 160;
		this.thumbnail = new FrameThumbnail(this.frameWidth);
	}

	/** True between `start()` and `stop()`. */
	get recording(): boolean {
		return this.header !== null;
	}

	/** Starts a new recording (dropping an earlier one's records): listens to the stages and samples poses each frame. */
	start(): this {
		if (this.recording) return this;
		const sense = this.sense;
		this.records.length = 0;
		this.utterance = 0;
		this.lastTracks = this.lastPoseKey = '';
		this.lastPose = this.lastFrame = Number.NEGATIVE_INFINITY;
		this.startedAt = performance.now();
		sense.world.refresh();
		this.header = {
			format: SESSION_FORMAT,
			version: SESSION_VERSION,
			created: new Date().toISOString(),
			backend: sense.backend,
			rates: { poseHz: this.poseHz, frameHz: this.frameHz, frameWidth: this.frameWidth },
			scene: { objects: [...sense.world.objects.values()].filter((o) => o.source === 'scene').map(sessionObject) },
		};
		this.listen(sense, 'transcript', (e) => this.onTranscript(e));
		this.listen(sense, 'answer', ({ answer }) => {
			const { intent, target, destination, confidence, missing } = answer;
			this.push({
				t: this.now(),
				kind: 'answer',
				utterance: this.utterance,
				intent,
				target,
				destination,
				confidence: round3(confidence),
				...(missing ? { missing } : {}),
			});
		});
		for (const type of ACTION_EVENTS)
			this.listen(sense, type, (e) => {
				this.markSynchronousRun();
				this.push({ t: this.now(), kind: 'action', utterance: this.utterance, type, ...actionFields(type, e) });
			});
		for (const stage of sense.stages) {
			if (stage instanceof VisionStage) this.listenVision(stage);
			if (stage instanceof HearingStage) this.listenHearing(stage);
		}
		sense.stages.push(this);
		return this;
	}

	/** Samples the poses at `poseHz` (the plugin calls this each frame while recording). */
	update(): void {
		const now = performance.now();
		if (!this.recording || now - this.lastPose < 1000 / this.poseHz) return;
		this.lastPose = now;
		const sense = this.sense;
		const xr = sense.renderer.xr;
		const presenting = xr.isPresenting;
		const camera = presenting ? xr.getCamera() : sense.camera;
		camera.updateWorldMatrix(true, false);
		camera.matrixWorld.decompose(_position, _quaternion, _scale);
		const head = [..._position.toArray(), ..._quaternion.toArray()].map(round3);
		const pointer = sense.pointers.getRay(_origin, _direction) ? ray(_origin, _direction) : null;
		const controllers: Array<{ index: number; pose: number[] }> = [];
		for (let i = 0; presenting && i < 2; i++) {
			if (!sense.pointers.inputSource(i)) continue;
			// The target-ray space three already tracks (the pointers put it in the scene).
			xr.getController(i).matrixWorld.decompose(_position, _quaternion, _scale);
			controllers.push({ index: i, pose: [..._position.toArray(), ..._quaternion.toArray()].map(round3) });
		}
		// A sample is written when something moved: a still head costs nothing, and a replay holds the last pose.
		const key = JSON.stringify([head, pointer, controllers]);
		if (key === this.lastPoseKey) return;
		this.lastPoseKey = key;
		this.push({ t: this.now(), kind: 'pose', head, pointer, controllers });
	}

	/** Ends the recording and returns the session file (JSON Lines: header, then one record per line). */
	stop(): string {
		if (!this.header) throw new Error('SessionRecorder: stop() without start()');
		const text = formatSession({ header: this.header, records: this.records });
		this.detach();
		this.header = null;
		return text;
	}

	/** Stops listening and drops the records. */
	dispose(): void {
		this.detach();
		this.header = null;
		this.records.length = 0;
		this.thumbnail.dispose();
	}

	private detach(): void {
		for (const cleanup of this.cleanups) cleanup();
		this.cleanups.length = 0;
		const index = this.sense.stages.indexOf(this);
		if (index >= 0) this.sense.stages.splice(index, 1);
	}

	private listen<K extends keyof SceneUnderstandingEventMap>(
		sense: SceneUnderstanding,
		type: K,
		listener: (e: SceneUnderstandingEventMap[K]) => void,
	): void {
		sense.addEventListener(type, listener);
		this.cleanups.push(() => sense.removeEventListener(type, listener));
	}

	private onTranscript(e: SceneUnderstandingEventMap['transcript']): void {
		const input = e.input as ActingInput;
		// The acting stage listens first: a transcript it consumed ("undo", "yes") has already done its
		// action, inside this same dispatch. Those records belong after this transcript, not before it.
		const at = e.defaultPrevented && this.syncStart >= 0 ? this.syncStart : this.records.length;
		const utterance = ++this.utterance;
		for (let i = at; i < this.records.length; i++) {
			const r = this.records[i];
			if (r.kind === 'action' || r.kind === 'answer') r.utterance = utterance;
		}
		this.records.splice(at, 0, {
			t: Math.min(this.now(), this.records[at]?.t ?? Number.POSITIVE_INFINITY),
			kind: 'transcript',
			utterance,
			text: e.text,
			...(input.lang ? { lang: input.lang } : {}),
			...(input.source ? { source: input.source } : {}),
			viewer: input.viewer ?? this.sense.getViewerRay(),
			pointer: input.pointer ?? null,
			...(input.thatRay !== undefined ? { thatRay: input.thatRay } : {}),
			...(input.thereRay !== undefined ? { thereRay: input.thereRay } : {}),
		});
	}

	private listenVision(vision: VisionStage): void {
		const onDetections = (e: VisionStageEventMap['detections']) => {
			const t = this.now();
			const now = performance.now();
			if (this.frameHz > 0 && now - this.lastFrame >= 1000 / this.frameHz) {
				const image = this.thumbnail.encode(e.frame.pixels, e.frame.width, e.frame.height);
				if (image) {
					this.lastFrame = now;
					this.push({ t, kind: 'frame', width: this.thumbnail.width, height: this.thumbnail.height, image });
				}
			}
			const boxes = e.detections.map((d, i) => {
				const lifted = e.lifted[i];
				const p = lifted?.position;
				return {
					label: d.label,
					score: round3(d.score),
					box: d.box.map(Math.round),
					...(d.color ? { color: d.color } : {}),
					position: p ? ([round3(p.x), round3(p.y), round3(p.z)] as [number, number, number]) : null,
				};
			});
			this.push({ t, kind: 'detections', ms: Math.round(e.ms), boxes });
			const tracks = [...this.sense.world.objects.values()].filter((o) => o.source !== 'scene').map(sessionObject);
			const key = JSON.stringify(tracks);
			if (key !== this.lastTracks) {
				this.lastTracks = key;
				this.push({ t, kind: 'tracks', objects: tracks });
			}
		};
		vision.addEventListener('detections', onDetections);
		this.cleanups.push(() => vision.removeEventListener('detections', onDetections));
	}

	private listenHearing(hearing: HearingStage): void {
		const onSound = (e: HearingStageEventMap['sound']) => {
			const { sound } = e;
			const d = sound.direction;
			this.push({
				t: this.now(),
				kind: 'sound',
				class: sound.class,
				confidence: round3(sound.confidence),
				azimuth: e.azimuth === null ? null : round3(e.azimuth),
				direction: d ? [round3(d.x), round3(d.y), round3(d.z)] : null,
				objectId: sound.objectId,
			});
		};
		const onAnalysis = (e: HearingStageEventMap['analysis']) =>
			this.push({ t: this.now(), kind: 'analysis', class: e.class, score: round3(e.score), level: round3(e.level) });
		hearing.addEventListener('sound', onSound);
		hearing.addEventListener('analysis', onAnalysis);
		this.cleanups.push(() => {
			hearing.removeEventListener('sound', onSound);
			hearing.removeEventListener('analysis', onAnalysis);
		});
	}

	/** Notes where the records of the running task begin (reset once its synchronous code is done). */
	private markSynchronousRun(): void {
		if (this.syncStart >= 0) return;
		this.syncStart = this.records.length;
		queueMicrotask(() => {
			this.syncStart = -1;
		});
	}

	private now(): number {
		return Math.round(performance.now() - this.startedAt);
	}

	private push(record: SessionRecord): void {
		if (this.recording) this.records.push(record);
	}
}

function ray(origin: Vector3, direction: Vector3): Ray {
	return {
		position: [round3(origin.x), round3(origin.y), round3(origin.z)],
		forward: [round3(direction.x), round3(direction.y), round3(direction.z)],
	};
}
