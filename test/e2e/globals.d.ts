import type { XRDevice } from 'iwer';
import type { DebugHud, SceneUnderstanding } from '../../src/index.js';

declare global {
	interface Window {
		/** The demo's plugin instance. */
		sense: SceneUnderstanding;
		/** The emulated headset, when the demo emulates one. */
		xrDevice: XRDevice | null;
		/** The demo's picture HUD. */
		hud: DebugHud;
	}
}
