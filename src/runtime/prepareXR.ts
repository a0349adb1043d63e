import type { XRDevice } from 'iwer';

/** How WebXR is provided on this page. */
export type XRProvider = 'native' | 'emulator' | 'polyfill' | 'none';

export interface PrepareXROptions {
	/** `true` forces the emulator, `false` never installs it, `'auto'` (default) decides. */
	emulate?: boolean | 'auto';
	/**
	 * Loads the emulator's desktop controls, e.g. `() => import( '@iwer/devui' ).then( ( m ) => m.DevUI )`.
	 * Called only when the emulator is installed; `@iwer/devui` is a dev-only dependency, so the
	 * library never imports it itself.
	 */
	loadDevUI?: () => Promise<Parameters<XRDevice['installDevUI']>[0]>;
	/** Scanned room the emulator exposes in AR (planes and meshes with semantic labels). */
	room?: 'living_room' | 'meeting_room' | 'music_room' | 'office_large' | 'office_small' | null;
}

export interface PreparedXR {
	provider: XRProvider;
	/** The emulated headset, when the emulator is in use. */
	device: XRDevice | null;
}

/**
 * Makes WebXR available: the native runtime when the browser has an immersive one; otherwise an
 * emulated Meta Quest 3 (iwer) on desktops, or `webxr-polyfill` on phones whose browser has no
 * `navigator.xr`. The emulator and the polyfill are never loaded together, and neither is loaded
 * at all on a real headset.
 *
 * ```ts
 * const { provider, device } = await prepareXR( { emulate: new URLSearchParams( location.search ).has( 'emulate' ) || 'auto' } );
 * ```
 */
export async function prepareXR(options: PrepareXROptions = {}): Promise<PreparedXR> {
	const emulate = options.emulate ?? 'auto';
	const xr = navigator.xr;
	if (emulate !== true) {
		if (xr && (await supportsImmersive(xr))) return { provider: 'native', device: null };
		if (emulate === false) return { provider: xr ? 'native' : 'none', device: null };
		if (!xr && isHandheld()) {
			const { default: WebXRPolyfill } = await import('webxr-polyfill');
			new WebXRPolyfill();
			return { provider: 'polyfill', device: null };
		}
	}
	const [{ XRDevice, metaQuest3 }, { SyntheticEnvironmentModule }] = await Promise.all([
		import('iwer'),
		import('@iwer/sem'),
	]);
	const device = new XRDevice(metaQuest3);
	device.installRuntime({ forceInstall: true });
	device.installSEM(SyntheticEnvironmentModule);
	if (options.room !== null) await device.sem?.loadDefaultEnvironment(options.room ?? 'living_room');
	if (options.loadDevUI) device.installDevUI(await options.loadDevUI());
	return { provider: 'emulator', device };
}

async function supportsImmersive(xr: XRSystem): Promise<boolean> {
	try {
		const [vr, ar] = await Promise.all([xr.isSessionSupported('immersive-vr'), xr.isSessionSupported('immersive-ar')]);
		return vr || ar;
	} catch {
		return false;
	}
}

/** A phone or tablet: coarse pointer and orientation sensors (no user-agent sniffing). */
function isHandheld(): boolean {
	return window.matchMedia?.('(pointer: coarse)').matches === true && 'DeviceOrientationEvent' in window;
}
