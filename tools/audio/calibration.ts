/**
 * Temperature scaling (Guo et al., 2017): one scalar that divides the logits so that the model's
 * confidence matches its accuracy, fitted on files the model did not train on (Node only).
 *
 * ```ts
 * const temperature = fitTemperature( weights, calibrationClips ); // e.g. 1.7: the model was over-confident
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { logMelSpectrogram } from '../../src/perception/audio/logMel.js';
import {
	MODEL_CLASSES,
	PATCH_FRAMES,
	PATCH_SAMPLES,
	soundEventLogits,
} from '../../src/perception/audio/soundEventModel.js';
import { loudWindows } from './augmentReal.js';
import type { RealClip } from './realSounds.js';

/** The loudest window of a clip (the whole clip, padded with silence, when it is shorter). */
function loudestPatch(samples: Float32Array): Float32Array {
	const out = new Float32Array(PATCH_SAMPLES);
	const [start] = loudWindows(samples, 0);
	out.set(samples.subarray(start, start + PATCH_SAMPLES));
	return out;
}

/** The temperature in [0.5, 5] with the lowest negative log-likelihood of the clips' classes. */
export function fitTemperature(weights: tf.NamedTensorMap, clips: RealClip[]): number {
	const size = PATCH_FRAMES * 64;
	const features = new Float32Array(clips.length * size);
	clips.forEach((c, i) => {
		features.set(logMelSpectrogram(loudestPatch(c.samples)).data, i * size);
	});
	const logits = tf.tidy(() => soundEventLogits(weights, tf.tensor3d(features, [clips.length, PATCH_FRAMES, 64])));
	const labels = tf.oneHot(
		tf.tensor1d(
			clips.map((c) => MODEL_CLASSES.indexOf(c.class)),
			'int32',
		),
		MODEL_CLASSES.length,
	);
	let best = 1;
	let bestLoss = Number.POSITIVE_INFINITY;
	for (let t = 0.5; t <= 5.0001; t += 0.05) {
		const loss = tf.tidy(() => tf.losses.softmaxCrossEntropy(labels, tf.div(logits, t)).dataSync()[0]);
		if (loss < bestLoss) [best, bestLoss] = [t, loss];
	}
	tf.dispose([logits, labels]);
	return Math.round(best * 100) / 100;
}
