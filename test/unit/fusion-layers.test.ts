import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrossAttention } from '../../src/fusion/layers/CrossAttention.js';
import { GroupRank } from '../../src/fusion/layers/GroupRank.js';
import { PointwiseDense } from '../../src/fusion/layers/PointwiseDense.js';
import { QueryFeatureScore } from '../../src/fusion/layers/QueryFeatureScore.js';
import { RelationLayer } from '../../src/fusion/layers/RelationLayer.js';
import { RepeatPerObject } from '../../src/fusion/layers/RepeatPerObject.js';
import { TokenConv } from '../../src/fusion/layers/TokenConv.js';
import { TokenEmbedding } from '../../src/fusion/layers/TokenEmbedding.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';

beforeAll(async () => {
	await selectBackend({ backend: 'wasm' });
});

describe('GroupRank', () => {
	it('counts only the named objects before each one, as soft buckets', async () => {
		// Three objects left to right: a cup, a bowl, a cup. Channel 0 is "j left of i".
		const x = [0, 1, 2];
		const pairs = tf.tensor4d(
			x.flatMap((xi) => x.map((xj) => (xj < xi ? 1 : 0))),
			[1, 3, 3, 1],
		);
		const named = tf.tensor3d([10, -10, 10], [1, 3, 1]); // "the second cup": cups named, bowl not
		const mask = tf.ones([1, 3]);
		const out = new GroupRank({ start: 0, count: 1 }).apply([named, pairs, mask]) as tf.Tensor;
		const rows = (await out.array()) as number[][][];
		const bucket = (i: number) => rows[0][i].indexOf(Math.max(...rows[0][i]));
		expect(bucket(0)).toBe(0); // the first cup has no named thing to its left
		expect(bucket(2)).toBe(1); // the last cup has one (the bowl does not count)
		expect(rows[0][2][1]).toBeGreaterThan(0.99);
		tf.dispose([pairs, named, mask, out]);
	});

	it('ignores masked-out slots', async () => {
		const pairs = tf.ones([1, 2, 2, 1]);
		const out = new GroupRank({ start: 0, count: 1 }).apply([
			tf.fill([1, 2, 1], 10),
			pairs,
			tf.tensor2d([[1, 0]]),
		]) as tf.Tensor;
		const rows = (await out.array()) as number[][][];
		expect(rows[0][0][1]).toBeGreaterThan(0.99); // counts itself (pairs all 1) but not the padded slot
		expect(rows[0][0][2]).toBeLessThan(0.02);
	});
});

describe('QueryFeatureScore', () => {
	it('is f · (W·q + b): the query decides which features count', async () => {
		const layer = new QueryFeatureScore();
		const f = tf.tensor3d([
			[
				[1, 0],
				[0, 1],
			],
		]);
		const q = tf.tensor2d([[1, 0, 0]]);
		layer.apply([f, q]);
		layer.setWeights([
			tf.tensor2d([
				[2, -3],
				[0, 0],
				[0, 0],
			]),
			tf.tensor1d([0.5, 0]),
		]);
		const out = (await (layer.apply([f, q]) as tf.Tensor).array()) as number[][][];
		expect(out[0][0][0]).toBeCloseTo(2.5);
		expect(out[0][1][0]).toBeCloseTo(-3);
	});
});

describe('TokenConv', () => {
	it('sees exactly one neighbour each side and nothing past the mask', async () => {
		const layer = new TokenConv({ units: 1 });
		const x = tf.tensor3d([[[1], [2], [4], [8]]]);
		const mask = tf.tensor2d([[1, 1, 1, 0]]);
		layer.apply([x, mask]);
		// weights for [left, self, right]: 100·left + 10·self + 1·right
		layer.setWeights([tf.tensor2d([[100], [10], [1]]), tf.zeros([1])]);
		const out = (await (layer.apply([x, mask]) as tf.Tensor).array()) as number[][][];
		expect(out[0].map((r) => r[0])).toEqual([12, 124, 240, 400]);
	});
});

describe('CrossAttention', () => {
	it('with two inputs attends over its own items (self-attention)', async () => {
		const layer = new CrossAttention({ units: 2, sentinel: false });
		const items = tf.tensor3d([
			[
				[1, 0],
				[0, 1],
			],
		]);
		const mask = tf.tensor2d([[1, 1]]);
		const self = (await (layer.apply([items, mask]) as tf.Tensor).array()) as number[][][];
		const cross = (await (layer.apply([items, items, mask]) as tf.Tensor).array()) as number[][][];
		expect(self).toEqual(cross);
		expect(self[0][0]).toHaveLength(3);
	});
});

describe('PointwiseDense', () => {
	it('computes what tfjs Dense computes, from the same weights, on rank-3 input', async () => {
		const x = tf.randomNormal([2, 5, 7], 0, 1, 'float32', 3);
		const dense = tf.layers.dense({ units: 4, activation: 'relu' });
		const expected = dense.apply(x) as tf.Tensor;
		const ours = new PointwiseDense({ units: 4, activation: 'relu' });
		ours.apply(x);
		ours.setWeights(dense.getWeights());
		const got = ours.apply(x) as tf.Tensor;
		expect(got.shape).toEqual([2, 5, 4]);
		expect((await tf.max(tf.abs(tf.sub(got, expected))).data())[0]).toBeLessThan(1e-5);
		expect(ours.getWeights().map((w) => w.shape)).toEqual([[7, 4], [4]]);
	});
});

describe('RepeatPerObject', () => {
	it('copies the scene vector to however many object slots the input has', async () => {
		const v = tf.tensor2d([
			[1, 2],
			[3, 4],
		]);
		const out = (await (new RepeatPerObject().apply([v, tf.zeros([2, 3, 9])]) as tf.Tensor).array()) as number[][][];
		expect(out).toEqual([
			[
				[1, 2],
				[1, 2],
				[1, 2],
			],
			[
				[3, 4],
				[3, 4],
				[3, 4],
			],
		]);
	});
});

describe('RelationLayer', () => {
	it('sums relu(A·x_i + B·x_j + C·p_ij + b) over unmasked j, the same on every backend', async () => {
		const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 5);
		const pairs = tf.randomNormal([2, 4, 4, 2], 0, 1, 'float32', 6);
		const mask = tf.tensor2d([
			[1, 1, 0, 1],
			[1, 0, 0, 0],
		]);
		const layer = new RelationLayer({ units: 5 });
		layer.apply([x, pairs, mask]);
		const [a, b, c, bias] = layer.getWeights();
		// Straight from the definition, one object pair at a time.
		const [xs, ps, ms, av, bv, cv, biasv] = await Promise.all(
			[x, pairs, mask, a, b, c, bias].map((t) => t.array() as Promise<unknown>),
		);
		const dot = (v: number[], w: number[][], u: number) => v.reduce((s, vi, k) => s + vi * w[k][u], 0);
		const expected = (xs as number[][][]).map((scene, s) =>
			scene.map((_, i) =>
				[0, 1, 2, 3, 4].map((u) =>
					scene.reduce((sum, xj, j) => {
						const z =
							dot(scene[i], av as number[][], u) +
							dot(xj, bv as number[][], u) +
							dot((ps as number[][][][])[s][i][j], cv as number[][], u) +
							(biasv as number[])[u];
						return sum + (ms as number[][])[s][j] * Math.max(0, z);
					}, 0),
				),
			),
		);
		for (const backend of ['wasm', 'cpu'] as const) {
			await selectBackend({ backend });
			const got = (await (layer.apply([x, pairs, mask]) as tf.Tensor).array()) as number[][][];
			for (const [k, v] of got.flat(2).entries()) expect(v).toBeCloseTo(expected.flat(2)[k], 4);
		}
		await selectBackend({ backend: 'wasm' });
	});
});

describe('TokenEmbedding', () => {
	it('looks up the same vectors for inference as for training, and clips unknown ids', async () => {
		const layer = new TokenEmbedding({ vocabSize: 5, dim: 2 });
		const ids = tf.tensor2d(
			[
				[0, 3, 4],
				[7, 1, -2],
			],
			undefined,
			'int32',
		);
		const inference = (await (layer.apply(ids) as tf.Tensor).array()) as number[][][];
		const training = (await (layer.call(ids, { training: true }) as tf.Tensor).array()) as number[][][];
		expect(inference).toEqual(training);
		const table = (await layer.getWeights()[0].array()) as number[][];
		expect(inference[1][0]).toEqual(table[4]); // 7 → last row
		expect(inference[1][2]).toEqual(table[0]); // -2 → row 0
	});
});
