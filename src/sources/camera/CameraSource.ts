import type { Matrix4 } from 'three';
import type { DetectorPixels, PixelBox } from '../../perception/detection/Detector.js';
import type { SceneUnderstanding } from '../../SceneUnderstanding.js';

/** Which kind of camera a frame came from. */
export type CameraSourceKind = 'xr-camera' | 'user-media' | 'rendered-view';

/** One camera frame, stamped with where the camera was when it was taken. */
export interface CameraFrame {
	/** The pixels (top row first): RGBA bytes or a bitmap. */
	pixels: DetectorPixels;
	width: number;
	height: number;
	/** `performance.now()` time of capture. */
	time: number;
	/** Camera-to-world matrix at capture time. */
	pose: Matrix4;
	/** Projection matrix of the camera (intrinsics). */
	projection: Matrix4;
	/**
	 * Rectangles of the frame (pixels, top-left origin) that show the plugin's own overlays — labels,
	 * panels — where a copy of the rendered view includes them; detections there are not the room.
	 */
	overlays?: PixelBox[];
	/** Frees what the frame holds (a bitmap); call when done with it. */
	release(): void;
}

/**
 * A source of camera frames. `update` runs on the XR frame loop and only does bookkeeping or
 * issues GPU commands; `grab` resolves later with the next frame, so capture never blocks a frame.
 *
 * ```ts
 * const source: CameraSource = new RenderedViewSource();
 * await source.start( sense );
 * renderer.setAnimationLoop( ( t, frame ) => { source.update( t, frame ); … } );
 * const frame = await source.grab(); // later, off the loop
 * frame?.release();
 * ```
 */
export interface CameraSource {
	readonly kind: CameraSourceKind;
	/** Acquires the camera (may ask for permission); rejects with a clear error when it cannot. */
	start(sense: SceneUnderstanding): Promise<void>;
	/** Per-frame bookkeeping on the XR loop. */
	update(time: number, frame?: XRFrame): void;
	/**
	 * Set by the user of the source: called once when the camera stops on its own — permission
	 * revoked, device unplugged, the browser took it — after which `grab` gives null.
	 */
	onLost?: ((reason: string) => void) | null;
	/** The next frame, or null if the source has none to give (stopped, no view). */
	grab(): Promise<CameraFrame | null>;
	dispose(): void;
}
