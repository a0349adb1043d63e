import type { PixelBox } from './Detector.js';

/** Intersection over union of two `[x, y, w, h]` boxes. */
export function iou(a: PixelBox, b: PixelBox): number {
	const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
	const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
	const inter = ix * iy;
	const union = a[2] * a[3] + b[2] * b[3] - inter;
	return union > 0 ? inter / union : 0;
}

/**
 * Greedy non-maximum suppression: keeps the best-scoring box and drops every box of the same class
 * that overlaps a kept one by more than `iouThreshold`, and a box of any class that overlaps by more
 * than `crossClassIou` (the detector hesitating between classes for one object). Per class first,
 * because a tie on a person overlaps the person and both are right. Returns the kept items, best first.
 */
export function nonMaxSuppression<T extends { box: PixelBox; score: number; classId: number }>(
	items: readonly T[],
	iouThreshold = 0.5,
	maxResults = Number.POSITIVE_INFINITY,
	crossClassIou = 0.8,
): T[] {
	const sorted = [...items].sort((a, b) => b.score - a.score);
	const kept: T[] = [];
	for (const item of sorted) {
		if (kept.length >= maxResults) break;
		let suppressed = false;
		for (const k of kept) {
			const overlap = iou(k.box, item.box);
			if (overlap > (k.classId === item.classId ? iouThreshold : crossClassIou)) {
				suppressed = true;
				break;
			}
		}
		if (!suppressed) kept.push(item);
	}
	return kept;
}
