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

export function toTensors(batch: FusionFeatures[]): tf.Tensor[] {
	const n = batch.length;
	const tokens = new Int32Array(n * MAX_TOKENS);
	const tokenMask = new Float32Array(n * MAX_TOKENS);
	const labels = new Int32Array(n * MAX_OBJECTS * LABEL_TOKENS);
	const colors = new Int32Array(n * MAX_OBJECTS);
	const objects = new Float32Array(n * MAX_OBJECTS * OBJECT_FEATURES);
	const pairs = new Float32Array(n * MAX_OBJECTS * MAX_OBJECTS * PAIR_FEATURES);
	const mask = new Float32Array(n * MAX_OBJECTS);
	batch.forEach((f, i) => {
		tokens.set(f.tokens, i * MAX_TOKENS);
		for (let t = 0; t < MAX_TOKENS; t++) tokenMask[i * MAX_TOKENS + t] = f.tokens[t] !== 0 ? 1 : 0;
		// An empty utterance still gets one visible step so attention has something to pool.
		if (f.tokens[0] === 0) tokenMask[i * MAX_TOKENS] = 1;
		labels.set(f.labels, i * MAX_OBJECTS * LABEL_TOKENS);
		colors.set(f.colors, i * MAX_OBJECTS);
		objects.set(f.objects, i * MAX_OBJECTS * OBJECT_FEATURES);
		pairs.set(f.pairs, i * MAX_OBJECTS * MAX_OBJECTS * PAIR_FEATURES);
		mask.set(f.mask, i * MAX_OBJECTS);
	});
	return [
		tf.tensor2d(tokens, [n, MAX_TOKENS], 'int32'),
		tf.tensor2d(tokenMask, [n, MAX_TOKENS]),
		tf.tensor2d(labels, [n, MAX_OBJECTS * LABEL_TOKENS], 'int32'),
		tf.tensor2d(colors, [n, MAX_OBJECTS], 'int32'),
		tf.tensor3d(objects, [n, MAX_OBJECTS, OBJECT_FEATURES]),
		tf.tensor4d(pairs, [n, MAX_OBJECTS, MAX_OBJECTS, PAIR_FEATURES]),
		tf.tensor2d(mask, [n, MAX_OBJECTS]),
	];
}
