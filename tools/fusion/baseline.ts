/**
 * The reference design, implemented as the baseline: each modality encoded on its own, then
 * concatenated → Dense(128, relu) → the same intent / target / destination heads, no attention.
 * - text: embedding → LSTM(128);
 * - image: Conv2D(32, 3×3, relu) → MaxPool(2×2) → Flatten over a 224×224×3 egocentric
 *   rasterisation of the candidates (each object's projected box filled with its colour);
 * - audio: Conv1D(16, 3, relu) → MaxPool(2) → Flatten over a 36-bin azimuth × 12-class grid of the
 *   recent sound events.
 * Candidates fill the pointer slots left to right as seen, so slot k means "k-th from the left".
 */
import * as tf from '@tensorflow/tfjs';
import { MAX_OBJECTS, MAX_TOKENS } from '../../src/fusion/features.js';
import { toView, viewFrame } from '../../src/fusion/geometry.js';
import { PointerLogits } from '../../src/fusion/layers/PointerLogits.js';
import { TokenEmbedding } from '../../src/fusion/layers/TokenEmbedding.js';
import { type ColorName, INTENTS, type Scenario, SOUND_CLASSES } from '../../src/fusion/scenario.js';
import { encode, tokenize, type Vocabulary } from '../../src/perception/tokenizer.js';

export const IMAGE = 224;
const AZIMUTH_BINS = 36;

const RGB: Record<ColorName, [number, number, number]> = {
	red: [0.9, 0.1, 0.1],
	orange: [1, 0.55, 0.1],
	yellow: [0.95, 0.9, 0.1],
	green: [0.1, 0.7, 0.2],
	blue: [0.1, 0.3, 0.9],
	purple: [0.55, 0.2, 0.7],
	pink: [1, 0.6, 0.75],
	brown: [0.5, 0.3, 0.1],
	black: [0.05, 0.05, 0.05],
	white: [1, 1, 1],
	gray: [0.5, 0.5, 0.5],
};

export interface BaselineInput {
	tokens: Int32Array;
	image: Float32Array;
	audio: Float32Array;
	mask: Float32Array;
	/** Object id per slot, left to right. */
	ids: string[];
}

export function baselineInput(s: Scenario, vocab: Vocabulary): BaselineInput {
	const frame = viewFrame(s.viewer);
	const pitch = Math.asin(Math.max(-1, Math.min(1, s.viewer.forward[1] / (Math.hypot(...s.viewer.forward) || 1))));
	const view = (p: [number, number, number]) => {
		const v = toView(frame, p);
		// tilt by the head's pitch: y' = y cos − z sin, z' = z cos + y sin
		return [v[0], v[1] * Math.cos(pitch) - v[2] * Math.sin(pitch), v[2] * Math.cos(pitch) + v[1] * Math.sin(pitch)];
	};
	const objs = s.objects.slice(0, MAX_OBJECTS).map((o) => ({ o, v: view(o.position) }));
	objs.sort((a, b) => a.v[0] / Math.max(0.1, a.v[2]) - b.v[0] / Math.max(0.1, b.v[2]));
	const image = new Float32Array(IMAGE * IMAGE * 3);
	const f = IMAGE / 2; // 90° field of view
	for (const { o, v } of [...objs].sort((a, b) => b.v[2] - a.v[2])) {
		if (v[2] < 0.1) continue;
		const size = o.size ?? [0.2, 0.2, 0.2];
		const half = Math.max(size[0], size[2]) / 2;
		const x0 = Math.floor(f + (f * (v[0] - half)) / v[2]);
		const x1 = Math.ceil(f + (f * (v[0] + half)) / v[2]);
		const y0 = Math.floor(f - (f * (v[1] + size[1] / 2)) / v[2]);
		const y1 = Math.ceil(f - (f * (v[1] - size[1] / 2)) / v[2]);
		const rgb = o.color ? RGB[o.color] : [0.4, 0.4, 0.45];
		for (let y = Math.max(0, y0); y < Math.min(IMAGE, y1); y++)
			for (let x = Math.max(0, x0); x < Math.min(IMAGE, x1); x++) image.set(rgb, (y * IMAGE + x) * 3);
	}
	const audio = new Float32Array(AZIMUTH_BINS * SOUND_CLASSES.length);
	for (const snd of s.sounds ?? []) {
		const d = toView(frame, [
			s.viewer.position[0] + snd.direction[0],
			s.viewer.position[1],
			s.viewer.position[2] + snd.direction[2],
		]);
		const bin = Math.floor(((Math.atan2(d[0], d[2]) + Math.PI) / (2 * Math.PI)) * AZIMUTH_BINS) % AZIMUTH_BINS;
		audio[bin * SOUND_CLASSES.length + SOUND_CLASSES.indexOf(snd.class)] = snd.confidence ?? 1;
	}
	const mask = new Float32Array(MAX_OBJECTS);
	mask.fill(1, 0, objs.length);
	return {
		tokens: encode(tokenize(s.transcript), vocab, MAX_TOKENS),
		image,
		audio,
		mask,
		ids: objs.map((x) => x.o.id),
	};
}

export function baselineTensors(batch: BaselineInput[]): tf.Tensor[] {
	const n = batch.length;
	const tokens = new Int32Array(n * MAX_TOKENS);
	const image = new Float32Array(n * IMAGE * IMAGE * 3);
	const audio = new Float32Array(n * AZIMUTH_BINS * SOUND_CLASSES.length);
	const mask = new Float32Array(n * MAX_OBJECTS);
	batch.forEach((b, i) => {
		tokens.set(b.tokens, i * MAX_TOKENS);
		image.set(b.image, i * b.image.length);
		audio.set(b.audio, i * b.audio.length);
		mask.set(b.mask, i * MAX_OBJECTS);
	});
	return [
		tf.tensor2d(tokens, [n, MAX_TOKENS], 'int32'),
		tf.tensor4d(image, [n, IMAGE, IMAGE, 3]),
		tf.tensor3d(audio, [n, AZIMUTH_BINS, SOUND_CLASSES.length]),
		tf.tensor2d(mask, [n, MAX_OBJECTS]),
	];
}

export function buildBaselineNet(vocabSize: number): tf.LayersModel {
	const tokens = tf.input({ shape: [MAX_TOKENS], dtype: 'int32', name: 'tokens' });
	const image = tf.input({ shape: [IMAGE, IMAGE, 3], name: 'image' });
	const audio = tf.input({ shape: [AZIMUTH_BINS, SOUND_CLASSES.length], name: 'audio' });
	const mask = tf.input({ shape: [MAX_OBJECTS], name: 'object_mask' });
	const words = new TokenEmbedding({ vocabSize, dim: 64 }).apply(tokens) as tf.SymbolicTensor;
	const text = tf.layers.lstm({ units: 128 }).apply(words) as tf.SymbolicTensor;
	let img = tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }).apply(image) as tf.SymbolicTensor;
	img = tf.layers.maxPooling2d({ poolSize: 2 }).apply(img) as tf.SymbolicTensor;
	img = tf.layers.flatten().apply(img) as tf.SymbolicTensor;
	let snd = tf.layers.conv1d({ filters: 16, kernelSize: 3, activation: 'relu' }).apply(audio) as tf.SymbolicTensor;
	snd = tf.layers.maxPooling1d({ poolSize: 2 }).apply(snd) as tf.SymbolicTensor;
	snd = tf.layers.flatten().apply(snd) as tf.SymbolicTensor;
	const joint = tf.layers
		.dense({ units: 128, activation: 'relu' })
		.apply(tf.layers.concatenate().apply([text, img, snd]) as tf.SymbolicTensor) as tf.SymbolicTensor;
	const intent = tf.layers.dense({ units: INTENTS.length, name: 'intent' }).apply(joint) as tf.SymbolicTensor;
	const pointer = (name: string) => {
		const slots = tf.layers.dense({ units: MAX_OBJECTS, name: `${name}_slots` }).apply(joint) as tf.SymbolicTensor;
		const scores = tf.layers.reshape({ targetShape: [MAX_OBJECTS, 1] }).apply(slots) as tf.SymbolicTensor;
		const none = tf.layers.dense({ units: 1, name: `${name}_none` }).apply(joint) as tf.SymbolicTensor;
		return new PointerLogits({ name }).apply([scores, none, mask]) as tf.SymbolicTensor;
	};
	return tf.model({
		inputs: [tokens, image, audio, mask],
		outputs: [intent, pointer('target'), pointer('destination')],
		name: 'reference_baseline',
	});
}
