/** Detection accuracy against hand-labelled boxes: matches at IoU ≥ 0.5 with the class, recall/precision at a score, AP50. */
import type { Detection } from '../../src/perception/detection/Detector.js';
import type { LabelledBox } from '../../test/support/debianPhotos.js';

export interface Scored {
	score: number;
	/** true: matched a labelled box; false: a false positive. (Detections inside an ignore region are left out.) */
	hit: boolean;
}

type Xyxy = [number, number, number, number];

function overlap(a: Xyxy, b: Xyxy): number {
	return (
		Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]))
	);
}
const area = (a: Xyxy) => (a[2] - a[0]) * (a[3] - a[1]);

/** Greedy matching, best score first, each labelled box matched at most once (the COCO rule). */
export function matchPhoto(
	detections: readonly Detection[],
	boxes: readonly LabelledBox[],
	ignore: readonly LabelledBox[] = [],
): Scored[] {
	const used = new Set<number>();
	const out: Scored[] = [];
	for (const d of [...detections].sort((a, b) => b.score - a.score)) {
		const box: Xyxy = [d.box[0], d.box[1], d.box[0] + d.box[2], d.box[1] + d.box[3]];
		let best = -1;
		let bestIou = 0.5;
		boxes.forEach((g, i) => {
			if (g.label !== d.label || used.has(i)) return;
			const inter = overlap(box, g.box);
			const iou = inter / (area(box) + area(g.box) - inter);
			if (iou >= bestIou) {
				bestIou = iou;
				best = i;
			}
		});
		if (best >= 0) {
			used.add(best);
			out.push({ score: d.score, hit: true });
		} else if (!ignore.some((g) => g.label === d.label && overlap(box, g.box) >= 0.5 * area(box))) {
			out.push({ score: d.score, hit: false });
		}
	}
	return out;
}

export interface Accuracy {
	recall: number;
	precision: number;
	hits: number;
	falsePositives: number;
	ap50: number;
}

/** Recall and precision at `threshold`, and AP at IoU 0.5 (all-point interpolation) over every score. */
export function accuracy(scored: readonly Scored[], labelled: number, threshold: number): Accuracy {
	const at = scored.filter((s) => s.score >= threshold);
	const hits = at.filter((s) => s.hit).length;
	const sorted = [...scored].sort((a, b) => b.score - a.score);
	const points: Array<[number, number]> = [];
	let tp = 0;
	sorted.forEach((s, i) => {
		if (s.hit) tp++;
		points.push([tp / labelled, tp / (i + 1)]);
	});
	let ap = 0;
	let prevRecall = 0;
	for (let i = 0; i < points.length; i++) {
		const [recall] = points[i];
		if (recall === prevRecall) continue;
		const bestPrecision = Math.max(...points.slice(i).map((p) => p[1]));
		ap += (recall - prevRecall) * bestPrecision;
		prevRecall = recall;
	}
	return {
		recall: hits / labelled,
		precision: at.length ? hits / at.length : 0,
		hits,
		falsePositives: at.length - hits,
		ap50: ap,
	};
}
