import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLASS_SYNTHS } from '../../src/perception/audio/corpus/classSynth.js';
import { normalisePeak } from '../../src/perception/audio/corpus/synthDsp.js';
import { MainThreadSoundClassifier } from '../../src/perception/audio/MainThreadSoundClassifier.js';
import { PATCH_SAMPLES } from '../../src/perception/audio/soundEventModel.js';
import { Rng } from '../../src/runtime/Rng.js';
import { placeSource } from '../support/placeSource.js';

const MODEL = join(import.meta.dirname, '..', '..', 'public', 'models', 'audio', 'model.json');
const RATE = 48000;
/** The hearing stage's window: one patch at the capture rate. */
const WINDOW = Math.ceil((PATCH_SAMPLES / 16000) * RATE);

// The analysis the hearing stage runs per window; in browsers the same function runs in its worker.
describe('one window of the hearing stage (MainThreadSoundClassifier, as in the sound worker)', () => {
	const classifier = new MainThreadSoundClassifier();
	beforeAll(async () => {
		await tf.setBackend('wasm');
		await classifier.load(MODEL);
	});

	it('below the gate: silence, the model not run, no direction', async () => {
		const quiet = new Float32Array(WINDOW).fill(1e-5);
		const result = await classifier.classify(quiet, quiet, RATE);
		expect(result).toMatchObject({ class: 'silence', score: 1, gated: true, azimuth: null, confidence: 0 });
		expect(result.level).toBeLessThan(-60);
	});

	it('an alarm on the right: class, level, and the azimuth on the right side', async () => {
		const dry = normalisePeak(CLASS_SYNTHS.alarm!(new Rng(7), WINDOW, RATE), 0.5);
		const [left, right] = placeSource(dry, RATE, 55);
		const result = await classifier.classify(left, right, RATE);
		expect(result.class).toBe('alarm');
		expect(result.gated).toBe(false);
		expect(result.probabilities).toHaveLength(13);
		expect(result.level).toBeGreaterThan(-30);
		expect(result.azimuth).not.toBeNull();
		expect(Math.abs((result.azimuth! * 180) / Math.PI - 55)).toBeLessThanOrEqual(12);
		expect(classifier.backend).toBe('wasm');
	});

	it('before load it refuses clearly', async () => {
		const unloaded = new MainThreadSoundClassifier();
		const loud = new Float32Array(WINDOW).fill(0.1);
		await expect(unloaded.classify(loud, loud, RATE)).rejects.toThrow(/load\(\) first/);
	});
});
