import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/runtime/selectBackend.js';

describe('selectBackend in Node', () => {
	it('picks WASM first and computes with it', async () => {
		expect(await selectBackend()).toBe('wasm');
		expect(tf.getBackend()).toBe('wasm');
		const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
		expect(Array.from(await sum.data())).toEqual([4, 6]);
		sum.dispose();
	});

	it('honours an explicit choice', async () => {
		expect(await selectBackend({ backend: 'cpu' })).toBe('cpu');
		expect(tf.getBackend()).toBe('cpu');
	});

	it('explains why a backend that cannot run here failed', async () => {
		await expect(selectBackend({ backend: 'webgl' })).rejects.toThrow(
			/no TensorFlow.js backend could start \(webgl: unavailable\)/,
		);
	});
});
