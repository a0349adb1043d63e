import {
	BufferGeometry,
	type Camera,
	EventDispatcher,
	type Group,
	Line,
	LineBasicMaterial,
	type Object3D,
	Raycaster,
	Vector2,
	Vector3,
	type WebGLRenderer,
} from 'three';
import { isShown } from '../../runtime/isShown.js';

export interface XRPointersEventMap {
	/** The user pulled a trigger (or pinched) or clicked while aiming at `hit` (null: nothing). */
	pick: { hit: Object3D | null; point: Vector3 | null; handedness: XRHandedness | 'mouse' };
}

const _origin = new Vector3();
const _direction = new Vector3();
const _ndc = new Vector2();

/**
 * Controllers, hands and the desktop mouse as pointing rays. Keeps the last-used ray (for deixis:
 * "put *that* there") and reports picks against a set of candidate objects.
 *
 * ```ts
 * const pointers = new XRPointers( renderer, scene, camera, () => candidates );
 * pointers.addEventListener( 'pick', ( e ) => console.log( e.hit?.name ) );
 * // each frame: nothing to call — picks arrive as events.
 * ```
 */
export class XRPointers extends EventDispatcher<XRPointersEventMap> {
	/** Maximum picking distance in metres. */
	far = 20;
	/** The controller groups (target-ray space), indexed 0 and 1. */
	readonly controllers: Group[] = [];
	/** In-scene UI (panels, buttons): a press aimed at one of these is not a pick. */
	readonly ui: Object3D[] = [];
	/** Index of the controller used last, or -1 for the mouse / none. */
	activeController = -1;

	private readonly raycaster = new Raycaster();
	private readonly added: Object3D[] = [];
	private readonly handedness = new Map<Group, XRHandedness>();
	/** The input source behind each of three's two controllers, from its last connected event. */
	private readonly sources: Array<XRInputSource | null> = [null, null];
	private readonly cleanups: Array<() => void> = [];

	constructor(
		readonly renderer: WebGLRenderer,
		readonly scene: Object3D,
		readonly camera: Camera,
		private readonly candidates: () => Object3D[],
	) {
		super();
		const rayGeometry = new BufferGeometry().setFromPoints([new Vector3(), new Vector3(0, 0, -1)]);
		const rayMaterial = new LineBasicMaterial({ color: 0xffffff, transparent: true, opacity: 0.6 });
		for (let i = 0; i < 2; i++) {
			const controller = renderer.xr.getController(i);
			this.controllers.push(controller);
			if (!controller.parent) {
				scene.add(controller);
				this.added.push(controller);
			}
			const ray = new Line(rayGeometry, rayMaterial);
			ray.name = 'xr-sense pointer ray';
			ray.scale.z = 5;
			ray.visible = false;
			controller.add(ray);
			this.added.push(ray);
			const onConnected = (e: { data: XRInputSource }) => {
				this.sources[i] = e.data;
				this.handedness.set(controller, e.data.handedness);
				ray.visible = e.data.targetRayMode !== 'screen';
			};
			const onDisconnected = () => {
				this.sources[i] = null;
				ray.visible = false;
			};
			const onSelect = () => this.pickFromController(i);
			controller.addEventListener('connected', onConnected);
			controller.addEventListener('disconnected', onDisconnected);
			controller.addEventListener('select', onSelect);
			this.cleanups.push(() => {
				controller.removeEventListener('connected', onConnected);
				controller.removeEventListener('disconnected', onDisconnected);
				controller.removeEventListener('select', onSelect);
			});
		}
		this.cleanups.push(() => {
			rayGeometry.dispose();
			rayMaterial.dispose();
		});
		const canvas = renderer.domElement;
		const onPointerDown = (e: PointerEvent) => this.pickFromMouse(e);
		canvas.addEventListener('pointerdown', onPointerDown);
		this.cleanups.push(() => canvas.removeEventListener('pointerdown', onPointerDown));
	}

	/**
	 * Writes the active pointing ray (world space) into `origin`/`direction`; returns false when no
	 * controller is tracked, in which case the caller falls back to gaze.
	 */
	getRay(origin: Vector3, direction: Vector3): boolean {
		const controller = this.pointingController();
		if (!controller || !this.renderer.xr.isPresenting) return false;
		controller.updateWorldMatrix(true, false);
		origin.setFromMatrixPosition(controller.matrixWorld);
		direction.set(0, 0, -1).transformDirection(controller.matrixWorld);
		return true;
	}

	/**
	 * The XR input source connected to three's controller `index` (0 or 1) now, or null. Three
	 * announces a source once, when it connects; this remembers it for parts created later (hands
	 * set up when `load()` finishes after a session started).
	 */
	inputSource(index: number): XRInputSource | null {
		return this.renderer.xr.isPresenting ? (this.sources[index] ?? null) : null;
	}

	/**
	 * The controller that points: the one used last, else the right hand (most people's primary),
	 * else any tracked one.
	 */
	pointingController(): Group | null {
		const tracked = (c: Group | undefined): c is Group => c?.visible === true && this.handedness.has(c);
		const last = this.controllers[this.activeController];
		if (tracked(last)) return last;
		return (
			this.controllers.find((c) => tracked(c) && this.handedness.get(c) === 'right') ??
			this.controllers.find(tracked) ??
			null
		);
	}

	/** The first candidate hit along a ray, or null. */
	intersect(origin: Vector3, direction: Vector3): { object: Object3D; point: Vector3 } | null {
		this.raycaster.set(origin, direction);
		this.raycaster.far = this.far;
		const hits = this.raycaster.intersectObjects(this.candidates(), true);
		for (const hit of hits) {
			if (isShown(hit.object)) return { object: hit.object, point: hit.point };
		}
		return null;
	}

	/** True when one of {@link ui}'s visible objects lies along the ray nearer than `before`. */
	private hitsUI(origin: Vector3, direction: Vector3, before: number): boolean {
		if (this.ui.length === 0) return false;
		this.raycaster.set(origin, direction);
		this.raycaster.far = before;
		return this.raycaster.intersectObjects(this.ui, true).some((h) => isShown(h.object));
	}

	/** Removes what it added to the scene and every listener. */
	dispose(): void {
		for (const cleanup of this.cleanups) cleanup();
		this.cleanups.length = 0;
		for (const o of this.added) o.removeFromParent();
		this.added.length = 0;
	}

	private pickFromController(index: number): void {
		this.activeController = index;
		const controller = this.controllers[index];
		controller.updateWorldMatrix(true, false);
		_origin.setFromMatrixPosition(controller.matrixWorld);
		_direction.set(0, 0, -1).transformDirection(controller.matrixWorld);
		const hit = this.intersect(_origin, _direction);
		// A press on an in-scene panel (phrase buttons, dialogs) is the panel's, not a pick.
		if (this.hitsUI(_origin, _direction, hit ? hit.point.distanceTo(_origin) : this.far)) return;
		this.dispatchEvent({
			type: 'pick',
			hit: hit?.object ?? null,
			point: hit?.point ?? null,
			handedness: this.handedness.get(controller) ?? 'none',
		});
	}

	private pickFromMouse(e: PointerEvent): void {
		if (this.renderer.xr.isPresenting || e.button !== 0) return;
		const rect = this.renderer.domElement.getBoundingClientRect();
		_ndc.set(((e.clientX - rect.left) / rect.width) * 2 - 1, -((e.clientY - rect.top) / rect.height) * 2 + 1);
		this.raycaster.setFromCamera(_ndc, this.camera);
		this.activeController = -1;
		const hit = this.intersect(this.raycaster.ray.origin, this.raycaster.ray.direction);
		this.dispatchEvent({ type: 'pick', hit: hit?.object ?? null, point: hit?.point ?? null, handedness: 'mouse' });
	}
}
