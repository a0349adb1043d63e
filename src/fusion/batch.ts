/**
 * Stacks the feature arrays of several scenarios into the network's input tensors (in
 * {@link INPUT_NAMES} order). The caller disposes the tensors.
 */
import * as tf from '@tensorflow/tfjs';
import {
	type FusionFeatures,
	LABEL_TOKENS,
	MAX_OBJECTS,
	MAX_TOKENS,
	OBJECT_FEATURES,
	PAIR_FEATURES,
} from './features.js';

/** How many word and object slots a batch of tensors has. */
interface Slots {
	tokens: number;
	objects: number;
}

/**
 * `fit: 'full'` pads every scene to MAX_TOKENS words and MAX_OBJECTS objects (training: one shape
 * for every batch). `fit: 'tight'` cuts to the longest utterance and the largest scene in the
 * batch: padded slots are masked, so the answers are the same and one small scene costs a
 * fraction of a full one.
 */
function slotsFor(batch: FusionFeatures[], fit: 'full' | 'tight'): Slots {
	if (fit === 'full') return { tokens: MAX_TOKENS, objects: MAX_OBJECTS };
	let tokens = 1;
	let objects = 1;
	for (const f of batch) {
		for (let t = MAX_TOKENS; t > tokens; t--)
			if (f.tokens[t - 1] !== 0) {
				tokens = t;
				break;
			}
		objects = Math.max(objects, f.ids.length);
	}
	return { tokens, objects };
}

export function toTensors(batch: FusionFeatures[], fit: 'full' | 'tight' = 'full'): tf.Tensor[] {
	const n = batch.length;
	const { tokens: t, objects: m } = slotsFor(batch, fit);
	const tokens = new Int32Array(n * t);
	const tokenMask = new Float32Array(n * t);
	const labels = new Int32Array(n * m * LABEL_TOKENS);
	const colors = new Int32Array(n * m);
	const objects = new Float32Array(n * m * OBJECT_FEATURES);
	const pairs = new Float32Array(n * m * m * PAIR_FEATURES);
	const mask = new Float32Array(n * m);
	batch.forEach((f, i) => {
		tokens.set(f.tokens.subarray(0, t), i * t);
		for (let k = 0; k < t; k++) tokenMask[i * t + k] = f.tokens[k] !== 0 ? 1 : 0;
		// An empty utterance still gets one visible step so attention has something to pool.
		if (f.tokens[0] === 0) tokenMask[i * t] = 1;
		labels.set(f.labels.subarray(0, m * LABEL_TOKENS), i * m * LABEL_TOKENS);
		colors.set(f.colors.subarray(0, m), i * m);
		objects.set(f.objects.subarray(0, m * OBJECT_FEATURES), i * m * OBJECT_FEATURES);
		for (let a = 0; a < m; a++) {
			const from = a * MAX_OBJECTS * PAIR_FEATURES;
			pairs.set(f.pairs.subarray(from, from + m * PAIR_FEATURES), (i * m + a) * m * PAIR_FEATURES);
		}
		mask.set(f.mask.subarray(0, m), i * m);
	});
	return [
		tf.tensor2d(tokens, [n, t], 'int32'),
		tf.tensor2d(tokenMask, [n, t]),
		tf.tensor2d(labels, [n, m * LABEL_TOKENS], 'int32'),
		tf.tensor2d(colors, [n, m], 'int32'),
		tf.tensor3d(objects, [n, m, OBJECT_FEATURES]),
		tf.tensor4d(pairs, [n, m, m, PAIR_FEATURES]),
		tf.tensor2d(mask, [n, m]),
	];
}
