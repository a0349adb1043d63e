import { COCO_LABELS } from './cocoLabels.js';
import type { Detection } from './Detector.js';
import { nonMaxSuppression } from './nonMaxSuppression.js';

export interface DecodeOptions {
	/** Side of the square model input the rows are expressed in (512 for CenterNet). */
	inputSize: number;
	/** Size of the frame the boxes are scaled to. */
	frameWidth: number;
	frameHeight: number;
	/**
	 * When the frame was letterboxed (padded right/below to a square of this side, then resized), the
	 * side; otherwise the frame was stretched to the square.
	 */
	squareSide?: number;
	/** Rows scoring below this are dropped (default 0.2). */
	scoreThreshold?: number;
	/** Same-class overlap above which the weaker box is dropped (default 0.5). */
	iouThreshold?: number;
	/** At most this many detections (default 20). */
	maxDetections?: number;
	/** Class names by index (default COCO). */
	labels?: readonly string[];
}

/**
 * Decodes CenterNet's `[N, 6]` output rows `[x1, y1, x2, y2, score, class]` (model-input pixels of
 * a frame stretched or letterboxed to a square) into detections in frame pixels: score threshold, clamp to the
 * frame, drop degenerate boxes, per-class NMS.
 */
export function decodeDetections(rows: ArrayLike<number>, options: DecodeOptions): Detection[] {
	const { inputSize, frameWidth, frameHeight } = options;
	const threshold = options.scoreThreshold ?? 0.2;
	const labels = options.labels ?? COCO_LABELS;
	const sx = (options.squareSide ?? frameWidth) / inputSize;
	const sy = (options.squareSide ?? frameHeight) / inputSize;
	const candidates: Detection[] = [];
	for (let i = 0; i + 5 < rows.length; i += 6) {
		const score = rows[i + 4];
		if (!(score >= threshold)) continue;
		const classId = Math.round(rows[i + 5]);
		const label = labels[classId];
		if (label === undefined) continue;
		const x1 = clamp(rows[i] * sx, 0, frameWidth);
		const y1 = clamp(rows[i + 1] * sy, 0, frameHeight);
		const x2 = clamp(rows[i + 2] * sx, 0, frameWidth);
		const y2 = clamp(rows[i + 3] * sy, 0, frameHeight);
		if (x2 - x1 < 1 || y2 - y1 < 1) continue;
		candidates.push({ label, classId, score, box: [x1, y1, x2 - x1, y2 - y1] });
	}
	return nonMaxSuppression(candidates, options.iouThreshold ?? 0.5, options.maxDetections ?? 20);
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}
