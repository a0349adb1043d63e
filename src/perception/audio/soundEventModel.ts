import * as tf from '@tensorflow/tfjs';
import { SOUND_CLASSES } from '../../fusion/scenario.js';
import { LOG_MEL_DEFAULTS } from './logMel.js';

/**
 * What the model tells apart: the scenario's sound classes and `unknown`, "none of these", which is
 * trained on real sounds outside the set so that they stop landing on the nearest class with
 * near-certain confidence. `unknown` never reaches a scenario: the stages drop it.
 */
export const MODEL_CLASSES = [...SOUND_CLASSES, 'unknown'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

/** Frames per classifier patch: 96 × 10 ms ≈ 0.96 s, as in YAMNet. */
export const PATCH_FRAMES = 96;
/** Hop between patches when scanning a longer signal (50 % overlap). */
export const PATCH_HOP = 48;
/** Samples at 16 kHz that make exactly one patch: 400 + 95 × 160. */
export const PATCH_SAMPLES = LOG_MEL_DEFAULTS.windowLength + (PATCH_FRAMES - 1) * LOG_MEL_DEFAULTS.hopLength;

/** The encoder's 1-D convolutions: kernel size and output channels (input channels = mel bands). */
export const CONV_LAYERS: ReadonlyArray<{ name: string; kernel: number; filters: number }> = [
	{ name: 'conv1', kernel: 5, filters: 48 },
	{ name: 'conv2', kernel: 3, filters: 64 },
	{ name: 'conv3', kernel: 3, filters: 96 },
];

/**
 * Weight shapes by name. `norm/*` are the per-band mean and variance of the training features;
 * `convN/kernel` is `[kernel, in, out]` (tf.conv1d's layout); `classes/*` the softmax layer.
 */
export function soundEventWeightShapes(): Record<string, number[]> {
	const shapes: Record<string, number[]> = {
		'norm/mean': [LOG_MEL_DEFAULTS.melBands],
		'norm/variance': [LOG_MEL_DEFAULTS.melBands],
	};
	let channels = LOG_MEL_DEFAULTS.melBands;
	for (const { name, kernel, filters } of CONV_LAYERS) {
		shapes[`${name}/kernel`] = [kernel, channels, filters];
		shapes[`${name}/bias`] = [filters];
		channels = filters;
	}
	shapes['classes/kernel'] = [channels, MODEL_CLASSES.length];
	shapes['classes/bias'] = [MODEL_CLASSES.length];
	return shapes;
}

/** Fresh He-initialised weights (norm: identity), seeded. */
export function initSoundEventWeights(seed: number): tf.NamedTensorMap {
	const out: tf.NamedTensorMap = {};
	let n = 0;
	for (const [name, shape] of Object.entries(soundEventWeightShapes())) {
		n++;
		if (name === 'norm/variance') out[name] = tf.ones(shape);
		else if (name.endsWith('/kernel')) {
			const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
			out[name] = tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed * 101 + n);
		} else out[name] = tf.zeros(shape);
	}
	return out;
}

/**
 * 1-D convolution, 'same' padding. For training it is written as shifted slices concatenated along
 * channels times a matrix (im2col): tfjs's WASM backend has no Conv2DBackpropFilter, and this form
 * trains ~30× faster there than tf.conv1d does on the CPU backend. Inference uses tf.conv1d.
 */
function conv(x: tf.Tensor3D, kernel: tf.Tensor, bias: tf.Tensor, im2col: boolean): tf.Tensor3D {
	const [k, inCh, outCh] = kernel.shape;
	if (!im2col) return tf.relu(tf.add(tf.conv1d(x, kernel as tf.Tensor3D, 1, 'same'), bias)) as tf.Tensor3D;
	const [batch, frames] = x.shape;
	const left = Math.floor((k - 1) / 2);
	const padded = tf.pad(x, [
		[0, 0],
		[left, k - 1 - left],
		[0, 0],
	]);
	const shifted = Array.from({ length: k }, (_, j) => tf.slice(padded, [0, j, 0], [batch, frames, inCh]));
	const columns = tf.reshape(tf.concat(shifted, 2), [batch * frames, k * inCh]);
	const out = tf.matMul(columns, tf.reshape(kernel, [k * inCh, outCh]));
	return tf.reshape(tf.relu(tf.add(out, bias)), [batch, frames, outCh]) as tf.Tensor3D;
}

/** Max-pool by 2 over time (reshape + max: differentiable on every backend). */
function pool2(x: tf.Tensor3D): tf.Tensor3D {
	const [batch, frames, ch] = x.shape;
	return tf.max(tf.reshape(x, [batch, frames / 2, 2, ch]), 2);
}

/** Log-mel peak of a full-scale tone: where {@link levelNormalise} puts a patch's loudest bin. */
export const LEVEL_REFERENCE = 4.8;
/** Log-mel peak of a tone at about −40 dBFS: quieter patches are not raised, so faint noise stays faint. */
export const LEVEL_FLOOR = 0.2;
/** The log-mel value of digital silence (the padding of a short signal); it is left as it is. */
const SILENCE = Math.log(LOG_MEL_DEFAULTS.logOffset) + 1e-3;

/**
 * Makes the model deaf to playback level: each patch is shifted so its loudest bin sits at
 * {@link LEVEL_REFERENCE}, unless it is quieter than about −40 dBFS. Real recordings arrive at any
 * gain (a phone across the room, a clip normalised to full scale); without this a quiet footstep
 * looked like silence and a loud one like a knock. Digital silence stays silence.
 */
export function levelNormalise(x: tf.Tensor3D): tf.Tensor3D {
	return tf.tidy(() => {
		const peak = tf.maximum(tf.max(x, [1, 2], true), LEVEL_FLOOR);
		const shifted = tf.add(tf.sub(x, peak), LEVEL_REFERENCE);
		return tf.where(tf.lessEqual(x, SILENCE), x, shifted) as tf.Tensor3D;
	});
}

export interface ForwardOptions {
	/** Train-time form: im2col convolutions and dropout. */
	training?: boolean;
	/** Dropout rate before the classifier, training only (default 0.2). */
	dropout?: number;
	seed?: number;
}

/**
 * The audio encoder: level-normalise the patch ({@link levelNormalise}), standardise each mel band, three 1-D conv + ReLU layers over time (mel bands as
 * channels) with max-pooling, global average pool into an embedding, linear layer to class logits
 * over {@link MODEL_CLASSES}. Input `[batch, PATCH_FRAMES, 64]` log-mel; output `[batch, classes]` logits.
 *
 * ```ts
 * const probs = tf.softmax( soundEventLogits( weights, patches ) );
 * ```
 */
export function soundEventLogits(
	weights: tf.NamedTensorMap,
	x: tf.Tensor3D,
	options: ForwardOptions = {},
): tf.Tensor2D {
	const training = options.training ?? false;
	const levelled = levelNormalise(x);
	let h = tf.div(
		tf.sub(levelled, weights['norm/mean']),
		tf.sqrt(tf.add(weights['norm/variance'], 1e-3)),
	) as tf.Tensor3D;
	CONV_LAYERS.forEach(({ name }, i) => {
		h = conv(h, weights[`${name}/kernel`], weights[`${name}/bias`], training);
		if (i < CONV_LAYERS.length - 1) h = pool2(h);
	});
	let embedding = tf.mean(h, 1) as tf.Tensor2D;
	if (training) embedding = tf.dropout(embedding, options.dropout ?? 0.2, undefined, options.seed) as tf.Tensor2D;
	return tf.add(tf.matMul(embedding, weights['classes/kernel']), weights['classes/bias']) as tf.Tensor2D;
}
