import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import { AttentionPooling } from '../../src/fusion/layers/AttentionPooling.js';
import { CrossAttention } from '../../src/fusion/layers/CrossAttention.js';
import { GroupRank } from '../../src/fusion/layers/GroupRank.js';
import { denseOp, setHostKernels } from '../../src/fusion/layers/hostKernels.js';
import { PointwiseDense } from '../../src/fusion/layers/PointwiseDense.js';
import { RelationLayer } from '../../src/fusion/layers/RelationLayer.js';
import { TokenConv } from '../../src/fusion/layers/TokenConv.js';
import { TokenEmbedding } from '../../src/fusion/layers/TokenEmbedding.js';
import type { Scenario } from '../../src/fusion/scenario.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';

afterEach(() => setHostKernels(true));

/** The layer's output with the fused CPU kernels and with the stock tfjs ops. */
function bothWays(layer: tf.layers.Layer, inputs: tf.Tensor | tf.Tensor[]): [number[], number[]] {
	setHostKernels(true);
	const fused = layer.apply(inputs) as tf.Tensor;
	setHostKernels(false);
	const stock = layer.apply(inputs) as tf.Tensor;
	setHostKernels(true);
	expect(fused.shape).toEqual(stock.shape);
	const out: [number[], number[]] = [Array.from(fused.dataSync()), Array.from(stock.dataSync())];
	tf.dispose([fused, stock]);
	return out;
}

function expectClose(a: number[], b: number[], tolerance = 1e-5): void {
	expect(a).toHaveLength(b.length);
	let worst = 0;
	for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
	expect(worst).toBeLessThan(tolerance);
}

/** A mask with the last `off` of `n` slots padded. */
const maskOf = (n: number, off: number) => tf.tensor2d([Array.from({ length: n }, (_, i) => (i < n - off ? 1 : 0))]);

describe.each(['cpu', 'wasm'] as const)('fused host kernels on %s', (backend) => {
	beforeAll(async () => {
		await selectBackend({ backend });
	});
	it('XrDense matches fused matMul for odd rows, widths not divisible by 4, and each activation', () => {
		for (const [rows, k, n] of [
			[1, 1, 1],
			[3, 17, 64],
			[7, 5, 6],
			[10, 287, 35],
		]) {
			const x = tf.randomNormal([1, rows, k], 0, 1, 'float32', rows * 31 + k);
			const w = tf.randomNormal([k, n], 0, 1, 'float32', n);
			const b = tf.randomNormal([n], 0, 1, 'float32', 5);
			for (const activation of ['linear', 'relu'] as const) {
				const ours = denseOp(x, w, b, activation);
				const reference = tf.fused.matMul({
					a: x.reshape([rows, k]) as tf.Tensor2D,
					b: w as tf.Tensor2D,
					bias: b,
					activation,
				});
				expect(ours.shape).toEqual([1, rows, n]);
				expectClose(Array.from(ours.dataSync()), Array.from(reference.dataSync()), 1e-4);
				tf.dispose([ours, reference]);
			}
			const tanh = denseOp(x, w, null, 'tanh');
			const reference = tf.tanh(tf.matMul(x.reshape([rows, k]), w));
			expectClose(Array.from(tanh.dataSync()), Array.from(reference.dataSync()), 1e-5);
			tf.dispose([x, w, b, tanh, reference]);
		}
	});

	it('XrDense sees new weights after a variable is assigned (the transposed copy is keyed by data)', () => {
		const x = tf.tensor2d([[1, 2]]);
		const w = tf.variable(tf.tensor2d([[1], [0]]));
		expect(Array.from(denseOp(x, w, null, 'linear').dataSync())).toEqual([1]);
		w.assign(tf.tensor2d([[0], [1]]));
		expect(Array.from(denseOp(x, w, null, 'linear').dataSync())).toEqual([2]);
		tf.dispose([x, w]);
	});

	it.runIf(backend === 'cpu')('XrDense refuses integer input with a clear error', () => {
		const ids = tf.tensor2d([[1, 2]], [1, 2], 'int32');
		const w = tf.ones([2, 3]);
		expect(() => denseOp(ids, w, null, 'linear')).toThrow(/x must be float32, got int32/);
		tf.dispose([ids, w]);
	});

	it('each fused layer gives what its stock ops give, padded slots included', () => {
		const objects = tf.randomNormal([2, 6, 8], 0, 1, 'float32', 1);
		const pairs = tf.randomNormal([2, 6, 6, 5], 0, 1, 'float32', 2);
		const objectMask = tf.concat([maskOf(6, 2), maskOf(6, 0)]);
		const words = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 3);
		const wordMask = tf.concat([maskOf(5, 1), maskOf(5, 3)]);
		const cases: Array<[tf.layers.Layer, tf.Tensor | tf.Tensor[]]> = [
			[new PointwiseDense({ units: 7, activation: 'relu' }), objects],
			[new RelationLayer({ units: 9 }), [objects, pairs, objectMask]],
			[new CrossAttention({ units: 6, sentinel: true }), [objects, words, wordMask]],
			[new CrossAttention({ units: 6, sentinel: false }), [words, objects, objectMask]],
			[new CrossAttention({ units: 4, sentinel: false }), [words, wordMask]],
			[new AttentionPooling({ units: 5 }), [words, wordMask]],
			[new TokenConv({ units: 8, activation: 'tanh', residual: true }), [words, wordMask]],
			[new TokenConv({ units: 4 }), [words, wordMask]],
			[new GroupRank({ start: 1, count: 3 }), [tf.randomNormal([2, 6, 1], 0, 2, 'float32', 4), pairs, objectMask]],
		];
		for (const [layer, inputs] of cases) {
			layer.apply(inputs); // builds it with random weights
			// Random biases, so bias handling is tested too (they start at zero).
			layer.setWeights(layer.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.5, 'float32', 40 + i)));
			const [fused, stock] = bothWays(layer, inputs);
			expectClose(fused, stock);
		}
	});

	it('XrGatherRows clamps ids into the table, for int32 and float ids of any rank, as the stock gather does', () => {
		const layer = new TokenEmbedding({ vocabSize: 7, dim: 3 });
		const ids = tf.tensor3d(
			[
				[
					[0, 6, 3],
					[9, -2, 1],
				],
			],
			[1, 2, 3],
			'int32',
		);
		layer.apply(ids);
		layer.setWeights([tf.randomNormal([7, 3], 0, 1, 'float32', 8)]);
		const [fused, stock] = bothWays(layer, ids);
		expect(fused).toEqual(stock);
		const floatIds = tf.tensor2d([[2.7, 5, 100]]);
		const [fusedF, stockF] = bothWays(layer, floatIds);
		expect(fusedF).toEqual(stockF);
		tf.dispose([ids, floatIds]);
	});

	it.runIf(backend === 'cpu')(
		'are not used while training or under a gradient tape, so gradients still work on the CPU backend',
		async () => {
			const layer = new RelationLayer({ units: 4 });
			const x = tf.randomNormal([1, 3, 4], 0, 1, 'float32', 9);
			const pairs = tf.randomNormal([1, 3, 3, 2], 0, 1, 'float32', 10);
			const mask = tf.ones([1, 3]);
			layer.apply([x, pairs, mask]);
			const kernelsOf = async (f: () => tf.Tensor) =>
				(await tf.profile(() => tf.dispose(f()))).kernels.map((k) => k.name);
			// An inference call takes the fused kernel; a training call and a call under tf.grad do not.
			expect(await kernelsOf(() => layer.apply([x, pairs, mask]) as tf.Tensor)).toContain('XrRelationSum');
			expect(await kernelsOf(() => layer.apply([x, pairs, mask], { training: true }) as tf.Tensor)).not.toContain(
				'XrRelationSum',
			);
			const sum = (kwargs: Record<string, unknown>) => (input: tf.Tensor) =>
				tf.sum(layer.apply([input, pairs, mask], kwargs) as tf.Tensor);
			const trained = tf.grad(sum({ training: true }))(x);
			const plain = tf.grad(sum({}))(x);
			expect(trained.shape).toEqual([1, 3, 4]);
			expectClose(Array.from(plain.dataSync()), Array.from(trained.dataSync()), 1e-6);
			tf.dispose([x, pairs, mask, trained, plain]);
		},
	);

	it('the shipped model gives the same answers with and without them on all 600 fixture scenarios', async () => {
		const scenes: Scenario[] = readFileSync('test/fixtures/fusion/test.jsonl', 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l));
		const model = await FusionModel.load('public/models/fusion/model.json');
		setHostKernels(false);
		const stock = await model.explainBatch(scenes, 64);
		setHostKernels(true);
		const before = tf.memory().numTensors;
		// 64 at a time, and one at a time (each cut to its own size, as the demo runs it).
		const fused = [...(await model.explainBatch(scenes, 64)), ...(await model.explainBatch(scenes, 1))];
		expect(tf.memory().numTensors).toBe(before);
		let worst = 0;
		fused.forEach((f, at) => {
			const i = at % scenes.length;
			expect([f.intent, f.target, f.destination]).toEqual([stock[i].intent, stock[i].target, stock[i].destination]);
			worst = Math.max(worst, Math.abs(f.confidence - stock[i].confidence));
			for (const [id, p] of Object.entries(f.targets)) worst = Math.max(worst, Math.abs(p - stock[i].targets[id]));
			for (const [id, l] of Object.entries(f.labels)) {
				expect(l.label).toBe(stock[i].labels[id].label);
				worst = Math.max(worst, Math.abs(l.score - stock[i].labels[id].score));
			}
		});
		expect(scenes).toHaveLength(600);
		expect(worst).toBeLessThan(1e-4);
		model.dispose();
	});
});
