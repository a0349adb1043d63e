import { EventDispatcher } from 'three';

/** The user's devices the plugin can capture from. */
export type CaptureDevice = 'camera' | 'microphone';

/** Which devices are being captured now. */
export interface CaptureState {
	camera: boolean;
	microphone: boolean;
}

export interface CaptureMonitorEventMap {
	/** A device started or stopped being captured; `state` is the new state (the same object as `monitor.state`). */
	change: { state: Readonly<CaptureState>; device: CaptureDevice; capturing: boolean };
}

/**
 * The one place that knows whether the plugin is capturing the user's camera or microphone right
 * now, so that a visible indicator (and the host) can say so. Sources hold a device while its
 * stream is open and release it when the stream ends — stopped by the plugin, or revoked by the
 * user or the browser. Synthetic inputs (the rendered view, the scene's own audio mix) are not
 * capture and never hold a device.
 *
 * ```ts
 * sense.capture.addEventListener( 'change', ( e ) => ( dot.hidden = ! e.state.camera && ! e.state.microphone ) );
 * ```
 */
export class CaptureMonitor extends EventDispatcher<CaptureMonitorEventMap> {
	readonly state: CaptureState = { camera: false, microphone: false };
	private readonly holders = new Map<object, CaptureDevice>();

	/** True while any device is captured. */
	get active(): boolean {
		return this.state.camera || this.state.microphone;
	}

	/** `owner` is capturing `device` (idempotent). */
	hold(owner: object, device: CaptureDevice): void {
		if (this.holders.get(owner) === device) return;
		const previous = this.holders.get(owner);
		this.holders.set(owner, device);
		if (previous) this.refresh(previous);
		this.refresh(device);
	}

	/** `owner` stopped capturing (idempotent). */
	release(owner: object): void {
		const device = this.holders.get(owner);
		if (!device) return;
		this.holders.delete(owner);
		this.refresh(device);
	}

	/** Forgets every holder (the plugin was disposed: its sources stopped their streams). */
	clear(): void {
		for (const owner of [...this.holders.keys()]) this.release(owner);
	}

	private refresh(device: CaptureDevice): void {
		let capturing = false;
		for (const held of this.holders.values()) if (held === device) capturing = true;
		if (this.state[device] === capturing) return;
		this.state[device] = capturing;
		this.dispatchEvent({ type: 'change', state: this.state, device, capturing });
	}
}

/** The devices captured in `state`, in a fixed order ('camera' before 'microphone'). */
export function capturedDevices(state: Readonly<CaptureState>): CaptureDevice[] {
	const devices: CaptureDevice[] = [];
	if (state.camera) devices.push('camera');
	if (state.microphone) devices.push('microphone');
	return devices;
}
