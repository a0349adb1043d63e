/**
 * The fusion network: text encoder (embedding → two width-3 token convolutions and one
 * self-attention, or the reference design's recurrent encoder as a bidirectional GRU → additive
 * attention pooling), object encoder (label words through the same embedding + perceptual and
 * geometric features + soft ranks within the named group), cross-modal attention both ways, two
 * rounds of relation message passing over the scene graph, and the heads: intent, target pointer,
 * destination pointer (each adds a score the words weigh feature by feature), refined label.
 *
 * ```ts
 * const net = buildFusionNet( { vocabSize: 1200, labelClasses: 35 } );
 * const [ intent, target, destination, labels ] = net.predict( inputs ) as tf.Tensor[];
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { LABEL_TOKENS, OBJECT_FEATURES, ORDER_CHANNELS, PAIR_FEATURES } from './features.js';
import { AttentionPooling } from './layers/AttentionPooling.js';
import { CrossAttention } from './layers/CrossAttention.js';
import { GroupRank } from './layers/GroupRank.js';
import { PointerLogits } from './layers/PointerLogits.js';
import { PointwiseDense } from './layers/PointwiseDense.js';
import { QueryFeatureScore } from './layers/QueryFeatureScore.js';
import { RelationLayer } from './layers/RelationLayer.js';
import { RepeatPerObject } from './layers/RepeatPerObject.js';
import { TokenConv } from './layers/TokenConv.js';
import { TokenEmbedding } from './layers/TokenEmbedding.js';
import { INTENTS } from './scenario.js';

export interface FusionNetConfig {
	vocabSize: number;
	labelClasses: number;
	embedding?: number;
	hidden?: number;
	/**
	 * `conv` (default): token convolutions + self-attention. `gru`: the reference design's
	 * recurrent encoder (bidirectional GRU), kept so the benchmark can compare the two.
	 */
	textEncoder?: 'conv' | 'gru';
}

/** Input names, in the order `predict` takes them. */
export const INPUT_NAMES = ['tokens', 'token_mask', 'labels', 'colors', 'objects', 'pairs', 'object_mask'] as const;

export function buildFusionNet(config: FusionNetConfig): tf.LayersModel {
	const e = config.embedding ?? 32;
	const h = config.hidden ?? 32;
	const d = 2 * h;
	// Word and object counts are left open: training pads every batch to MAX_TOKENS / MAX_OBJECTS,
	// one scene at inference is cut to what it has (masked slots contribute exactly nothing).
	const tokens = tf.input({ shape: [null], name: 'tokens', dtype: 'int32' });
	const tokenMask = tf.input({ shape: [null], name: 'token_mask' });
	const labels = tf.input({ shape: [null], name: 'labels', dtype: 'int32' });
	const colors = tf.input({ shape: [null], name: 'colors', dtype: 'int32' });
	const objects = tf.input({ shape: [null, OBJECT_FEATURES], name: 'objects' });
	const pairs = tf.input({ shape: [null, null, PAIR_FEATURES], name: 'pairs' });
	const objectMask = tf.input({ shape: [null], name: 'object_mask' });

	const embed = new TokenEmbedding({ vocabSize: config.vocabSize, dim: e, name: 'embedding' });
	const words = embed.apply(tokens) as tf.SymbolicTensor;
	const states = config.textEncoder === 'gru' ? recurrentEncoder(words, h) : convolutionalEncoder(words, tokenMask, d);
	const query = new AttentionPooling({ units: 48, name: 'text_pool' }).apply([states, tokenMask]) as tf.SymbolicTensor;

	const labelWords = embed.apply(labels) as tf.SymbolicTensor;
	const labelVec = tf.layers.reshape({ targetShape: [-1, LABEL_TOKENS * e] }).apply(labelWords) as tf.SymbolicTensor;
	const objIn = tf.layers.concatenate().apply([labelVec, objects]) as tf.SymbolicTensor;
	const obj = dense(d, 'relu', 'object_encoder').apply(objIn) as tf.SymbolicTensor;

	const objToText = new CrossAttention({ units: 48, sentinel: true, name: 'object_to_text' }).apply([
		obj,
		states,
		tokenMask,
	]) as tf.SymbolicTensor;
	// The object's label words and colour name against the said words, in the shared embedding
	// space: "is my name said?", "is my colour said?"
	const labelToText = new CrossAttention({ units: 32, sentinel: true, name: 'label_to_text' }).apply([
		labelVec,
		words,
		tokenMask,
	]) as tf.SymbolicTensor;
	const colorVec = embed.apply(colors) as tf.SymbolicTensor;
	const colorToText = new CrossAttention({ units: 16, sentinel: true, name: 'color_to_text' }).apply([
		colorVec,
		words,
		tokenMask,
	]) as tf.SymbolicTensor;
	// How strongly each object's name was said; the soft ranks count within that named group.
	const named = new PointwiseDense({ units: 1, name: 'group_match' }).apply(labelToText) as tf.SymbolicTensor;
	const ranks = new GroupRank({ ...ORDER_CHANNELS, name: 'group_rank' }).apply([
		named,
		pairs,
		objectMask,
	]) as tf.SymbolicTensor;
	const queryPerObject = new RepeatPerObject({ name: 'query_per_object' }).apply([query, obj]) as tf.SymbolicTensor;
	let x = tf.layers
		.concatenate()
		.apply([obj, objToText, labelToText, colorToText, queryPerObject, ranks]) as tf.SymbolicTensor;
	x = dense(d, 'relu', 'fuse').apply(x) as tf.SymbolicTensor;
	for (const round of [1, 2]) {
		const msg = new RelationLayer({ units: d, name: `relation_${round}` }).apply([
			x,
			pairs,
			objectMask,
		]) as tf.SymbolicTensor;
		const msgNorm = new PointwiseDense({ units: d, name: `relation_${round}_proj` }).apply(msg) as tf.SymbolicTensor;
		x = dense(d, 'relu', `relation_${round}_update`).apply(
			tf.layers.concatenate().apply([x, msgNorm, objToText]) as tf.SymbolicTensor,
		) as tf.SymbolicTensor;
	}

	const textToObj = new CrossAttention({ units: 48, sentinel: false, name: 'text_to_object' }).apply([
		states,
		x,
		objectMask,
	]) as tf.SymbolicTensor;
	const textAll = tf.layers.concatenate().apply([states, textToObj]) as tf.SymbolicTensor;
	const scenePool = new AttentionPooling({ units: 48, name: 'scene_pool' }).apply([
		textAll,
		tokenMask,
	]) as tf.SymbolicTensor;
	const global = dense(d, 'relu', 'global').apply(
		tf.layers.concatenate().apply([query, scenePool]) as tf.SymbolicTensor,
	) as tf.SymbolicTensor;

	const intent = tf.layers.dense({ units: INTENTS.length, name: 'intent' }).apply(global) as tf.SymbolicTensor;
	const coloured = new PointwiseDense({ units: 1, name: 'color_match' }).apply(colorToText) as tf.SymbolicTensor;
	// What each head's words can weigh per object: perception and geometry, soft ranks, how well its
	// name and colour were said, and its label and colour embeddings themselves (so the target head
	// matches "电视" in "桌子上的电视", not "桌子").
	const weighed = tf.layers
		.concatenate({ name: 'weighed_features' })
		.apply([objects, ranks, named, coloured, labelVec, colorVec]) as tf.SymbolicTensor;
	const pointer = (name: string) => {
		// Each head pools the words itself: "the left cup" and "on the table" are different parts.
		const own = new AttentionPooling({ units: 32, name: `${name}_query` }).apply([
			states,
			tokenMask,
		]) as tf.SymbolicTensor;
		const score = tf.layers
			.add({ name: `${name}_total` })
			.apply([
				new PointwiseDense({ units: 1, name: `${name}_score` }).apply(x) as tf.SymbolicTensor,
				new QueryFeatureScore({ name: `${name}_weighed` }).apply([weighed, own]) as tf.SymbolicTensor,
			]) as tf.SymbolicTensor;
		return new PointerLogits({ name }).apply([
			score,
			tf.layers.dense({ units: 1, name: `${name}_none` }).apply(global) as tf.SymbolicTensor,
			objectMask,
		]) as tf.SymbolicTensor;
	};
	const target = pointer('target');
	const destination = pointer('destination');
	const refined = new PointwiseDense({ units: config.labelClasses, name: 'label' }).apply(x) as tf.SymbolicTensor;
	return tf.model({
		inputs: [tokens, tokenMask, labels, colors, objects, pairs, objectMask],
		outputs: [intent, target, destination, refined],
		name: 'xr_sense_fusion',
	});
}

/** The reference design's recurrent text encoder, bidirectional: `(B,T,E)` → `(B,T,2h)`. */
function recurrentEncoder(words: tf.SymbolicTensor, h: number): tf.SymbolicTensor {
	return tf.layers
		.bidirectional({
			layer: tf.layers.gru({ units: h, returnSequences: true }) as tf.RNN,
			mergeMode: 'concat',
			name: 'text_gru',
		})
		.apply(words) as tf.SymbolicTensor;
}

/**
 * Two width-3 token convolutions (each word sees two neighbours either side) and one self-attention
 * over the utterance (so "put" can reach "table"): `(B,T,E)` → `(B,T,d)`, in a handful of wide ops.
 */
function convolutionalEncoder(words: tf.SymbolicTensor, mask: tf.SymbolicTensor, d: number): tf.SymbolicTensor {
	// tanh, not relu: in short side-by-side training runs, relu states learned colour matching worse.
	const activation = 'tanh';
	const c1 = new TokenConv({ units: d, activation, name: 'text_conv_1' }).apply([words, mask]) as tf.SymbolicTensor;
	const c2 = new TokenConv({ units: d, activation, residual: true, name: 'text_conv_2' }).apply([
		c1,
		mask,
	]) as tf.SymbolicTensor;
	const context = new CrossAttention({ units: 32, sentinel: false, name: 'text_self_attention' }).apply([
		c2,
		mask,
	]) as tf.SymbolicTensor;
	return dense(d, 'relu', 'text_states').apply(
		tf.layers.concatenate().apply([c2, context]) as tf.SymbolicTensor,
	) as tf.SymbolicTensor;
}

function dense(units: number, activation: 'relu', name: string): tf.layers.Layer {
	return new PointwiseDense({ units, activation, name });
}
