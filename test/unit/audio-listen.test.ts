import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { CLASS_SYNTHS } from '../../src/perception/audio/corpus/classSynth.js';
import { normalisePeak } from '../../src/perception/audio/corpus/synthDsp.js';
import { detectSoundEvents } from '../../src/perception/audio/detectSoundEvents.js';
import { azimuthToItd } from '../../src/perception/audio/direction.js';
import { SoundEventClassifier } from '../../src/perception/audio/SoundEventClassifier.js';
import { decodeWav, encodeWav } from '../../src/perception/audio/wav.js';
import { Rng } from '../../src/runtime/Rng.js';
import { readModelFiles } from '../../tools/audio/modelFiles.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'xr-sense-listen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function listen(...args: string[]) {
	return spawnSync(process.execPath, [join(root, 'bin', 'xr-sense.mjs'), 'listen', ...args], {
		encoding: 'utf8',
		cwd: root,
		timeout: 120_000,
	});
}

describe('xr-sense listen', () => {
	it('prints JSON events with time, class, score and azimuth (negative = left)', async () => {
		const rate = 44100;
		const rng = new Rng(777);
		const silence = new Float32Array(rate);
		const alarm = normalisePeak(CLASS_SYNTHS.alarm!(rng, rate * 2, rate), 0.4);
		const mono = new Float32Array(rate * 3);
		mono.set(silence, 0);
		mono.set(alarm, rate);
		const shift = Math.round(azimuthToItd((-45 * Math.PI) / 180) * rate); // negative: left ear first
		const left = mono;
		const right = new Float32Array(mono.length);
		for (let i = -shift; i < mono.length; i++) right[i] = mono[i + shift] * 0.5;
		const file = join(dir, 'alarm-left.wav');
		writeFileSync(file, encodeWav([left, right], rate));
		const run = listen(file);
		expect(run.status, run.stderr).toBe(0);
		const out = JSON.parse(run.stdout);
		expect(out).toMatchObject({ sampleRate: rate, channels: 2, duration: 3 });
		expect(out.events.length, run.stdout).toBeGreaterThan(0);
		for (const e of out.events) {
			expect(Object.keys(e).sort()).toEqual([
				'azimuth',
				'class',
				'clipped',
				'directionConfidence',
				'end',
				'score',
				'time',
			]);
			expect(e.time).toBeGreaterThanOrEqual(0.4); // nothing in the silent first second
			expect(e.class).not.toBe('silence');
			if (e.class !== 'unknown') expect(e.score).toBeGreaterThanOrEqual(0.3);
			expect(e.azimuth).toBeLessThan(-25); // the left ear heard it first and louder
		}
		// The command line reports exactly what the library hears in the same file.
		await tf.setBackend('wasm');
		const classifier = await new SoundEventClassifier().load(readModelFiles(join(root, 'public', 'models', 'audio')));
		const wav = decodeWav(readFileSync(file));
		const library = await detectSoundEvents(classifier, wav.channels, wav.sampleRate);
		classifier.dispose();
		expect(out.events.map((e: { class: string; time: number }) => [e.class, e.time])).toEqual(
			library.map((e) => [e.class, Math.round(e.time * 100) / 100]),
		);
	}, 120_000);

	it('fails clearly, with a non-zero exit, on a missing or non-WAV file', () => {
		const missing = listen(join(dir, 'nope.wav'));
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/cannot read .*nope\.wav: ENOENT/);
		const text = join(dir, 'notes.wav');
		writeFileSync(text, 'these are not samples');
		const bad = listen(text);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/not a WAV file/);
		expect(bad.stdout).toBe('');
		const usage = listen();
		expect(usage.status).toBe(2);
		expect(usage.stderr).toMatch(/usage: xr-sense listen FILE\.wav/);
	}, 120_000);
});
