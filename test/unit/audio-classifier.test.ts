import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLASS_SYNTHS } from '../../src/perception/audio/corpus/classSynth.js';
import { normalisePeak } from '../../src/perception/audio/corpus/synthDsp.js';
import { detectSoundEvents } from '../../src/perception/audio/detectSoundEvents.js';
import { SoundEventClassifier } from '../../src/perception/audio/SoundEventClassifier.js';
import { initSoundEventWeights, PATCH_FRAMES, soundEventLogits } from '../../src/perception/audio/soundEventModel.js';
import { Rng } from '../../src/runtime/Rng.js';
import { evaluateSplit } from '../../tools/audio/evaluate.js';
import { readModelFiles } from '../../tools/audio/modelFiles.js';
import { placeSource } from '../support/placeSource.js';

const MODEL_DIR = join(import.meta.dirname, '..', '..', 'public', 'models', 'audio');
const metrics = JSON.parse(readFileSync(join(MODEL_DIR, 'metrics.json'), 'utf8'));

describe('sound-event classifier', () => {
	beforeAll(async () => {
		await tf.setBackend('wasm');
	});

	it('the training form (im2col) and the inference form (conv1d) compute the same logits', () => {
		const weights = initSoundEventWeights(3);
		const x = tf.randomNormal([2, PATCH_FRAMES, 64], 0, 1, 'float32', 9) as tf.Tensor3D;
		const a = soundEventLogits(weights, x, { training: true, dropout: 0 });
		const b = soundEventLogits(weights, x);
		expect(tf.max(tf.abs(tf.sub(a, b))).arraySync()).toBeLessThan(1e-3);
		tf.dispose([a, b, x, ...Object.values(weights)]);
	});

	it('rejects corrupt or foreign model files with clear errors, and classify before load', async () => {
		const files = readModelFiles(MODEL_DIR);
		const classifier = new SoundEventClassifier();
		await expect(classifier.classifyLogMel({ data: new Float32Array(64), frames: 1, bands: 64 })).rejects.toThrow(
			/load\(\) first/,
		);
		await expect(classifier.load({ json: files.json, weights: files.weights.slice(0, 1000) })).rejects.toThrow(
			/weights are 1000 bytes/,
		);
		await expect(
			classifier.load({ json: { ...files.json, classes: ['speech', 'music'] }, weights: files.weights }),
		).rejects.toThrow(/differ from MODEL_CLASSES/);
		await expect(
			classifier.load({ json: { format: 'layers-model' } as never, weights: files.weights }),
		).rejects.toThrow(/not a sound-event model/);
		expect(classifier.isLoaded).toBe(false);
	});

	it(`meets its reported held-out accuracy (${(metrics.heldOutAccuracy * 100).toFixed(1)} %) on the rebuilt held-out split`, async () => {
		const result = await evaluateSplit(MODEL_DIR, metrics.heldOut);
		expect(result.count).toBe(metrics.heldOut.perClass * 12);
		expect(result.accuracy).toBeGreaterThanOrEqual(metrics.heldOutAccuracy - 0.005);
	}, 300_000);

	it('hears nothing in silence, in faint noise, or in NaN samples', async () => {
		const classifier = await new SoundEventClassifier().load(readModelFiles(MODEL_DIR));
		const rate = 48000;
		expect(await detectSoundEvents(classifier, [new Float32Array(rate * 2)], rate)).toEqual([]);
		const rng = new Rng(4);
		const faint = Float32Array.from({ length: rate * 2 }, () => (rng.next() - 0.5) * 2e-4);
		expect(await detectSoundEvents(classifier, [faint, faint], rate)).toEqual([]);
		const nan = new Float32Array(rate).fill(Number.NaN);
		expect(await detectSoundEvents(classifier, [nan, nan], rate)).toEqual([]);
		classifier.dispose();
	});

	it('hears a dog on the left and an alarm on the right, with the side right', async () => {
		const classifier = await new SoundEventClassifier().load(readModelFiles(MODEL_DIR));
		const rate = 48000;
		const rng = new Rng(12345);
		for (const [cls, deg] of [
			['dog', -50],
			['alarm', 60],
		] as const) {
			const dry = normalisePeak(CLASS_SYNTHS[cls]!(rng, rate * 3, rate), 0.5);
			const events = await detectSoundEvents(classifier, placeSource(dry, rate, deg), rate);
			const heard = events.find((e) => e.class === cls);
			expect(heard, `${cls}: heard ${JSON.stringify(events.map((e) => e.class))}`).toBeDefined();
			expect(Math.sign(heard!.azimuth!)).toBe(Math.sign(deg));
			expect(Math.abs((heard!.azimuth! * 180) / Math.PI - deg)).toBeLessThanOrEqual(10);
		}
		classifier.dispose();
	});
});
