import type { SceneUnderstanding } from '../../SceneUnderstanding.js';
import type { CameraSource, CameraSourceKind } from './CameraSource.js';
import { type RenderedViewOptions, RenderedViewSource } from './RenderedViewSource.js';
import { UserMediaSource } from './UserMediaSource.js';
import { XRCameraAccessSource } from './XRCameraAccessSource.js';

/**
 * The camera kind that fits the current session: raw camera access when the XR session granted it;
 * getUserMedia in an AR session (passthrough: the headset or phone camera sees what the user sees);
 * otherwise the rendered view (VR, the desktop, the emulator).
 */
export function preferredCameraKind(sense: SceneUnderstanding): CameraSourceKind {
	if (XRCameraAccessSource.isAvailable(sense)) return 'xr-camera';
	const session = sense.renderer.xr.getSession() as (XRSession & { mode?: XRSessionMode }) | null;
	const blend = session?.environmentBlendMode;
	const isAR = session?.mode === 'immersive-ar' || blend === 'alpha-blend' || blend === 'additive';
	if (isAR && typeof navigator !== 'undefined' && 'mediaDevices' in navigator) return 'user-media';
	return 'rendered-view';
}

/** Makes a source of the given kind. */
export function createCameraSource(kind: CameraSourceKind, renderedView: RenderedViewOptions = {}): CameraSource {
	switch (kind) {
		case 'xr-camera':
			return new XRCameraAccessSource();
		case 'user-media':
			return new UserMediaSource();
		default:
			return new RenderedViewSource(renderedView);
	}
}
