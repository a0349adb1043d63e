import * as tf from '@tensorflow/tfjs';
import type { DetectorPixels } from './Detector.js';

/** The width and height of a frame the detectors accept (a video's intrinsic size). */
export function pixelSize(p: DetectorPixels): { width: number; height: number } {
	if (typeof HTMLVideoElement !== 'undefined' && p instanceof HTMLVideoElement) {
		return { width: p.videoWidth, height: p.videoHeight };
	}
	return { width: (p as { width: number }).width, height: (p as { height: number }).height };
}

/** The frame as an int32 `[height, width, 3]` RGB tensor; `who` names the caller in errors. */
export function toRgb(p: DetectorPixels, width: number, height: number, who: string): tf.Tensor3D {
	if ('data' in p) {
		if (p.data.length !== width * height * 4) {
			throw new Error(`${who}: expected ${width}×${height} RGBA bytes, got ${p.data.length}`);
		}
		const rgba = tf.tensor3d(new Int32Array(p.data), [height, width, 4], 'int32');
		return rgba.slice([0, 0, 0], [height, width, 3]);
	}
	return tf.browser.fromPixels(p as Exclude<DetectorPixels, { data: unknown }>, 3);
}
