import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BROWSER_BACKENDS, backendCandidates, NODE_BACKENDS, selectBackend } from '../../src/runtime/selectBackend.js';

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

describe('backendCandidates: what is tried, and what takes over from a lost backend', () => {
	it('walks the chain for auto, tries a forced backend alone', () => {
		expect(backendCandidates(BROWSER_BACKENDS, 'auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
		expect(backendCandidates(BROWSER_BACKENDS, 'webgpu')).toEqual(['webgpu']);
	});

	it('after a lost WebGPU device: WebGL, then WASM, then CPU, even when WebGPU was forced', () => {
		expect(backendCandidates(BROWSER_BACKENDS, 'webgpu', 'webgpu')).toEqual(['webgl', 'wasm', 'cpu']);
		expect(backendCandidates(BROWSER_BACKENDS, 'auto', 'webgl')).toEqual(['wasm', 'cpu']);
		expect(backendCandidates(BROWSER_BACKENDS, 'auto', 'cpu')).toEqual([]);
		expect(backendCandidates(NODE_BACKENDS, 'auto', 'wasm')).toEqual(['cpu']);
	});

	it('selectBackend({ after }) moves to the next one that starts', async () => {
		expect(await selectBackend({ backend: 'wasm' })).toBe('wasm');
		expect(await selectBackend({ after: 'wasm' })).toBe('cpu');
		expect(tf.getBackend()).toBe('cpu');
		await expect(selectBackend({ after: 'cpu' })).rejects.toThrow(/no TensorFlow.js backend could start/);
	});
});
