import { type AudioListener, EventDispatcher, Quaternion, Vector3 } from 'three';
import type { SoundClass } from '../../fusion/scenario.js';
import { StageScheduler } from '../../runtime/scheduling/StageScheduler.js';
import type { SceneUnderstanding } from '../../SceneUnderstanding.js';
import type { SenseStage } from '../../SenseStage.js';
import { AudioCapture, type AudioCaptureOptions } from '../../sources/audio/AudioCapture.js';
import type { Transcript, TranscriptSource, TranscriptSourceEventMap } from '../../sources/speech/TranscriptSource.js';
import type { HeadPose } from '../../sources/xr/PoseHistory.js';
import type { WorldSound } from '../../world/WorldModel.js';
import { attributeSound } from './attributeSound.js';
import { azimuthToWorldDirection } from './direction.js';
import { MainThreadSoundClassifier } from './MainThreadSoundClassifier.js';
import type { SoundWindowClassifier } from './SoundWindowClassifier.js';
import { type ModelClass, PATCH_SAMPLES } from './soundEventModel.js';
import { makesSound } from './soundMakers.js';
import { WorkerSoundClassifier } from './WorkerSoundClassifier.js';

export interface HearingStageOptions {
	/** Load the sound-event model (default true); false for transcripts only. */
	soundEvents?: boolean;
	/** URL of the sound-event model.json (default `<sense.modelsPath>audio/model.json`). */
	modelUrl?: string;
	/**
	 * What analyses each window. Default in browsers: a {@link WorkerSoundClassifier} (the model and
	 * the DSP on tfjs WASM in a Web Worker, off the page's thread); in Node a
	 * {@link MainThreadSoundClassifier}. Pass `new MainThreadSoundClassifier()` to run on the page's
	 * own thread and backend instead.
	 */
	classifier?: SoundWindowClassifier;
	/** Folder serving tfjs's `.wasm` files, for the default worker (default `tfjs-wasm/` beside the module). */
	wasmPath?: string;
	/** Transcript sources to forward to `sense.handleTranscript` (the stage disposes them). */
	transcripts?: TranscriptSource[];
	/** Minimum class probability for a sound event (default 0.3; probabilities are calibrated, 13 classes). */
	threshold?: number;
	/** Level below which audio counts as silence, dBFS RMS (default −60). */
	gateDb?: number;
	/** Audio time between analyses, ms (default 500: patches overlap by half). */
	intervalMs?: number;
	/** A class heard again within this time from about the same direction is one event, ms (default 1500). */
	repeatMs?: number;
	/** Attribution to tracked objects: largest angle and required lead over the runner-up, degrees. */
	attributionDegrees?: number;
	attributionMarginDegrees?: number;
	capture?: Omit<AudioCaptureOptions, 'poseAt'>;
}

export interface HearingStageEventMap {
	/**
	 * A sound event was added to the world model. `azimuth` is the head-frame bearing in radians
	 * (negative = left), or null when unknown (identical channels: mono, or HRTF data not loaded);
	 * `directionConfidence` is the bearing's 0–1 confidence, `clipped` whether the input clipped.
	 */
	sound: {
		sound: WorldSound;
		azimuth: number | null;
		directionConfidence: number;
		clipped: boolean;
		probabilities: Float32Array;
	};
	/** Every analysed window (~0.96 s, each `intervalMs`): best class, its probability and the level in dBFS. */
	analysis: { class: ModelClass; score: number; level: number; time: number };
	/**
	 * Audio capture, a transcript source or the sound-event model (`what: 'sound-events'`: its files
	 * are missing or failed verification, or its worker could not start or died) cannot run here;
	 * nothing was thrown, the rest keeps working.
	 */
	unavailable: { what: string; reason: string };
}

const _position = new Vector3();
const _quaternion = new Quaternion();

/**
 * The listening stage: spatial audio (microphone or the scene's own mix) → log-mel → sound-event
 * classifier → direction of arrival → a world-space sound in `sense.world`, attributed to the
 * tracked object it clearly came from; and transcripts from any sources → `sense.handleTranscript`
 * with the head and pointer pose of the moment the utterance ended.
 *
 * ```ts
 * const hearing = new HearingStage( { transcripts: [ new WebSpeechTranscriptSource(), new TypedTranscriptSource() ] } );
 * const sense = new SceneUnderstanding( { renderer, scene, camera, stages: [ hearing ] } );
 * await sense.load();
 * await hearing.startScene( listener ); // or: await hearing.startMicrophone()
 * sense.world.addEventListener( 'sound', ( e ) => console.log( e.sound.class, e.sound.objectId ) );
 * ```
 */
export class HearingStage extends EventDispatcher<HearingStageEventMap> implements SenseStage {
	readonly name = 'hearing';
	/** Analyses each captured window (the sound-event model and the direction); see the `classifier` option. */
	readonly classifier: SoundWindowClassifier;
	readonly capture: AudioCapture;
	readonly transcripts: TranscriptSource[] = [];

	private sense: SceneUnderstanding | null = null;
	private readonly options: HearingStageOptions;
	private readonly listeners = new Map<TranscriptSource, Array<() => void>>();
	private readonly lastHeard = new Map<SoundClass, { time: number; azimuth: number | null }>();
	private analysedFrame = 0;
	/**
	 * At most one analysis in flight, spaced by its cost (its main-thread part counts: with the
	 * main-thread classifier the model runs on this thread) and backing off while the host misses
	 * frames because of it.
	 */
	readonly scheduler: StageScheduler;
	private disposed = false;
	/** Counts backend changes, so an analysis begun on a lost backend fails quietly. */
	private generation = 0;
	private left = new Float32Array(0);
	private right = new Float32Array(0);

	constructor(options: HearingStageOptions = {}) {
		super();
		this.options = options;
		this.classifier =
			options.classifier ??
			(typeof Worker !== 'undefined' && typeof document !== 'undefined'
				? new WorkerSoundClassifier({ wasmPath: options.wasmPath })
				: new MainThreadSoundClassifier());
		// The worker died after loading: sound events stop, and the stage says so (never silently).
		this.classifier.onFailure = (error) => this.reportSoundEventsLost(error);
		this.scheduler = new StageScheduler({ busyFraction: 0.5, minInterval: 0, mainThreadShare: 0.05 });
		this.capture = new AudioCapture({
			...options.capture,
			poseAt: (t, pose) => this.sense?.poses.sample(t, pose) ?? false,
		});
		this.capture.addEventListener('block', () => this.maybeAnalyse());
		// The microphone is the user's; the scene's own mix is not capture.
		this.capture.addEventListener('start', (e) => {
			if (e.source === 'microphone') this.sense?.capture.hold(this.capture, 'microphone');
		});
		this.capture.addEventListener('stop', () => this.sense?.capture.release(this.capture));
		this.capture.addEventListener('unavailable', (e) =>
			this.dispatchEvent({ type: 'unavailable', what: 'audio', reason: e.reason }),
		);
		for (const source of options.transcripts ?? []) this.addTranscriptSource(source);
	}

	async load(sense: SceneUnderstanding, onProgress?: (fraction: number) => void): Promise<void> {
		this.sense = sense;
		this.scheduler.budget = sense.frameBudget;
		if (this.capture.stream) sense.capture.hold(this.capture, 'microphone');
		// Sources given to the constructor that cannot work here are announced once someone can listen;
		// those that open the microphone themselves (Web Speech) report it on the capture indicator.
		for (const source of this.transcripts) {
			source.reportCaptureTo?.(sense.capture);
			if (!source.available) this.reportUnavailable(source);
		}
		if (this.options.soundEvents !== false) {
			try {
				await this.classifier.load(this.options.modelUrl ?? `${sense.modelsPath}audio/model.json`, {
					verify: sense.verifyModels !== false,
				});
				// Disposed while the model loaded: release its weights now.
				if (this.disposed) this.classifier.dispose();
			} catch (error) {
				// Only the sound classes are lost: transcripts (speech, the phrase panel) need no model,
				// so the stage stays, and says what is missing.
				this.reportSoundEventsLost(error instanceof Error ? error : new Error(String(error)));
			}
		}
		onProgress?.(1);
	}

	/**
	 * The backend changed (the WebGPU device was lost): the sound-event model is loaded again on the
	 * new one; an analysis that was running on the old one is dropped without an error.
	 */
	async backendChanged(sense: SceneUnderstanding): Promise<void> {
		this.generation++;
		// The worker's model lives on the worker's own backend, untouched by the page's.
		if (!this.classifier.isLoaded || !this.classifier.onPageBackend) return;
		await this.classifier.load(this.options.modelUrl ?? `${sense.modelsPath}audio/model.json`, {
			verify: sense.verifyModels !== false,
		});
		if (this.disposed) this.classifier.dispose();
	}

	/** Starts listening to the microphone; false (and an `unavailable` event) when it cannot. */
	startMicrophone(): Promise<boolean> {
		this.analysedFrame = 0;
		return this.capture.startMicrophone();
	}

	/** Starts listening to the scene's own audio: the mix reaching a three.js `AudioListener`. */
	startScene(listener: AudioListener): Promise<boolean> {
		this.analysedFrame = 0;
		return this.capture.startFromListener(listener);
	}

	stopAudio(): void {
		this.capture.stop();
	}

	/** Forwards `source`'s transcripts to `sense.handleTranscript`; reports it if unavailable. */
	addTranscriptSource(source: TranscriptSource): void {
		if (this.listeners.has(source)) return;
		const onTranscript = (e: TranscriptSourceEventMap['transcript']) => this.forward(e.transcript);
		const onAvailability = (e: TranscriptSourceEventMap['availability']) => {
			if (!e.available)
				this.dispatchEvent({ type: 'unavailable', what: source.kind, reason: e.reason ?? 'unavailable' });
		};
		source.addEventListener('transcript', onTranscript);
		source.addEventListener('availability', onAvailability);
		this.listeners.set(source, [
			() => source.removeEventListener('transcript', onTranscript),
			() => source.removeEventListener('availability', onAvailability),
		]);
		this.transcripts.push(source);
		if (this.sense) source.reportCaptureTo?.(this.sense.capture);
		if (!source.available && this.sense) this.reportUnavailable(source);
	}

	private reportSoundEventsLost(error: Error): void {
		if (this.disposed) return;
		console.warn(`xr-sense: sound events are unavailable (transcripts still work): ${error.message}`);
		this.dispatchEvent({ type: 'unavailable', what: 'sound-events', reason: error.message });
		this.sense?.dispatchEvent({ type: 'error', error, stage: this.name });
	}

	private reportUnavailable(source: TranscriptSource): void {
		this.dispatchEvent({ type: 'unavailable', what: source.kind, reason: source.reason ?? 'unavailable' });
	}

	dispose(): void {
		this.disposed = true;
		this.capture.dispose();
		this.classifier.dispose();
		for (const [source, removers] of this.listeners) {
			for (const remove of removers) remove();
			source.reportCaptureTo?.(null);
			source.dispose();
		}
		this.listeners.clear();
		this.transcripts.length = 0;
		this.sense = null;
	}

	/** The utterance's end time goes along; `SceneUnderstanding` reads the head and pointer pose of that moment. */
	private forward(t: Transcript): void {
		const sense = this.sense;
		if (!sense) return;
		sense
			.handleTranscript(t.text, { lang: t.lang, time: t.time, source: t.source })
			.catch((error: Error) => sense.dispatchEvent({ type: 'error', error, stage: this.name }));
	}

	private maybeAnalyse(): void {
		const ring = this.capture.ring;
		const rate = this.capture.sampleRate;
		// Nothing is analysed while the page is hidden or the backend is being replaced (the stream stays open).
		if (!ring || !this.sense || !this.classifier.isLoaded || this.sense.hidden || this.sense.switchingBackend) return;
		const window = Math.ceil((PATCH_SAMPLES / 16000) * rate);
		const interval = ((this.options.intervalMs ?? 500) / 1000) * rate;
		if (ring.size < window || ring.written - this.analysedFrame < interval) return;
		// Not due, or the last one still running: skip this window (the next block brings a newer one).
		const now = performance.now();
		if (!this.scheduler.ready(now)) return;
		if (this.left.length !== window) {
			this.left = new Float32Array(window);
			this.right = new Float32Array(window);
		}
		const start = ring.readLatest(window, this.left, this.right);
		this.analysedFrame = ring.written;
		const stamp = ring.stampAt(start + (window >> 1));
		this.scheduler.begin(now);
		const generation = this.generation;
		const job = this.analyse(rate, stamp?.time ?? performance.now(), stamp?.pose ?? null);
		// The analysis up to its first await ran on this thread: with the worker, copying the window
		// and posting it; with the main-thread classifier, resampling, log-mel and the model too.
		const mainMs = performance.now() - now;
		job
			.catch((error: Error) => {
				// Begun on a backend that was lost meanwhile: the window is gone, the next one runs on the new backend.
				if (generation !== this.generation || this.sense?.switchingBackend) return;
				// A dead worker has been reported once, by onFailure.
				if (this.classifier.isLoaded) this.sense?.dispatchEvent({ type: 'error', error, stage: this.name });
			})
			.finally(() => this.scheduler.end(performance.now(), mainMs));
	}

	private async analyse(rate: number, time: number, pose: HeadPose | null): Promise<void> {
		const result = await this.classifier.classify(this.left, this.right, rate, {
			gateDb: this.options.gateDb,
			threshold: this.options.threshold,
		});
		const sense = this.sense;
		if (!sense || this.disposed) return;
		const { level } = result;
		this.dispatchEvent({ type: 'analysis', class: result.class, score: result.score, level, time });
		// `unknown` (none of the classes) is shown in the analysis but never becomes a world sound.
		if (result.class === 'silence' || result.class === 'unknown') return;
		if (result.score < (this.options.threshold ?? 0.3)) return;
		const heardClass: SoundClass = result.class;
		const azimuth = result.azimuth;
		const previous = this.lastHeard.get(heardClass);
		if (
			previous &&
			time - previous.time < (this.options.repeatMs ?? 1500) &&
			(previous.azimuth === null || azimuth === null
				? previous.azimuth === azimuth
				: Math.abs(previous.azimuth - azimuth) < 0.5)
		)
			return;
		this.lastHeard.set(heardClass, { time, azimuth });
		let direction: Vector3 | null = null;
		let objectId: string | null = null;
		// Unknown bearing: the class is still worth knowing, but there is no direction to attribute by.
		if (azimuth !== null) {
			const head = pose ?? { position: _position, quaternion: _quaternion };
			if (!pose && !sense.poses.sample(time, head)) head.quaternion.identity();
			direction = azimuthToWorldDirection(azimuth, head.quaternion, new Vector3());
			const candidates = [...sense.world.objects.values()].filter((o) => !o.hidden);
			const match = attributeSound(azimuth, head.position, head.quaternion, candidates, {
				maxDegrees: this.options.attributionDegrees,
				marginDegrees: this.options.attributionMarginDegrees,
				prefer: (o) => makesSound(o.label, heardClass),
			});
			objectId = match?.objectId ?? null;
			// The object's actual bearing also settles the front/back ambiguity of a stereo pair.
			if (match) direction.subVectors(sense.world.get(match.objectId)!.position, head.position).normalize();
		}
		const sound: WorldSound = { class: heardClass, direction, confidence: result.score, time, objectId };
		sense.world.addSound(sound);
		this.dispatchEvent({
			type: 'sound',
			sound,
			azimuth,
			directionConfidence: result.confidence,
			clipped: result.clipped,
			probabilities: result.probabilities,
		});
	}
}
