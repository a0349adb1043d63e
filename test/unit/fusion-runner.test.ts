import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toTensors } from '../../src/fusion/batch.js';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import { extractFeatures } from '../../src/fusion/features.js';
import { GraphRunner } from '../../src/fusion/GraphRunner.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import { generateEpisodes } from '../../tools/fusion/dataset.js';

beforeAll(async () => {
	await selectBackend({ backend: 'wasm' });
});

describe('GraphRunner', () => {
	it('gives exactly what predict gives on the shipped fusion model, and frees its intermediates', async () => {
		const model = await FusionModel.load('public/models/fusion/model.json');
		const runner = new GraphRunner(model.net);
		const episodes = generateEpisodes('test', 6, 11);
		const inputs = toTensors(
			episodes.map((e) => extractFeatures(e.scenario, model.metadata.vocab)),
			'tight',
		);
		const expected = model.net.predict(inputs) as tf.Tensor[];
		const before = tf.memory().numTensors;
		const got = runner.run(inputs);
		expect(tf.memory().numTensors - before).toBe(got.length);
		for (let i = 0; i < got.length; i++) {
			expect(got[i].shape).toEqual(expected[i].shape);
			expect((await tf.max(tf.abs(tf.sub(got[i], expected[i]))).data())[0]).toBe(0);
		}
		tf.dispose([...inputs, ...expected, ...got]);
		model.dispose();
	});

	it('handles shared layers and says what is wrong with the inputs', () => {
		const a = tf.input({ shape: [3] });
		const b = tf.input({ shape: [3] });
		const shared = tf.layers.dense({ units: 2, useBias: false });
		const out = tf.layers
			.add()
			.apply([shared.apply(a) as tf.SymbolicTensor, shared.apply(b) as tf.SymbolicTensor]) as tf.SymbolicTensor;
		const net = tf.model({ inputs: [a, b], outputs: out });
		shared.setWeights([tf.ones([3, 2])]);
		const runner = new GraphRunner(net);
		const [y] = runner.run([tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[1, 0, 0]])]);
		expect(Array.from(y.dataSync())).toEqual([7, 7]);
		expect(() => runner.run([tf.tensor2d([[1, 2, 3]])])).toThrow(/expected 2 inputs, got 1/);
	});
});
