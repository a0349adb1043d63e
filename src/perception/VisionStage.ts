import { EventDispatcher, Matrix4, type Object3D, Vector3 } from 'three';
import { ObjectLabels, type ObjectLabelsOptions } from '../actions/ObjectLabels.js';
import type { SceneUnderstanding } from '../SceneUnderstanding.js';
import type { SenseStage } from '../SenseStage.js';
import type { CameraFrame, CameraSource, CameraSourceKind } from '../sources/camera/CameraSource.js';
import { createCameraSource, preferredCameraKind } from '../sources/camera/chooseCameraSource.js';
import { coveredFraction } from '../sources/camera/overlayRects.js';
import type { RenderedViewOptions } from '../sources/camera/RenderedViewSource.js';
import { viewerPose } from '../sources/camera/viewerPose.js';
import { ObjectTracker, type ObjectTrackerOptions, type Observation } from '../world/ObjectTracker.js';
import { CenterNetDetector } from './detection/CenterNetDetector.js';
import { DetectionScheduler } from './detection/DetectionScheduler.js';
import type { Detection, Detector, PixelBox } from './detection/Detector.js';
import { WorkerDetector } from './detection/WorkerDetector.js';
import { BoxLifter, type LiftResult, type LiftSources } from './lifting/BoxLifter.js';
import { depthAlongRay, sampleDepthGrid } from './lifting/depthGrid.js';
import { isInView } from './lifting/liftMath.js';
import { XRHitTester, type XRHitTesterOptions } from './lifting/XRHitTester.js';
import { XRSurfaces } from './lifting/XRSurfaces.js';

export interface VisionStageOptions {
	/** Camera: `'auto'` (default) picks by session, or a kind, or your own source. */
	camera?: 'auto' | CameraSourceKind | CameraSource;
	/**
	 * The detector. Default in browsers: CenterNet on WASM in a {@link WorkerDetector}, so inference —
	 * and a GPU backend's first-run shader compilation — never stalls the XR frame loop. Pass
	 * `new CenterNetDetector()` to run it on the page's own backend (WebGPU/WebGL) instead.
	 */
	detector?: Detector;
	/** Folder serving tfjs's `.wasm` files, for the detector's worker (default `tfjs-wasm/` beside the page). */
	wasmPath?: string;
	/** Model URL (default `sense.modelsPath + 'centernet.json'`). */
	modelUrl?: string;
	/** Billboard labels (default on). */
	labels?: boolean | ObjectLabelsOptions;
	tracker?: ObjectTrackerOptions;
	/** Fraction of wall time detection may use (default 0.5). */
	busyFraction?: number;
	renderedView?: RenderedViewOptions;
	/** WebXR hit testing, used to lift detections where the session granted `hit-test` (default on). */
	hitTest?: boolean | XRHitTesterOptions;
}

export interface VisionStageEventMap {
	/**
	 * One detection round finished: detections in frame pixels and, for each, its 3D lift (or null).
	 * `frame.pixels` are the detector's input, valid only during the event (the source reuses its
	 * buffer or closes its bitmap after): copy them now to show them later (as the DebugHud does).
	 */
	detections: { detections: Detection[]; lifted: Array<LiftResult | null>; frame: CameraFrame; ms: number };
	/** The camera source changed. */
	camera: { kind: CameraSourceKind };
}

const _centre = new Vector3();
const _pose = new Matrix4();
const _projection = new Matrix4();
const _origin = new Vector3();
const _direction = new Vector3();

/**
 * The seeing half of scene understanding: camera frames → detector → 2D→3D lifting → tracks in the
 * world model → billboard labels. Detection is asynchronous and budgeted; `update` only captures and
 * keeps books. Planes and meshes with semantic labels join the world too.
 *
 * ```ts
 * const vision = new VisionStage( { camera: 'auto' } );
 * const sense = new SceneUnderstanding( { renderer, scene, camera, stages: [ vision ] } );
 * sense.addEventListener( 'label', ( e ) => console.log( e.label, e.object.position ) );
 * await sense.load();
 * ```
 */
export class VisionStage extends EventDispatcher<VisionStageEventMap> implements SenseStage {
	readonly name = 'vision';
	detector: Detector;
	readonly scheduler: DetectionScheduler;
	readonly lifter = new BoxLifter();
	readonly surfaces = new XRSurfaces();
	/** Casts detection rays into the real room when the session granted `hit-test`. */
	readonly hitTester: XRHitTester;
	tracker: ObjectTracker | null = null;
	labels: ObjectLabels | null = null;
	source: CameraSource | null = null;
	/** Frames skipped as empty, out of order or badly stamped. */
	skippedFrames = 0;
	private lastFrameTime = Number.NEGATIVE_INFINITY;
	/** Main-thread time of the detection in flight (handing the frame over, lifting, tracking), ms. */
	private mainMs = 0;
	/** The last round's detections (for inspection). */
	lastDetections: Detection[] = [];
	private sense: SceneUnderstanding | null = null;
	private disposed = false;
	private surfacesAt = Number.NEGATIVE_INFINITY;
	private switching: Promise<void> | null = null;
	/** Counts backend changes, so a round begun on a lost backend fails quietly. */
	private generation = 0;
	private readonly onSession = () => void this.switchSource();
	/** The plugin's own labels and panels in the scene (marked `userData.xrSenseOverlay`). */
	private readonly overlays = (): Object3D[] =>
		this.sense?.scene.children.filter((o) => o.userData.xrSenseOverlay) ?? [];

	constructor(readonly options: VisionStageOptions = {}) {
		super();
		this.detector = options.detector ?? new CenterNetDetector();
		this.scheduler = new DetectionScheduler({ busyFraction: options.busyFraction });
		this.hitTester = new XRHitTester(typeof options.hitTest === 'object' ? options.hitTest : {});
	}

	async load(sense: SceneUnderstanding, onProgress?: (f: number) => void): Promise<void> {
		this.sense = sense;
		this.scheduler.budget = sense.frameBudget;
		if (!this.options.detector && typeof Worker !== 'undefined') {
			const options = this.detector instanceof CenterNetDetector ? this.detector.options : {};
			this.detector = new WorkerDetector({ ...options, wasmPath: this.options.wasmPath });
		}
		await this.detector.load(this.options.modelUrl ?? `${sense.modelsPath}centernet.json`, {
			verify: sense.verifyModels !== false,
		});
		// Disposed while the model loaded: release it, and make nothing that dispose() would have removed.
		if (this.disposed) {
			this.detector.dispose();
			return;
		}
		onProgress?.(0.8);
		this.tracker = new ObjectTracker(sense.world, this.options.tracker);
		if (this.options.labels !== false) {
			const opts = typeof this.options.labels === 'object' ? this.options.labels : {};
			this.labels = new ObjectLabels(sense, opts);
		} else {
			this.tracker.addEventListener('label', (e) => sense.dispatchEvent({ ...e, type: 'label' }));
		}
		sense.renderer.xr.addEventListener('sessionstart', this.onSession);
		sense.renderer.xr.addEventListener('sessionend', this.onSession);
		await this.switchSource();
		onProgress?.(1);
	}

	update(time: number, frame?: XRFrame): void {
		const sense = this.sense;
		if (!sense || this.disposed) return;
		this.source?.update(time, frame);
		const now = performance.now();
		const space = frame && sense.renderer.xr.isPresenting ? sense.renderer.xr.getReferenceSpace() : null;
		// No round starts while the page is hidden or the tfjs backend is being replaced.
		const grabNow =
			this.source && !this.switching && !sense.hidden && !sense.switchingBackend && this.scheduler.ready(now);
		// Planes, meshes and depth describe the real room: they matter where the user sees it (AR),
		// not in VR, where the rendered view shows only the virtual scene.
		const real = space !== null && isPassthrough(sense.renderer.xr.getSession());
		if (!real && this.surfaces.planes.length + this.surfaces.meshes.length > 0) {
			// Out of AR (session ended, or VR): the real room's planes no longer describe what is seen.
			this.surfaces.clear();
			this.tracker?.syncSurfaces('plane', []);
			this.tracker?.syncSurfaces('mesh', []);
		}
		const hitTest = real && this.options.hitTest !== false && this.source?.kind !== 'rendered-view';
		this.hitTester.use(hitTest ? sense.renderer.xr.getSession() : null, hitTest ? space : null);
		if (hitTest) this.hitTester.update(frame!);
		if (real && (grabNow || now - this.surfacesAt > 500)) {
			this.surfacesAt = now;
			this.surfaces.update(frame!, space!, sense.camera.parent?.matrixWorld);
			this.tracker?.syncSurfaces('plane', this.surfaces.labelledPlanes);
			this.tracker?.syncSurfaces('mesh', this.surfaces.labelledMeshes);
		}
		if (grabNow) {
			this.scheduler.begin(now);
			const sources: LiftSources = { scene: [sense.scene] };
			if (real && this.source!.kind !== 'rendered-view') {
				const view = viewerPose(sense.renderer, sense.camera, frame, _pose, _projection).view;
				const depth = view ? sampleDepthGrid(frame!, view, _pose, _projection) : null;
				if (depth) sources.depthAlongRay = (o, d) => depthAlongRay(depth, o, d);
				sources.planes = this.surfaces.planes;
				sources.meshes = this.surfaces.meshes;
			}
			this.mainMs = 0;
			const generation = this.generation;
			this.detectOnce(this.source!, sources, hitTest)
				.catch((error: Error) => {
					// A main-thread detector's round begun on a backend that was lost: dropped, the next one runs on the new one.
					if (generation !== this.generation || sense.switchingBackend) return;
					sense.dispatchEvent({ type: 'error', error, stage: this.name });
				})
				.finally(() => this.scheduler.end(performance.now(), this.mainMs));
		}
		this.labels?.update();
	}

	/**
	 * The page's backend changed (the WebGPU device was lost): a detector on the page's backend (a
	 * `CenterNetDetector` the host passed) loads its model again; the default one, on WASM in its own
	 * worker, is unaffected.
	 */
	async backendChanged(sense: SceneUnderstanding): Promise<void> {
		this.generation++;
		if (this.detector instanceof WorkerDetector) return;
		await this.detector.load(this.options.modelUrl ?? `${sense.modelsPath}centernet.json`, {
			verify: sense.verifyModels !== false,
		});
		if (this.disposed) this.detector.dispose();
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		this.sense?.renderer.xr.removeEventListener('sessionstart', this.onSession);
		this.sense?.renderer.xr.removeEventListener('sessionend', this.onSession);
		this.source?.dispose();
		this.source = null;
		this.sense?.capture.release(this);
		this.labels?.dispose();
		this.tracker?.clear();
		this.surfaces.dispose();
		this.hitTester.dispose();
		this.detector.dispose();
		this.sense = null;
	}

	private async detectOnce(source: CameraSource, sources: LiftSources, hitTest: boolean): Promise<void> {
		const frame = await source.grab();
		if (!frame) return;
		// An empty frame, or one older than a frame already used (a late camera callback), is skipped:
		// it would describe the room as it was before what the tracks already know.
		if (!(frame.width > 0 && frame.height > 0) || !Number.isFinite(frame.time) || frame.time < this.lastFrameTime) {
			frame.release();
			this.skippedFrames++;
			return;
		}
		this.lastFrameTime = frame.time;
		try {
			const t0 = performance.now();
			const pending = this.detector.detect(frame.pixels);
			this.mainMs += performance.now() - t0;
			// Boxes mostly on the plugin's own labels and panels (a copied view shows them) are not the room.
			const overlays = frame.overlays;
			const detections = overlays?.length
				? (await pending).filter((d) => coveredFraction(d.box, overlays) < 0.5)
				: await pending;
			const ms = performance.now() - t0;
			if (this.disposed || !this.tracker) return;
			const t1 = performance.now();
			const lifting = Promise.all(detections.map((d) => this.liftBox(d.box, frame, sources, hitTest)));
			this.mainMs += performance.now() - t1;
			const lifted = await lifting;
			const t2 = performance.now();
			if (this.disposed || !this.tracker) return;
			const observations: Observation[] = [];
			detections.forEach((d, i) => {
				const l = lifted[i];
				if (l)
					observations.push({
						label: d.label,
						confidence: d.score,
						position: l.position,
						size: l.size,
						color: d.color,
						liftedBy: l.method,
					});
			});
			this.tracker.update(observations, (p) => isInView(_centre.copy(p), frame.pose, frame.projection, 0.05));
			this.lastDetections = detections;
			this.mainMs += performance.now() - t2;
			this.dispatchEvent({ type: 'detections', detections, lifted, frame, ms });
		} finally {
			frame.release();
		}
	}

	/**
	 * Lifts one box. Where the session hit-tests and depth sensing has no reading on the box's ray,
	 * the ray — from the pose stamped on the frame — is hit-tested first; the answer comes a frame or
	 * two later, and without one the lift falls back to planes, meshes and the scene.
	 */
	private async liftBox(box: PixelBox, frame: CameraFrame, sources: LiftSources, hitTest: boolean) {
		if (hitTest && this.hitTester.ready) {
			this.lifter.centreRay(box, frame, _origin, _direction);
			const depth = sources.depthAlongRay?.(_origin, _direction);
			if (depth == null || !(depth > 0)) {
				const hit = await this.hitTester.cast(_origin, _direction, this.sense?.camera.parent?.matrixWorld);
				if (hit) return this.lifter.lift(box, frame, { ...sources, hitTest: (_x, _y, out) => out.copy(hit) });
			}
		}
		return this.lifter.lift(box, frame, sources);
	}

	private async switchSource(): Promise<void> {
		const sense = this.sense;
		if (!sense || this.disposed) return;
		const wanted = this.options.camera ?? 'auto';
		const source =
			typeof wanted === 'object'
				? wanted
				: createCameraSource(wanted === 'auto' ? preferredCameraKind(sense) : wanted, {
						hidden: this.overlays,
						...this.options.renderedView,
					});
		if (source === this.source) return;
		this.source?.dispose();
		this.source = null;
		sense.capture.release(this);
		const start = source.start(sense).catch(async (error: Error) => {
			sense.dispatchEvent({ type: 'error', error, stage: this.name });
			const fallback = this.renderedViewFallback();
			await fallback.start(sense);
			return fallback;
		});
		this.switching = start.then(() => undefined);
		const started = (await start) ?? source;
		this.switching = null;
		if (this.disposed) {
			started.dispose();
			return;
		}
		this.source = started;
		// The rendered view is the app's own pixels; the other kinds are the user's camera.
		if (started.kind !== 'rendered-view') sense.capture.hold(this, 'camera');
		started.onLost = (reason) => void this.cameraLost(started, reason);
		this.dispatchEvent({ type: 'camera', kind: started.kind });
	}

	/** The rendered view, used when the user's camera cannot start or goes away. */
	private renderedViewFallback(): CameraSource {
		return createCameraSource('rendered-view', { ...this.options.renderedView, hidden: this.overlays });
	}

	/** The camera went away mid-session: say why, and go on with the rendered view. */
	private async cameraLost(lost: CameraSource, reason: string): Promise<void> {
		const sense = this.sense;
		if (!sense || this.disposed || this.source !== lost) return;
		this.source = null;
		sense.capture.release(this);
		sense.dispatchEvent({ type: 'error', error: new Error(`VisionStage: ${reason}`), stage: this.name });
		const fallback = this.renderedViewFallback();
		await fallback.start(sense);
		if (this.disposed || this.source) {
			fallback.dispose();
			return;
		}
		this.source = fallback;
		this.dispatchEvent({ type: 'camera', kind: fallback.kind });
	}
}

/** An AR session: the user sees the real room (camera passthrough or optical see-through). */
function isPassthrough(session: XRSession | null): boolean {
	const blend = session?.environmentBlendMode;
	return blend === 'alpha-blend' || blend === 'additive';
}
