/**
 * Hearing latency, variants side by side in one run (`npm run bench audio`):
 * - front end for 1 s of 48 kHz stereo: resample → 25 ms/10 ms STFT → 64-band log-mel, in plain
 *   TypeScript (what ships) vs tf.signal.stft on tfjs's CPU backend (FFT has no WASM kernel);
 * - direction: GCC-PHAT + ILD over the same second;
 * - the sound-event classifier on one 0.96 s patch and on a batch of 10, on CPU vs WASM.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { CLASS_SYNTHS } from '../../src/perception/audio/corpus/classSynth.js';
import { estimateAzimuth } from '../../src/perception/audio/direction.js';
import { LOG_MEL_DEFAULTS, logMelSpectrogram, melFilterbank } from '../../src/perception/audio/logMel.js';
import { resample } from '../../src/perception/audio/resample.js';
import { SoundEventClassifier } from '../../src/perception/audio/SoundEventClassifier.js';
import { PATCH_FRAMES } from '../../src/perception/audio/soundEventModel.js';
import { Rng } from '../../src/runtime/Rng.js';
import { readModelFiles } from '../audio/modelFiles.js';
import { summarize, table, time } from './_stats.js';

function logMelWithTfSignal(samples: Float32Array): tf.Tensor2D {
	const o = LOG_MEL_DEFAULTS;
	const bins = o.fftLength / 2 + 1;
	return tf.tidy(() => {
		const stft = tf.signal.stft(tf.tensor1d(samples), o.windowLength, o.hopLength, o.fftLength, (n) =>
			tf.signal.hannWindow(n),
		);
		const magnitude = tf.abs(stft) as tf.Tensor2D;
		const mel = tf.tensor2d(melFilterbank(), [bins, o.melBands]);
		const zeroDc = tf.concat([tf.zeros([1, o.melBands]), mel.slice([1, 0], [bins - 1, o.melBands])]);
		return tf.log(tf.add(tf.matMul(magnitude, zeroDc), o.logOffset)) as tf.Tensor2D;
	});
}

export async function run(): Promise<void> {
	const rate = 48000;
	const rng = new Rng(5);
	const mono = CLASS_SYNTHS.music!(rng, rate, rate);
	const left = mono.map((x) => x * 0.3);
	const right = new Float32Array(rate);
	right.set(left.subarray(0, rate - 20), 20);
	await tf.setBackend('cpu');
	const at16k = resample(left, rate, 16000);
	const ours = logMelSpectrogram(at16k);
	const theirs = logMelWithTfSignal(at16k);
	const theirData = await theirs.data();
	theirs.dispose();
	let maxDiff = 0;
	for (let i = 0; i < ours.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours.data[i] - theirData[i]));
	const rows: Array<Array<string | number>> = [];
	const add = (name: string, samples: number[], baseline?: number) => {
		const s = summarize(samples);
		rows.push([name, s.median, s.p95, s.n, baseline ? `${(s.median / baseline).toFixed(2)}×` : '']);
		return s.median;
	};
	add('resample 48→16 kHz, 1 s', await time(() => resample(left, rate, 16000), 20));
	const feat = add('log-mel 1 s (TypeScript, ships)', await time(() => logMelSpectrogram(at16k), 20));
	add(
		'log-mel 1 s (tf.signal.stft, cpu)',
		await time(async () => {
			const t = logMelWithTfSignal(at16k);
			await t.data();
			t.dispose();
		}, 20),
		feat,
	);
	add('direction 1 s stereo (GCC-PHAT + ILD)', await time(() => estimateAzimuth(left, right, rate), 20));
	const files = readModelFiles(join(import.meta.dirname, '..', '..', 'public', 'models', 'audio'));
	const patch = { data: ours.data.slice(0, PATCH_FRAMES * 64), frames: PATCH_FRAMES, bands: 64 };
	const long = logMelSpectrogram(
		resample(
			new Float32Array(rate * 5.3).map((_, i) => mono[i % rate]),
			rate,
			16000,
		),
	);
	const cpu: Record<string, number> = {};
	for (const backend of ['cpu', 'wasm']) {
		await tf.setBackend(backend);
		const classifier = await new SoundEventClassifier().load(files);
		const one = add(
			`classify 1 patch (${backend})`,
			await time(() => classifier.classifyLogMel(patch), 30, 3),
			cpu.one,
		);
		const ten = add(
			`classify 10 patches / 5.3 s (${backend})`,
			await time(() => classifier.classifyLogMel(long), 10, 2),
			cpu.ten,
		);
		if (backend === 'cpu') Object.assign(cpu, { one, ten });
		classifier.dispose();
	}
	console.log(table(['stage', 'median ms', 'p95 ms', 'runs', 'ratio'], rows));
	console.log(`\nlog-mel agreement, TypeScript vs tf.signal: max |Δ| = ${maxDiff.toExponential(2)}`);
	console.log('ratio: tf.signal log-mel vs the TypeScript one; wasm vs cpu for the same classifier call');
}
