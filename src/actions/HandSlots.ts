import { type Camera, EventDispatcher, Group, type Object3D, Quaternion, Vector3, type WebGLRenderer } from 'three';
import type { WorldObject } from '../world/WorldObject.js';
import { ObjectSnapshot } from './ObjectSnapshot.js';

/** One controller or tracked hand that can hold an object. */
export interface HandSlot {
	/** XR input index (0 or 1), or the order it was added in. */
	readonly index: number;
	/** What held objects are parented to (the controller's target-ray space). */
	readonly holder: Object3D;
	handedness: XRHandedness;
	/** True while the input source is tracked. */
	connected: boolean;
	/** True for a tracked hand (pinch), false for a controller (squeeze). */
	isHand: boolean;
	/** The object held, or null. */
	held: WorldObject | null;
	/** When set, the slot can hold things only while this says so (the desktop hand: outside XR). */
	available?: () => boolean;
	/** How the object was grabbed: by voice it stays until released by voice; by gesture until the gesture ends. */
	by: 'voice' | 'gesture';
	/** The object's parent, place and pose before it was grabbed. */
	before: ObjectSnapshot | null;
}

export interface HandSlotsEventMap {
	/** A squeeze (controller) or pinch (hand) began. */
	gesturestart: { slot: HandSlot };
	/** A squeeze or pinch ended. */
	gestureend: { slot: HandSlot };
}

/**
 * The controllers and hands that can hold things. Grabbing re-parents the object to the holder
 * with three's `attach`, so its world pose is kept at the moment of grabbing and it then follows
 * the hand; releasing re-parents it to where it came from, in place.
 *
 * ```ts
 * const hands = new HandSlots( scene );
 * hands.connectXR( renderer ); // both controllers / hands
 * const slot = hands.choose();
 * if ( slot ) hands.grab( cup, slot, 'voice' );
 * hands.release( slot );
 * ```
 */
export class HandSlots extends EventDispatcher<HandSlotsEventMap> {
	readonly slots: HandSlot[] = [];
	private cameraHand: { slot: HandSlot; camera: Camera; holder: Group } | null = null;
	private readonly cleanups: Array<() => void> = [];

	/** `root` receives released objects whose original parent has left the scene. */
	constructor(readonly root: Object3D) {
		super();
	}

	/** Adds a holder by hand (tests, or a host's own rig). */
	add(holder: Object3D, handedness: XRHandedness = 'none', connected = true, isHand = false): HandSlot {
		const slot: HandSlot = {
			index: this.slots.length,
			holder,
			handedness,
			connected,
			isHand,
			held: null,
			by: 'voice',
			before: null,
		};
		this.slots.push(slot);
		return slot;
	}

	/**
	 * Tracks the renderer's two XR input sources: handedness, hand or controller, squeeze and pinch.
	 * Three announces each source once, when it connects; `current` tells what is connected already
	 * (a session that started before this call), e.g. `( i ) => sense.pointers.inputSource( i )`.
	 */
	connectXR(renderer: WebGLRenderer, current?: (index: number) => XRInputSource | null): void {
		for (let i = 0; i < 2; i++) {
			const controller = renderer.xr.getController(i);
			// Asking for the hand space makes three track the joints, which is what raises pinchstart/pinchend.
			renderer.xr.getHand(i);
			const slot = this.add(controller, 'none', false);
			const onConnected = (e: { data: XRInputSource }) => {
				slot.connected = true;
				slot.handedness = e.data.handedness;
				slot.isHand = Boolean(e.data.hand);
			};
			const onDisconnected = () => {
				slot.connected = false;
				if (slot.held) this.release(slot);
			};
			const onStart = () => this.dispatchEvent({ type: 'gesturestart', slot });
			const onEnd = () => this.dispatchEvent({ type: 'gestureend', slot });
			const events: Array<[string, (e: never) => void]> = [
				['connected', onConnected],
				['disconnected', onDisconnected],
				['squeezestart', onStart],
				['squeezeend', onEnd],
				['pinchstart', onStart],
				['pinchend', onEnd],
			];
			const target = controller as unknown as EventDispatcher<Record<string, unknown>>;
			for (const [type, listener] of events) target.addEventListener(type, listener as () => void);
			const already = current?.(i);
			if (already) onConnected({ data: already });
			this.cleanups.push(() => {
				for (const [type, listener] of events) target.removeEventListener(type, listener as () => void);
			});
		}
	}

	/**
	 * A hand for a desktop without controllers: a holder that follows `camera` (in front of it, a
	 * little right and down), available while `active()` says so (e.g. while no XR session runs).
	 * Call {@link followCamera} each frame.
	 */
	addCameraHand(camera: Camera, active: () => boolean): HandSlot {
		const holder = new Group();
		holder.name = 'xr-sense desktop hand';
		this.root.add(holder);
		const slot = this.add(holder, 'right', true, false);
		slot.available = active;
		// Connected only while available: in XR the real controllers are the hands, and a host that
		// counts connected slots should see just them.
		Object.defineProperty(slot, 'connected', {
			get: () => slot.available?.() ?? true,
			set: () => {},
			enumerable: true,
		});
		this.cameraHand = { slot, camera, holder };
		this.cleanups.push(() => holder.removeFromParent());
		this.followCamera();
		return slot;
	}

	/** Moves the desktop hand to the camera's pose (no allocation). */
	followCamera(): void {
		const hand = this.cameraHand;
		if (!hand) return;
		hand.camera.updateWorldMatrix(true, false);
		hand.camera.matrixWorld.decompose(_position, _quaternion, _scale);
		_offset.copy(CAMERA_HAND_OFFSET).applyQuaternion(_quaternion);
		hand.holder.position.copy(_position).add(_offset);
		hand.holder.quaternion.copy(_quaternion);
		hand.holder.updateMatrixWorld(true);
	}

	/** The slot to grab with: `prefer` (the pointing one) when free, else the free right, left, any. */
	choose(prefer = -1): HandSlot | null {
		const free = this.slots.filter((s) => s.connected && !s.held && (!s.available || s.available()));
		// Real controllers and hands first; the desktop hand only when there are none.
		const real = free.filter((s) => !s.available);
		if (real.length) return this.pick(real, prefer);
		return this.pick(free, prefer);
	}

	private pick(free: HandSlot[], prefer: number): HandSlot | null {
		return (
			free.find((s) => s.index === prefer) ??
			free.find((s) => s.handedness === 'right') ??
			free.find((s) => s.handedness === 'left') ??
			free[0] ??
			null
		);
	}

	/** The slot holding `object`, or null. */
	holding(object: WorldObject): HandSlot | null {
		return this.slots.find((s) => s.held === object) ?? null;
	}

	/** Attaches `object` to `slot`'s holder, keeping its world pose. */
	grab(object: WorldObject, slot: HandSlot, by: 'voice' | 'gesture'): void {
		const o3 = object.object3D;
		if (!o3) throw new Error(`HandSlots: "${object.id}" has no three.js object to hold`);
		if (slot.held && slot.held !== object)
			throw new Error(`HandSlots: slot ${slot.index} already holds "${slot.held.id}"`);
		const other = this.holding(object);
		let before = new ObjectSnapshot(o3);
		if (other && other !== slot) {
			// Hand to hand: keep the pose from before the first grab.
			before = other.before ?? before;
			other.held = null;
			other.before = null;
		}
		if (other !== slot) slot.before = before;
		slot.held = object;
		slot.by = by;
		object.held = true;
		slot.holder.attach(o3);
	}

	/** Lets go of what `slot` holds, in place; returns the object, or null if the slot was empty. */
	release(slot: HandSlot): WorldObject | null {
		const object = slot.held;
		if (!object) return null;
		const o3 = object.object3D;
		const parent = slot.before?.parent;
		const into = parent && rootOf(parent) === rootOf(this.root) ? parent : this.root;
		if (o3) into.attach(o3);
		slot.held = null;
		slot.before = null;
		object.held = false;
		return object;
	}

	/** Lets go of `object` if a slot holds it; returns the pose it had before the grab, or null if it was not held. */
	releaseObject(object: WorldObject): ObjectSnapshot | null {
		const slot = this.holding(object);
		if (!slot) return null;
		const before = slot.before;
		this.release(slot);
		return before;
	}

	/** Releases everything and removes the XR listeners. */
	dispose(): void {
		for (const slot of this.slots) this.release(slot);
		for (const cleanup of this.cleanups) cleanup();
		this.cleanups.length = 0;
		this.slots.length = 0;
		this.cameraHand = null;
	}
}

/** Where the desktop hand holds things, in the camera's frame (metres). */
const CAMERA_HAND_OFFSET = new Vector3(0.25, -0.2, -0.6);
const _position = new Vector3();
const _quaternion = new Quaternion();
const _scale = new Vector3();
const _offset = new Vector3();

function rootOf(o: Object3D): Object3D {
	let r = o;
	while (r.parent) r = r.parent;
	return r;
}
