import {
	type Camera,
	EventDispatcher,
	type Object3D,
	Quaternion,
	type Scene,
	Vector3,
	type WebGLRenderer,
} from 'three';
import type { ActionEventMap } from './actions/ActionEvents.js';
import type { ActingInput } from './actions/ActionHandler.js';
import { ActionStage, type ActionStageOptions } from './actions/ActionStage.js';
import { CaptureIndicator } from './actions/CaptureIndicator.js';
import { SelectionHighlight } from './actions/SelectionHighlight.js';
import { clampTranscript } from './fusion/clampTranscript.js';
import { FusionStage, type FusionStageOptions } from './fusion/FusionStage.js';
import {
	createTranscriptEvent,
	type Interpreter,
	type TranscriptEvent,
	type TranscriptInput,
} from './fusion/Interpreter.js';
import type { FusionAnswer, Ray, Scenario } from './fusion/scenario.js';
import { HearingStage, type HearingStageOptions } from './perception/audio/HearingStage.js';
import { VisionStage, type VisionStageOptions } from './perception/VisionStage.js';
import { assetUrl } from './runtime/assetUrls.js';
import { ModelFileError } from './runtime/models/ModelFileError.js';
import { FrameBudget } from './runtime/scheduling/FrameBudget.js';
import { UpdateTiming } from './runtime/scheduling/UpdateTiming.js';
import { type BackendName, selectBackend } from './runtime/selectBackend.js';
import { type DeviceLostInfo, removeDeadBackend, watchDeviceLost } from './runtime/watchDeviceLost.js';
import type { SenseStage } from './SenseStage.js';
import { CaptureMonitor } from './sources/CaptureMonitor.js';
import { PoseHistory } from './sources/xr/PoseHistory.js';
import { XRPointers } from './sources/xr/XRPointers.js';
import { WorldModel } from './world/WorldModel.js';
import type { WorldObject } from './world/WorldObject.js';

export interface SceneUnderstandingOptions {
	renderer: WebGLRenderer;
	scene: Scene;
	camera: Camera;
	/** tfjs backend; `'auto'` (default) picks WebGPU → WebGL → WASM → CPU. */
	backend?: BackendName | 'auto';
	/** Folder serving tfjs's `.wasm` files (default `tfjs-wasm/` beside the page). */
	wasmPath?: string;
	/** Folder serving the models (default `models/` beside the page). */
	modelsPath?: string;
	/**
	 * Check every model file against `manifest.json` in `modelsPath` (size, SHA-256, model version)
	 * before use (default true). A stage whose files fail is left out with an `unavailable` event;
	 * `false` loads unverified (a folder of freshly trained models without a manifest yet).
	 */
	verifyModels?: boolean;
	/** Register scene objects that carry `userData.label` (default true). */
	registerSceneObjects?: boolean;
	/** Highlight the selected object (default true). */
	highlight?: boolean;
	/**
	 * Show a red "● camera · microphone" tag in the corner of the view while either is captured
	 * (default true). Turn it off only to draw your own from `sense.capture`.
	 */
	captureIndicator?: boolean;
	/** What turns transcripts into answers (the fusion model, or the host's own). */
	interpreter?: Interpreter;
	/**
	 * The vision stage (camera → detector → 3D labels): its options, or `false` for none. On by
	 * default; a {@link VisionStage} of the host's own in `stages` replaces it.
	 */
	vision?: VisionStageOptions | false;
	/**
	 * The hearing stage (sound events with direction, transcript sources): its options, or `false`.
	 * On by default. It loads the sound-event model but opens no microphone and no audio context
	 * until the host calls `startMicrophone()` / `startScene()`; a stage of the host's own in `stages`
	 * replaces it.
	 */
	hearing?: HearingStageOptions | false;
	/**
	 * The fusion model that turns transcripts into answers: its options, or `false`. On by default,
	 * unless `interpreter` is given or a {@link FusionStage} of the host's own is in `stages`.
	 */
	fusion?: FusionStageOptions | false;
	/** Extra stages, run in order after the built-in ones (and before the actions). */
	stages?: SenseStage[];
	/** The built-in actions (run last) and their options; `false` leaves acting to the host. */
	actions?: ActionStageOptions | false;
}

/** Events dispatched by {@link SceneUnderstanding}; the acting stage's ({@link ActionEventMap}) included. */
export interface SceneUnderstandingEventMap extends ActionEventMap {
	/**
	 * The tfjs backend in use is known (after `load()`), or changed: after the WebGPU device was lost,
	 * `previous` is the backend given up and `reason` says why; every stage's models are on `backend`.
	 */
	backend: { backend: BackendName; previous?: BackendName; reason?: string };
	/**
	 * The GPU device of the WebGPU backend was lost (driver reset, GPU process crash, `destroy()`): the
	 * plugin is moving to the next backend (WebGL, else WASM, CPU) and reloading the models; world,
	 * tracks and selection are kept, and transcripts wait for the switch. A `backend` event follows.
	 */
	devicelost: { backend: BackendName; reason: string; message: string };
	/**
	 * The page was hidden or shown again (`visibilitychange`). While hidden no analysis starts
	 * (detection, sound events) and the frame budget does not count the gap; capture stays open.
	 */
	visibility: { hidden: boolean };
	/** An object was selected (null: selection cleared), by pointer, voice or code. */
	select: { object: WorldObject | null; via: 'pointer' | 'voice' | 'api' };
	/** A label was assigned or changed for a world object. */
	label: { object: WorldObject; label: string; confidence: number };
	/**
	 * A transcript arrived (before it is interpreted). Listeners may refine `input` (the rays the
	 * model sees); `preventDefault()` consumes it (a yes/no answer, "undo") without interpreting it,
	 * and `handleTranscript` then resolves with `answer` (or `none`).
	 */
	transcript: Omit<TranscriptEvent, 'type'>;
	/** The interpreter answered a transcript. */
	answer: { answer: FusionAnswer; scenario: Scenario; input: TranscriptInput };
	/** `load()` finished. */
	loaded: object;
	/** `dispose()` was called: helpers attached to the plugin (a `DebugHud`) release themselves. */
	dispose: object;
	/**
	 * Something went wrong in a stage; the rest keeps running. The hearing stage reports a sound-event
	 * model that cannot be used here, and stays for transcripts.
	 */
	error: { error: Error; stage: string };
	/**
	 * A stage failed to load: it is disposed and left out of `stages`; every other stage still loads.
	 * `file` is the URL that could not be used, when the error names one; `hint` says what to do.
	 */
	unavailable: { stage: string; error: Error; file: string | null; hint: string };
}

export interface LoadOptions {
	/** Called with 0–1 while models load. */
	onProgress?: (fraction: number) => void;
}

const _origin = new Vector3();
const _direction = new Vector3();
const _position = new Vector3();
const _quaternion = new Quaternion();
const _scale = new Vector3();

/**
 * On-device multimodal scene understanding for a three.js WebXR app.
 *
 * ```ts
 * const sense = new SceneUnderstanding( { renderer, scene, camera } );
 * sense.addEventListener( 'select', ( e ) => console.log( e.object?.label ) );
 * await sense.load();
 * renderer.setAnimationLoop( ( time, frame ) => { sense.update( time, frame ); renderer.render( scene, camera ); } );
 * // later
 * sense.dispose();
 * ```
 */
export class SceneUnderstanding extends EventDispatcher<SceneUnderstandingEventMap> {
	readonly renderer: WebGLRenderer;
	readonly scene: Scene;
	readonly camera: Camera;
	/** What the plugin believes is in the scene. */
	readonly world = new WorldModel();
	/** Controllers, hands and mouse as pointing rays. */
	readonly pointers: XRPointers;
	/** Whether the user's camera or microphone is being captured now; stages report it here. */
	readonly capture = new CaptureMonitor();
	/** Head pose and pointing ray of the last seconds, recorded each frame, for stamping late work. */
	readonly poses = new PoseHistory();
	/** The stages that run each frame, in order. */
	readonly stages: SenseStage[];
	/**
	 * The host's frame timing (display period, missed frames), fed by `update`; the stages' schedulers
	 * read it to back off when their work makes the host miss frames.
	 */
	readonly frameBudget = new FrameBudget();
	/** Frames through `update` and the time spent inside it per frame (smoothed): what the plugin adds to a frame. */
	readonly timing = new UpdateTiming();
	/** The tfjs backend in use, once loaded. */
	backend: BackendName | null = null;
	/** The selected object, or null. */
	selected: WorldObject | null = null;
	/** Folder serving the models. */
	readonly modelsPath: string;
	/** Whether model files are checked against the manifest before use (the `verifyModels` option). */
	readonly verifyModels: boolean;
	/** What turns transcripts into answers; set by an option or by a stage during `load()`. */
	interpreter: Interpreter | null;
	/** The built-in actions (`undo()`, `perform()`, `enabled`…), or null with `actions: false`. */
	readonly actions: ActionStage | null;

	private readonly options: SceneUnderstandingOptions;
	private readonly highlight: SelectionHighlight | null;
	private readonly captureIndicator: CaptureIndicator | null;
	/** Stages whose `load()` failed, by name, with the error; they were disposed and taken out of `stages`. */
	readonly failedStages = new Map<string, Error>();
	private loaded = false;
	private utterances = 0;
	/** Transcripts are interpreted one at a time, in order: each reads the world the one before left. */
	private interpreting: Promise<unknown> = Promise.resolve();
	private budgetSession: XRSession | null = null;
	private readonly lastViewer: Ray = { position: [0, 1.6, 0], forward: [0, 0, -1] };
	private disposed = false;
	/** The switch to another backend after a lost GPU device, while it runs. */
	private switching: Promise<void> | null = null;
	private stopWatchingDevice: (() => void) | null = null;
	private pageHidden = false;

	constructor(options: SceneUnderstandingOptions) {
		super();
		if (!options?.renderer || !options.scene || !options.camera) {
			throw new TypeError('SceneUnderstanding: { renderer, scene, camera } are required');
		}
		this.options = options;
		this.renderer = options.renderer;
		this.scene = options.scene;
		this.camera = options.camera;
		this.modelsPath = options.modelsPath ?? assetUrl('models/');
		this.verifyModels = options.verifyModels !== false;
		this.stages = [...builtInStages(options), ...(options.stages ?? [])];
		this.actions = options.actions === false ? null : new ActionStage(options.actions);
		if (this.actions) this.stages.push(this.actions);
		this.interpreter = options.interpreter ?? null;
		this.highlight = options.highlight === false ? null : new SelectionHighlight(this.scene);
		this.captureIndicator =
			options.captureIndicator === false
				? null
				: new CaptureIndicator(this.scene, this.capture, () =>
						this.renderer.xr?.isPresenting ? this.renderer.xr.getCamera() : this.camera,
					);
		this.pointers = new XRPointers(this.renderer, this.scene, this.camera, () => this.pickable());
		this.pointers.addEventListener('pick', (e) => {
			const object = this.world.findByObject3D(e.hit) ?? null;
			this.select(object, 'pointer');
		});
	}

	/** Chooses the tfjs backend, registers scene objects and loads every stage's models. */
	async load({ onProgress }: LoadOptions = {}): Promise<this> {
		if (this.disposed) throw new Error('SceneUnderstanding: load() after dispose()');
		this.backend = await selectBackend({ backend: this.options.backend, wasmPath: this.options.wasmPath });
		if (this.disposed) throw disposedDuringLoad();
		this.dispatchEvent({ type: 'backend', backend: this.backend });
		if (this.options.registerSceneObjects !== false) this.world.registerSceneObjects(this.scene);
		const count = this.stages.length;
		onProgress?.(0);
		for (let i = 0; i < count; i++) {
			// Disposed meanwhile: no further stage starts (each stage in flight drops what it loads late).
			if (this.disposed) throw disposedDuringLoad();
			const stage = this.stages[i];
			try {
				await stage.load?.(this, (f) => onProgress?.((i + f) / count));
			} catch (error) {
				if (this.disposed) throw disposedDuringLoad();
				this.reportUnavailable(stage, error instanceof Error ? error : new Error(String(error)));
			}
		}
		if (this.disposed) throw disposedDuringLoad();
		// Failed stages leave the pipeline once, here, so the frame loop never has to skip them.
		for (let i = this.stages.length - 1; i >= 0; i--) {
			const stage = this.stages[i];
			if (this.failedStages.has(stage.name)) {
				this.stages.splice(i, 1);
				stage.dispose();
			}
		}
		onProgress?.(1);
		this.loaded = true;
		// A device lost during the load is caught here too: the promise has resolved already.
		this.stopWatchingDevice = watchDeviceLost((info) => this.onDeviceLost(info));
		if (typeof document !== 'undefined') {
			document.addEventListener('visibilitychange', this.onVisibility);
			this.onVisibility();
		}
		this.dispatchEvent({ type: 'loaded' });
		return this;
	}

	/** True while the tfjs backend is being replaced after a lost GPU device; no analysis starts meanwhile. */
	get switchingBackend(): boolean {
		return this.switching !== null;
	}

	/** True while the page is hidden (another tab, the app in the background): no analysis starts. */
	get hidden(): boolean {
		return this.pageHidden;
	}

	private readonly onVisibility = (): void => {
		const hidden = document.visibilityState === 'hidden';
		if (hidden === this.pageHidden) return;
		this.pageHidden = hidden;
		// The gap is not a missed frame: the next frame starts the timing afresh (period and counts kept).
		this.frameBudget.pause();
		this.dispatchEvent({ type: 'visibility', hidden });
	};

	private onDeviceLost(info: DeviceLostInfo): void {
		if (this.disposed || this.switching) return;
		const lost = this.backend!;
		console.warn(
			`xr-sense: the WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''}); moving to the next backend and reloading the models`,
		);
		this.dispatchEvent({ type: 'devicelost', backend: lost, reason: info.reason, message: info.message });
		this.switching = this.switchBackend(lost, `the ${lost} device was lost (${info.reason})`).finally(() => {
			this.switching = null;
		});
	}

	/** Moves tfjs to the backend after `lost` in the chain and has every stage reload its models there. */
	private async switchBackend(lost: BackendName, reason: string): Promise<void> {
		let backend: BackendName;
		try {
			backend = await selectBackend({ after: lost, wasmPath: this.options.wasmPath });
		} catch (error) {
			this.dispatchEvent({ type: 'error', error: error as Error, stage: 'backend' });
			return;
		}
		if (this.disposed) return;
		this.backend = backend;
		for (const stage of [...this.stages]) {
			try {
				await stage.backendChanged?.(this, backend);
			} catch (error) {
				if (this.disposed) return;
				// The stage cannot run on the new backend: it leaves, as a stage that failed to load does.
				this.reportUnavailable(stage, error instanceof Error ? error : new Error(String(error)));
				this.stages.splice(this.stages.indexOf(stage), 1);
				stage.dispose();
			}
			if (this.disposed) return;
		}
		// The old models are released; now the dead backend goes, so nothing selects it again here.
		removeDeadBackend(lost);
		this.stopWatchingDevice = watchDeviceLost((info) => this.onDeviceLost(info));
		console.warn(`xr-sense: now on ${backend} (${reason})`);
		this.dispatchEvent({ type: 'backend', backend, previous: lost, reason });
	}

	/** Call once per animation frame with the arguments of `renderer.setAnimationLoop`. */
	update(time: number, frame?: XRFrame): void {
		if (this.disposed) return;
		const started = performance.now();
		const session = this.renderer.xr.isPresenting ? this.renderer.xr.getSession() : null;
		// Entering or leaving a session changes the display, and so the frame period.
		if (session !== this.budgetSession) {
			this.budgetSession = session;
			this.frameBudget.reset();
		}
		this.frameBudget.frame(started, session?.frameRate);
		this.recordPose();
		this.world.refresh();
		for (const stage of this.stages) {
			try {
				stage.update?.(time, frame);
			} catch (error) {
				this.dispatchEvent({ type: 'error', error: error as Error, stage: stage.name });
			}
		}
		this.highlight?.update();
		this.timing.record(performance.now() - started);
	}

	/** Selects a world object (by reference or id), or clears the selection with null. */
	select(target: WorldObject | string | null, via: 'pointer' | 'voice' | 'api' = 'api'): WorldObject | null {
		const object = typeof target === 'string' ? (this.world.get(target) ?? null) : target;
		if (typeof target === 'string' && !object) throw new Error(`SceneUnderstanding: no object with id "${target}"`);
		this.selected = object;
		this.highlight?.show(object?.object3D ?? null);
		this.dispatchEvent({ type: 'select', object, via });
		return object;
	}

	/**
	 * Interprets a transcript against the current scene: freezes the world into a scenario (with the
	 * pose and pointer stamped on the input, or those of now), asks the interpreter, and dispatches
	 * `answer`. Resolves with the answer. Only the last 200 characters of a long transcript are read,
	 * and control characters are blanked (see `clampTranscript`).
	 */
	async handleTranscript(raw: string, input: ActingInput = {}): Promise<FusionAnswer> {
		if (typeof raw !== 'string') throw new TypeError('SceneUnderstanding.handleTranscript: text must be a string');
		// Listeners, panels and actions all see the text after the length and character rule.
		const text = clampTranscript(raw);
		// An utterance that ended earlier is read against the pose and pointer of that moment.
		const now = performance.now();
		const time = input.time ?? now;
		const past = time < now - 1;
		const stamped: TranscriptInput = {
			...input,
			time,
			viewer: input.viewer ?? (past ? this.poses.viewerAt(time) : null) ?? this.getViewerRay(),
			pointer: input.pointer !== undefined ? input.pointer : past ? this.poses.pointerAt(time) : this.getPointerRay(),
		};
		const event = createTranscriptEvent(text, stamped);
		this.dispatchEvent(event);
		if (event.defaultPrevented)
			return event.answer ?? { intent: 'none', target: null, destination: null, confidence: 1 };
		if (!this.interpreter) {
			const failed = this.failedStages.get('fusion');
			throw new Error(
				failed
					? `SceneUnderstanding: the fusion model failed to load, so transcripts cannot be understood: ${failed.message}`
					: this.loaded
						? 'SceneUnderstanding: no interpreter (the fusion stage is switched off; pass options.interpreter)'
						: 'SceneUnderstanding: no interpreter yet (await load() first, or pass options.interpreter)',
			);
		}
		const id = `utterance-${++this.utterances}`;
		// One interpretation in flight: a second transcript waits for the first one's answer (and the
		// action it triggers), so "pick it up… put it on the table" reads the world in order.
		const job = this.interpreting.then(async () => {
			// The backend is being replaced (lost GPU device): wait for the model on the new one.
			if (this.switching) await this.switching;
			this.world.refresh();
			const scenario = this.world.toScenario(id, text, stamped.viewer!, stamped.pointer ?? null, stamped.lang);
			const interpreter = this.interpreter;
			if (!interpreter)
				throw new Error('SceneUnderstanding: the interpreter is gone (the fusion stage left or was disposed)');
			let answer: FusionAnswer;
			try {
				answer = await interpreter.interpret(scenario);
			} catch (error) {
				// The device was lost under this interpretation: once more, on the new backend's model.
				if (!this.switching) throw error;
				await this.switching;
				if (!this.interpreter || this.interpreter === interpreter) throw error;
				answer = await this.interpreter.interpret(scenario);
			}
			this.dispatchEvent({ type: 'answer', answer, scenario, input: stamped });
			return answer;
		});
		this.interpreting = job.catch(() => undefined);
		return job;
	}

	/** The viewer (head) ray in world space, now. */
	getViewerRay(): Ray {
		const cam = this.renderer.xr.isPresenting ? this.renderer.xr.getCamera() : this.camera;
		cam.updateWorldMatrix(true, false);
		_origin.setFromMatrixPosition(cam.matrixWorld);
		_direction.set(0, 0, -1).transformDirection(cam.matrixWorld);
		// A NaN head pose from the runtime: the last good one stands in (never NaN in a scenario).
		if (finiteRay(_origin, _direction)) {
			this.lastViewer.position = _origin.toArray();
			this.lastViewer.forward = _direction.toArray();
		}
		return { position: [...this.lastViewer.position], forward: [...this.lastViewer.forward] };
	}

	/** The pointing ray (controller or hand) in world space now, or null when nothing points. */
	getPointerRay(): Ray | null {
		if (!this.pointers.getRay(_origin, _direction) || !finiteRay(_origin, _direction)) return null;
		return { position: _origin.toArray(), forward: _direction.toArray() };
	}

	private recordPose(): void {
		const cam = this.renderer.xr.isPresenting ? this.renderer.xr.getCamera() : this.camera;
		cam.updateWorldMatrix(true, false);
		cam.matrixWorld.decompose(_position, _quaternion, _scale);
		const pointing = this.pointers.getRay(_origin, _direction);
		this.poses.record(
			performance.now(),
			_position,
			_quaternion,
			pointing ? _origin : null,
			pointing ? _direction : null,
		);
	}

	/** True once `load()` has finished. */
	get isLoaded(): boolean {
		return this.loaded;
	}

	/** Releases every tensor, texture, stream, worklet and listener the plugin created. */
	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		this.dispatchEvent({ type: 'dispose' });
		this.stopWatchingDevice?.();
		if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibility);
		for (const stage of [...this.stages].reverse()) stage.dispose();
		this.pointers.dispose();
		this.highlight?.dispose();
		this.captureIndicator?.dispose();
		this.capture.clear();
		this.world.clear();
		this.poses.clear();
		this.selected = null;
	}

	private reportUnavailable(stage: SenseStage, error: Error): void {
		this.failedStages.set(stage.name, error);
		const file = error instanceof ModelFileError ? error.file : fileNamedIn(error.message);
		// A file that is there but wrong needs replacing, not serving from elsewhere.
		const damaged = error instanceof ModelFileError && error.problem !== 'missing' && error.problem !== 'manifest';
		const hint = damaged
			? `${file} is not the file the model manifest lists: restore the models folder as shipped, or after retraining refresh the manifest (npx tsx tools/manifest.ts)`
			: file
				? `serve ${file} from your page's origin, or set the modelsPath / wasmPath option (or the stage's own URL option) to where the files are`
				: `the ${stage.name} stage is left out; the other stages keep working`;
		console.warn(`xr-sense: the ${stage.name} stage is unavailable: ${error.message} (${hint})`);
		this.dispatchEvent({ type: 'unavailable', stage: stage.name, error, file, hint });
	}

	private pickable(): Object3D[] {
		const out: Object3D[] = [];
		for (const o of this.world.objects.values()) if (o.object3D) out.push(o.object3D);
		return out;
	}
}

/** The built-in stages the options ask for, in data-flow order; a host's own stage of a kind replaces its default. */
function builtInStages(options: SceneUnderstandingOptions): SenseStage[] {
	const own = new Set((options.stages ?? []).map((s) => s.name));
	const stages: SenseStage[] = [];
	if (options.hearing !== false && !own.has('hearing')) stages.push(new HearingStage(options.hearing || {}));
	if (options.vision !== false && !own.has('vision')) stages.push(new VisionStage(options.vision || {}));
	if (options.fusion !== false && !options.interpreter && !own.has('fusion'))
		stages.push(new FusionStage(options.fusion || {}));
	return stages;
}

/** The first URL or file path (ending in a model or wasm extension) that an error message names. */
function fileNamedIn(message: string): string | null {
	return /(?:https?:\/\/|\/|\.\/)?[^\s'"()]+\.(?:json|bin|wasm|js)\b/.exec(message)?.[0] ?? null;
}

function finiteRay(origin: Vector3, direction: Vector3): boolean {
	return [origin.x, origin.y, origin.z, direction.x, direction.y, direction.z].every(Number.isFinite);
}

function disposedDuringLoad(): Error {
	return new Error('SceneUnderstanding: dispose() was called during load(); nothing was kept');
}
