import { Vector3 } from 'three';
import type { ColorName, SoundClass } from '../fusion/scenario.js';
import type { SceneUnderstanding, SceneUnderstandingEventMap } from '../SceneUnderstanding.js';
import type { WorldSound } from '../world/WorldModel.js';
import { type DiffTolerance, diffOutputs, type ReplayOutput, type SessionDiff } from './diffOutputs.js';
import { actionFields, round3 } from './sessionFields.js';
import {
	ACTION_EVENTS,
	type Session,
	type SessionRecord,
	type SoundRecord,
	type TracksRecord,
	type TranscriptRecord,
} from './sessionFormat.js';

export interface SessionReplayOptions {
	/**
	 * Who steps the frame loop: `'host'` (a page whose animation loop calls `sense.update`; the
	 * replay waits in real time) or `'self'` (the replay calls `sense.update` with a simulated
	 * clock — Node tests). Default: `'host'` where `requestAnimationFrame` exists, else `'self'`.
	 */
	frames?: 'host' | 'self';
	/**
	 * Say each transcript no earlier than it was said in the recording (from `run()`), so live stages
	 * (the vision stage's detections) have had the time they had then. Default: with `frames: 'host'`.
	 */
	realTime?: boolean;
	/** Put the recorded detector tracks into the world (default: when no vision stage runs). */
	tracks?: boolean;
	/** Put the recorded sound events into the world before each transcript (default true). */
	sounds?: boolean;
	/** Give the camera the recorded head pose outside XR (default true). */
	poses?: boolean;
	/** How far numbers may differ and still match: confidences (default 0.05), positions in metres (0.02). */
	tolerance?: { confidence?: number; position?: number };
}

/**
 * Replays a recorded session into a {@link SceneUnderstanding} and says what came out differently:
 * each transcript goes through the real pipeline (`handleTranscript`: the scene's interpreter and
 * actions) with the head and pointer rays it was said with, after the recorded head pose, sound
 * events and (without a vision stage) detector tracks are put back; the answers and action events
 * it produces are compared with the recorded ones, utterance by utterance. An empty list: the
 * session behaves as recorded — a recording is a regression test. Replay into a freshly loaded
 * scene like the recorded one (the header lists its objects; a missing one is a `scene` diff).
 *
 * ```ts
 * const replay = new SessionReplay( sense, parseSession( text ) );
 * const diffs = await replay.run(); // [] when nothing changed
 * replay.dispose();
 * ```
 */
export class SessionReplay {
	/** The outputs produced by the replay so far. */
	readonly outputs: ReplayOutput[] = [];
	private readonly options: Required<Omit<SessionReplayOptions, 'tolerance'>>;
	private readonly tolerance: DiffTolerance;
	private readonly cleanups: Array<() => void> = [];
	private readonly restoredTracks = new Set<string>();
	private readonly restoredSounds: Array<{ record: SoundRecord; sound: WorldSound }> = [];
	private utterance = 0;
	private clock = 0;

	constructor(
		readonly sense: SceneUnderstanding,
		readonly session: Session,
		options: SessionReplayOptions = {},
	) {
		const frames = options.frames ?? (typeof requestAnimationFrame === 'function' ? 'host' : 'self');
		this.options = {
			frames,
			realTime: options.realTime ?? frames === 'host',
			tracks: options.tracks ?? !sense.stages.some((s) => s.name === 'vision'),
			sounds: options.sounds ?? true,
			poses: options.poses ?? true,
		};
		this.tolerance = {
			confidence: options.tolerance?.confidence ?? 0.05,
			position: options.tolerance?.position ?? 0.02,
		};
	}

	/** Replays every record in time order; resolves with the differences (empty: as recorded). */
	async run(): Promise<SessionDiff[]> {
		const sense = this.sense;
		this.outputs.length = 0;
		this.listen();
		const records = [...this.session.records].sort((a, b) => a.t - b.t);
		const start = performance.now();
		for (const record of records) {
			if (record.kind === 'pose' && this.options.poses && !sense.renderer.xr.isPresenting) {
				sense.camera.position.fromArray(record.head, 0);
				sense.camera.quaternion.fromArray(record.head, 3);
				sense.camera.updateMatrixWorld(true);
			} else if (record.kind === 'tracks' && this.options.tracks) {
				this.restoreTracks(record);
			} else if (record.kind === 'transcript') {
				const wait = start + record.t - performance.now();
				if (this.options.realTime && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
				if (this.options.sounds) this.restoreSounds(records, record.t);
				await this.say(record);
			}
		}
		this.detach();
		return [...this.checkScene(), ...diffOutputs(records, this.outputs, this.tolerance)];
	}

	/** Stops listening; what the replay put into the world stays. */
	dispose(): void {
		this.detach();
	}

	private async say(record: TranscriptRecord): Promise<void> {
		this.utterance = record.utterance;
		const input = {
			viewer: record.viewer,
			pointer: record.pointer,
			...(record.lang ? { lang: record.lang as 'en' | 'zh' } : {}),
			...(record.source ? { source: record.source } : {}),
			...(record.thatRay !== undefined ? { thatRay: record.thatRay } : {}),
			...(record.thereRay !== undefined ? { thereRay: record.thereRay } : {}),
		};
		try {
			await this.sense.handleTranscript(record.text, input);
		} catch (error) {
			this.outputs.push({ kind: 'answer', utterance: this.utterance, error: (error as Error).message });
		}
		await this.settle();
	}

	/** Lets the actions finish: animations run out and their completion events arrive. */
	private async settle(): Promise<void> {
		const animator = this.sense.actions?.animator;
		const idle = () => (animator?.active ?? 0) === 0;
		if (this.options.frames === 'self') {
			for (let i = 0; i < 600; i++) {
				this.clock += 1000 / 60;
				this.sense.update(this.clock);
				await new Promise((resolve) => setTimeout(resolve, 0));
				if (i >= 3 && idle()) return;
			}
			return;
		}
		const until = performance.now() + 5000;
		for (let i = 0; performance.now() < until; i++) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			if (i >= 3 && idle()) return;
		}
	}

	private listen(): void {
		const sense = this.sense;
		const onAnswer = ({ answer }: SceneUnderstandingEventMap['answer']) => {
			const { intent, target, destination, confidence, missing } = answer;
			const output: ReplayOutput = { kind: 'answer', utterance: this.utterance, intent, target, destination };
			output.confidence = round3(confidence);
			if (missing) output.missing = missing;
			this.outputs.push(output);
		};
		sense.addEventListener('answer', onAnswer);
		this.cleanups.push(() => sense.removeEventListener('answer', onAnswer));
		for (const type of ACTION_EVENTS) {
			const listener = (e: SceneUnderstandingEventMap[typeof type]) =>
				this.outputs.push({ kind: 'action', utterance: this.utterance, type, ...actionFields(type, e) });
			sense.addEventListener(type, listener);
			this.cleanups.push(() => sense.removeEventListener(type, listener));
		}
	}

	private detach(): void {
		for (const cleanup of this.cleanups) cleanup();
		this.cleanups.length = 0;
	}

	/** Makes the world's restored detector tracks those of `record`. */
	private restoreTracks(record: TracksRecord): void {
		const world = this.sense.world;
		const wanted = new Set(record.objects.map((o) => o.id));
		for (const id of [...this.restoredTracks]) {
			if (!wanted.has(id)) {
				world.remove(id);
				this.restoredTracks.delete(id);
			}
		}
		for (const o of record.objects) {
			const existing = world.get(o.id);
			if (existing && !this.restoredTracks.has(o.id)) continue; // the live pipeline's own object
			if (existing) {
				existing.position.fromArray(o.position);
				existing.size.fromArray(o.size);
				existing.label = o.label;
				existing.confidence = o.confidence;
				continue;
			}
			world.add({
				id: o.id,
				label: o.label,
				confidence: o.confidence,
				color: o.color as ColorName | undefined,
				name: o.name,
				position: new Vector3().fromArray(o.position),
				size: new Vector3().fromArray(o.size),
				source: 'detector',
				object3D: null,
			});
			this.restoredTracks.add(o.id);
		}
	}

	/** The recorded sounds up to `t` in the world, aged as they were at `t` (older than the window: gone). */
	private restoreSounds(records: SessionRecord[], t: number): void {
		const world = this.sense.world;
		for (const record of records) {
			if (record.t > t) break;
			if (record.kind !== 'sound' || this.restoredSounds.some((s) => s.record === record)) continue;
			const sound: WorldSound = {
				class: record.class as SoundClass,
				direction: record.direction ? new Vector3().fromArray(record.direction) : null,
				confidence: record.confidence,
				time: 0,
				objectId: record.objectId,
			};
			world.addSound(sound);
			this.restoredSounds.push({ record, sound });
		}
		const now = performance.now();
		for (const { record, sound } of this.restoredSounds) {
			const age = t - record.t;
			sound.time = now - age;
			const index = world.sounds.indexOf(sound);
			if (age > world.soundWindowMs && index >= 0) world.sounds.splice(index, 1);
		}
		// The sources are rebuilt from the sounds still in the window, as they stood at `t`.
		world.soundSources.clear();
		for (const sound of world.sounds) world.soundSources.update(sound);
	}

	private checkScene(): SessionDiff[] {
		const diffs: SessionDiff[] = [];
		for (const expected of this.session.header.scene.objects) {
			const o = this.sense.world.get(expected.id);
			const got = o ? { id: o.id, label: o.label } : null;
			if (!o || o.label !== expected.label)
				diffs.push({ t: 0, utterance: 0, kind: 'scene', expected: { id: expected.id, label: expected.label }, got });
		}
		return diffs;
	}
}
