/** Accuracy of the shipped (or any) sound-event model on a synthetic split (Node only). */
import { SoundEventClassifier } from '../../src/perception/audio/SoundEventClassifier.js';
import { MODEL_CLASSES, PATCH_FRAMES } from '../../src/perception/audio/soundEventModel.js';
import { buildSplit, type SplitSpec } from './corpusSplit.js';
import { readModelFiles } from './modelFiles.js';

export interface SplitResult {
	accuracy: number;
	count: number;
	perClass: Record<string, number>;
	/** `confusion[truth][predicted]` counts. */
	confusion: number[][];
}

/** Rebuilds the split from its spec, classifies every clip with the model in `dir`, and scores it. */
export async function evaluateSplit(dir: string, spec: SplitSpec): Promise<SplitResult> {
	const classifier = await new SoundEventClassifier().load(readModelFiles(dir));
	try {
		const split = buildSplit(spec);
		const size = PATCH_FRAMES * split.bands;
		const confusion = MODEL_CLASSES.map(() => MODEL_CLASSES.map(() => 0));
		for (let i = 0; i < split.count; i++) {
			const data = split.features.subarray(i * size, (i + 1) * size);
			const [patch] = await classifier.classifyLogMel({ data, frames: PATCH_FRAMES, bands: split.bands });
			confusion[split.labels[i]][MODEL_CLASSES.indexOf(patch.class)]++;
		}
		const correct = confusion.reduce((n, row, k) => n + row[k], 0);
		const perClass = Object.fromEntries(
			MODEL_CLASSES.map((c, k) => [
				c,
				confusion[k][k] /
					Math.max(
						1,
						confusion[k].reduce((a, b) => a + b, 0),
					),
			]),
		);
		return { accuracy: correct / split.count, count: split.count, perClass, confusion };
	} finally {
		classifier.dispose();
	}
}
