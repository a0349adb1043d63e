import { memory } from '@tensorflow/tfjs';
import { CanvasTexture, type Mesh, type MeshBasicMaterial, type PlaneGeometry, SRGBColorSpace, Vector3 } from 'three';
import type { Detection } from '../perception/detection/Detector.js';
import type { VisionStage, VisionStageEventMap } from '../perception/VisionStage.js';
import { createPanelCanvas, fillPanel } from '../runtime/panelCanvas.js';
import type { SceneUnderstanding, SceneUnderstandingEventMap } from '../SceneUnderstanding.js';
import type { WorldModelEventMap } from '../world/WorldModel.js';
import { FrameCopy } from './FrameCopy.js';
import { drawCompass, drawFrame, drawLines, HUD_HEIGHT, HUD_WIDTH, type SoundMark } from './hudDrawing.js';
import { framesPerSecond, intentLine, perfLine } from './hudMath.js';
import { createHudPanel } from './hudPanel.js';

export interface DebugHudOptions {
	/** Where the desktop overlay goes (default `document.body`); `null`: no DOM overlay, the in-VR panel only. */
	parent?: HTMLElement | null;
	/** Shown from the start (default false). */
	visible?: boolean;
	/** Redraws per second while visible (default 4; kept within 0.5–30). */
	hz?: number;
	/** Seconds a sound's mark takes to fade from the compass (default 10). */
	fadeSeconds?: number;
}

/** What the HUD drew last, for tests and hosts (read-only). */
export interface DebugHudState {
	/** Redraws so far. */
	draws: number;
	/** Detection boxes drawn on the frame, and the size of that frame (0 before the first round). */
	boxes: number;
	frameWidth: number;
	frameHeight: number;
	/** Sound marks on the compass (not faded out). */
	marks: number;
	transcript: string;
	intent: string | null;
	/** Target id and name (or label) of the last answer. */
	target: string | null;
	targetName: string | null;
	confidence: number;
	fps: number;
	/** Time spent inside `sense.update()` per frame, smoothed, ms. */
	updateMs: number;
	backend: string | null;
	/** `tf.memory().numTensors` on the page. */
	tensors: number;
	/** The text lines drawn under the pictures, caption first. */
	lines: string[];
}

/** Most recent sounds the compass keeps. */
const MARKS = 8;
const _forward = new Vector3();

/**
 * A debug HUD to look at rather than read: the camera frame the vision stage analysed last with its
 * boxes, a compass of recent sounds around the viewer (fading with age), the last transcript, the
 * last intent with target and confidence, and fps, the milliseconds `sense.update()` adds per frame,
 * the tfjs backend and tensor count. One canvas, shown as a desktop overlay (above the emulator)
 * and, while an XR session presents, as a head-locked panel low in the view that the vision stage
 * leaves out of its captures. Off by default; redrawn a few times a second, only while visible, from
 * the plugin's events — no readback on the frame loop.
 *
 * ```ts
 * const hud = new DebugHud( sense, { visible: true } );
 * addEventListener( 'keydown', ( e ) => e.key === 'h' && hud.toggle() );
 * hud.state.boxes; // what it drew last
 * hud.dispose();
 * ```
 */
export class DebugHud {
	/** The canvas everything is drawn on; it is the desktop overlay's element too. Null in Node. */
	readonly canvas: HTMLCanvasElement | OffscreenCanvas | null = null;
	/** The in-VR panel, or null where no canvas exists. */
	readonly mesh: Mesh<PlaneGeometry, MeshBasicMaterial> | null = null;
	/** What it drew last (counts, texts, figures): read it, do not write it. */
	readonly state: DebugHudState = {
		draws: 0,
		boxes: 0,
		frameWidth: 0,
		frameHeight: 0,
		marks: 0,
		transcript: '',
		intent: null,
		target: null,
		targetName: null,
		confidence: 0,
		fps: 0,
		updateMs: 0,
		backend: null,
		tensors: 0,
		lines: [],
	};
	/** A line about the app (loading, ready…), drawn under the figures; set it at will. */
	status = '';
	/** Redraw rate and fade time in use. */
	readonly options: Required<Omit<DebugHudOptions, 'parent' | 'visible'>>;
	private readonly context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;
	private readonly texture: CanvasTexture<HTMLCanvasElement | OffscreenCanvas> | null = null;
	private readonly overlay: HTMLCanvasElement | null = null;
	/** A copy of the analysed frame, made when a round ends (only while visible). */
	private readonly frame = new FrameCopy();
	private detections: readonly Detection[] = [];
	private readonly marks: SoundMark[] = [];
	private nextMark = 0;
	private shown = false;
	private timer: ReturnType<typeof setInterval> | null = null;
	private vision: VisionStage | null = null;
	private lastFrames = 0;
	private lastTime = Number.NaN;
	private disposed = false;

	constructor(
		readonly sense: SceneUnderstanding,
		options: DebugHudOptions = {},
	) {
		const hz = Math.min(30, Math.max(0.5, options.hz ?? 4));
		this.options = { hz: Number.isFinite(hz) ? hz : 4, fadeSeconds: options.fadeSeconds ?? 10 };
		sense.addEventListener('transcript', this.onTranscript);
		sense.addEventListener('answer', this.onAnswer);
		sense.addEventListener('loaded', this.findVision);
		sense.addEventListener('dispose', this.onSenseDisposed);
		sense.world.addEventListener('sound', this.onSound);
		sense.renderer.xr.addEventListener('sessionstart', this.onSession);
		sense.renderer.xr.addEventListener('sessionend', this.onSession);
		this.findVision();
		for (let i = 0; i < MARKS; i++) this.marks.push({ class: '', direction: new Vector3(), time: -Infinity });
		const canvas = createPanelCanvas(HUD_WIDTH, HUD_HEIGHT);
		const context = canvas?.getContext('2d') as CanvasRenderingContext2D | null | undefined;
		if (canvas && context) {
			this.canvas = canvas;
			this.context = context;
			this.texture = new CanvasTexture(canvas);
			this.texture.colorSpace = SRGBColorSpace;
			// Placed from the viewer the frame is rendered for, once the XR camera has this frame's pose.
			const mesh = createHudPanel(this.texture, HUD_WIDTH / HUD_HEIGHT, () => sense.renderer.xr.getCamera());
			this.mesh = mesh;
			sense.scene.add(mesh);
			const parent = options.parent === undefined ? (globalThis.document?.body ?? null) : options.parent;
			if (parent && typeof HTMLCanvasElement !== 'undefined' && canvas instanceof HTMLCanvasElement) {
				canvas.id = 'xr-sense-hud';
				// Above the emulator's full-window canvas (z-index 999); clicks go through to the page.
				canvas.style.cssText =
					'position:fixed;left:12px;bottom:84px;width:384px;height:240px;z-index:1001;pointer-events:none;display:none;border-radius:8px';
				parent.append(canvas);
				this.overlay = canvas;
			}
		}
		this.visible = options.visible ?? false;
	}

	/** Whether the HUD shows: the overlay on the page, and the panel while an XR session presents. */
	get visible(): boolean {
		return this.shown;
	}

	set visible(value: boolean) {
		if (this.disposed) return;
		this.shown = value;
		if (this.overlay) this.overlay.style.display = value ? 'block' : 'none';
		this.onSession();
		if (value && !this.timer) {
			this.lastTime = Number.NaN;
			this.draw();
			this.timer = setInterval(() => this.draw(), 1000 / this.options.hz);
		} else if (!value && this.timer) {
			clearInterval(this.timer);
			this.timer = null;
		}
	}

	/** Shows the HUD if hidden, hides it if shown; returns whether it is visible now. */
	toggle(): boolean {
		this.visible = !this.shown;
		return this.shown;
	}

	/** Redraws the canvas now (the HUD does so by itself, `hz` times a second, while visible). */
	draw(now = performance.now()): void {
		if (this.disposed) return;
		const s = this.state;
		const sense = this.sense;
		const timing = sense.timing;
		if (Number.isFinite(this.lastTime) && now > this.lastTime) {
			s.fps = framesPerSecond(timing.frames - this.lastFrames, now - this.lastTime);
		}
		this.lastFrames = timing.frames;
		this.lastTime = now;
		s.updateMs = timing.ms;
		s.backend = sense.backend;
		// tfjs answers only once a backend is ready: before `load()` has chosen one, there are none.
		s.tensors = sense.backend ? memory().numTensors : 0;
		s.draws++;
		const ctx = this.context;
		if (!ctx) return;
		fillPanel(ctx, HUD_WIDTH, HUD_HEIGHT, 18, 'rgba(14, 19, 28, 0.88)');
		s.boxes = drawFrame(ctx, this.frame.canvas, s.frameWidth, s.frameHeight, this.detections);
		const viewer = sense.renderer.xr.isPresenting ? sense.renderer.xr.getCamera() : sense.camera;
		viewer.updateWorldMatrix(true, false);
		_forward.set(0, 0, -1).transformDirection(viewer.matrixWorld);
		s.marks = drawCompass(ctx, this.marks, now, this.options.fadeSeconds * 1000, _forward);
		const lines = [
			['heard', s.transcript ? `“${s.transcript}”` : '–'],
			['intent', intentLine(s.intent, s.targetName ?? s.target, s.confidence)],
			['perf', perfLine(s.fps, s.updateMs, s.backend, s.tensors)],
			['status', this.status || '–'],
		] as const;
		drawLines(ctx, lines);
		s.lines = lines.map(([caption, text]) => `${caption}: ${text}`);
		if (this.texture) this.texture.needsUpdate = true;
	}

	/** Removes the overlay, the panel and its texture, and every listener; call it before or with `sense.dispose()`. */
	private readonly onSenseDisposed = () => this.dispose();

	dispose(): void {
		if (this.disposed) return;
		this.visible = false;
		this.disposed = true;
		const sense = this.sense;
		sense.removeEventListener('transcript', this.onTranscript);
		sense.removeEventListener('answer', this.onAnswer);
		sense.removeEventListener('loaded', this.findVision);
		sense.world.removeEventListener('sound', this.onSound);
		sense.renderer.xr.removeEventListener('sessionstart', this.onSession);
		sense.renderer.xr.removeEventListener('sessionend', this.onSession);
		this.vision?.removeEventListener('detections', this.onDetections);
		this.vision = null;
		this.overlay?.remove();
		if (this.mesh) {
			this.mesh.removeFromParent();
			this.mesh.geometry.dispose();
			this.mesh.material.dispose();
		}
		this.texture?.dispose();
		this.frame.clear();
		this.detections = [];
	}

	private readonly onSession = (): void => {
		if (this.mesh) this.mesh.visible = this.shown && this.sense.renderer.xr.isPresenting;
	};

	/** The vision stage in the pipeline (a stage that failed to load has left it by `loaded`). */
	private readonly findVision = (): void => {
		const vision = (this.sense.stages.find((s) => s.name === 'vision') as VisionStage | undefined) ?? null;
		if (vision === this.vision) return;
		this.vision?.removeEventListener('detections', this.onDetections);
		this.vision = vision;
		vision?.addEventListener('detections', this.onDetections);
	};

	private readonly onTranscript = (e: SceneUnderstandingEventMap['transcript']): void => {
		this.state.transcript = e.text;
	};

	private readonly onAnswer = (e: SceneUnderstandingEventMap['answer']): void => {
		const s = this.state;
		const object = e.answer.target ? this.sense.world.get(e.answer.target) : undefined;
		s.intent = e.answer.intent;
		s.target = e.answer.target;
		s.targetName = object ? (object.name ?? object.label) : null;
		s.confidence = e.answer.confidence;
	};

	private readonly onSound = (e: WorldModelEventMap['sound']): void => {
		// A sound without a bearing has no place on the compass (drawing it ahead would be a guess).
		if (!e.sound.direction) return;
		const mark = this.marks[this.nextMark];
		this.nextMark = (this.nextMark + 1) % MARKS;
		mark.class = e.sound.class;
		(mark.direction as Vector3).copy(e.sound.direction);
		mark.time = e.sound.time;
	};

	/**
	 * A detection round ended: its frame's pixels are valid only now, so they are copied (see
	 * {@link FrameCopy}) — once per round, not per frame, and only while the HUD shows.
	 */
	private readonly onDetections = (e: VisionStageEventMap['detections']): void => {
		if (!this.shown || !this.context) return;
		const { pixels, width, height } = e.frame;
		if (!this.frame.copy(pixels, width, height)) return;
		this.state.frameWidth = width;
		this.state.frameHeight = height;
		this.detections = e.detections;
	};
}
