/**
 * Scores a sound-event classifier on real recordings, one verdict per file (Node only): the file's
 * patches within 20 dB of its loudest are averaged, and the top class is the verdict. In-set files
 * score top-1 (and a confusion matrix); out-of-set files (`unknown`) count as confidently wrong when
 * they get a sound class at probability ≥ 0.9; calibration is the expected calibration error.
 *
 * ```ts
 * const report = await evaluateReal( classifier, loadRealSounds( { split: 'test' } ) );
 * console.log( report.inSet.macro, report.outOfSet.confidentRate, report.ece );
 * ```
 */

import type { SoundEventClassifier } from '../../src/perception/audio/SoundEventClassifier.js';
import { rms } from '../../src/perception/audio/sanitize.js';
import { MODEL_CLASSES, type ModelClass } from '../../src/perception/audio/soundEventModel.js';
import type { RealClip } from './realSounds.js';

export interface FileVerdict {
	package: string;
	path: string;
	truth: ModelClass;
	predicted: ModelClass;
	score: number;
}

export interface RealReport {
	files: number;
	inSet: {
		count: number;
		/** Share of in-set files whose verdict is their class. */
		micro: number;
		/** Mean over classes of each class's top-1 (the classes present in the split). */
		macro: number;
		perClass: Record<string, { count: number; correct: number }>;
		/** `confusion[truth][predicted]`, rows and columns in {@link MODEL_CLASSES} order. */
		confusion: number[][];
	};
	outOfSet: {
		count: number;
		/** Out-of-set files given a sound class with probability ≥ 0.9, as a share. */
		confidentRate: number;
		/** Out-of-set files whose verdict is `unknown`, as a share. */
		rejected: number;
	};
	/** Expected calibration error over all files (10 equal-width bins of the verdict's probability). */
	ece: number;
	verdicts: FileVerdict[];
}

/** Mean class probabilities of a file's loud patches. */
export async function fileProbabilities(
	classifier: SoundEventClassifier,
	samples: Float32Array,
): Promise<Float32Array> {
	const patches = await classifier.classify(samples, 16000);
	const levels = patches.map((p) =>
		rms(samples, Math.floor(p.start * 16000), Math.min(samples.length, Math.ceil(p.end * 16000))),
	);
	const loudest = Math.max(...levels);
	const mean = new Float32Array(MODEL_CLASSES.length);
	let n = 0;
	patches.forEach((p, i) => {
		if (levels[i] < loudest * 0.1) return;
		for (let k = 0; k < mean.length; k++) mean[k] += p.probabilities[k];
		n++;
	});
	for (let k = 0; k < mean.length; k++) mean[k] /= Math.max(1, n);
	return mean;
}

export async function evaluateReal(classifier: SoundEventClassifier, clips: RealClip[]): Promise<RealReport> {
	const K = MODEL_CLASSES.length;
	const confusion = MODEL_CLASSES.map(() => new Array<number>(K).fill(0));
	const verdicts: FileVerdict[] = [];
	const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
	let confident = 0;
	let rejected = 0;
	for (const clip of clips) {
		const probabilities = await fileProbabilities(classifier, clip.samples);
		let best = 0;
		for (let k = 1; k < K; k++) if (probabilities[k] > probabilities[best]) best = k;
		const predicted = MODEL_CLASSES[best];
		const score = probabilities[best];
		const truth = clip.class;
		confusion[MODEL_CLASSES.indexOf(truth)][best]++;
		verdicts.push({ package: clip.package, path: clip.path, truth, predicted, score });
		if (truth === 'unknown') {
			if (predicted === 'unknown') rejected++;
			else if (predicted !== 'silence' && score >= 0.9) confident++;
		}
		const bin = bins[Math.min(9, Math.floor(score * 10))];
		bin.n++;
		bin.confidence += score;
		bin.correct += predicted === truth ? 1 : 0;
	}
	const perClass: Record<string, { count: number; correct: number }> = {};
	MODEL_CLASSES.forEach((c, k) => {
		if (c === 'unknown') return;
		const count = confusion[k].reduce((a, b) => a + b, 0);
		if (count > 0) perClass[c] = { count, correct: confusion[k][k] };
	});
	const classes = Object.values(perClass);
	const inCount = classes.reduce((n, c) => n + c.count, 0);
	const outCount = confusion[MODEL_CLASSES.indexOf('unknown')].reduce((a, b) => a + b, 0);
	const total = verdicts.length;
	return {
		files: total,
		inSet: {
			count: inCount,
			micro: classes.reduce((n, c) => n + c.correct, 0) / Math.max(1, inCount),
			macro: classes.reduce((n, c) => n + c.correct / c.count, 0) / Math.max(1, classes.length),
			perClass,
			confusion,
		},
		outOfSet: {
			count: outCount,
			confidentRate: confident / Math.max(1, outCount),
			rejected: rejected / Math.max(1, outCount),
		},
		ece: bins.reduce((e, b) => e + (b.n === 0 ? 0 : (b.n / total) * Math.abs(b.confidence / b.n - b.correct / b.n)), 0),
		verdicts,
	};
}
