/**
 * `npx xr-sense listen FILE.wav [--threshold 0.5] [--model public/models/audio] [--backend wasm|cpu]`
 *
 * Prints the sound events heard in a WAV file as JSON: time (s), class, score and, for stereo
 * input, azimuth in degrees (negative = left, positive = right; front assumed). Exits 1 with a
 * clear message for a missing, unreadable or non-WAV file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { detectSoundEvents } from '../src/perception/audio/detectSoundEvents.js';
import { SoundEventClassifier } from '../src/perception/audio/SoundEventClassifier.js';
import { decodeWav } from '../src/perception/audio/wav.js';
import { readModelFiles } from './audio/modelFiles.js';

function fail(message: string, code = 1): never {
	process.stderr.write(`xr-sense listen: ${message}\n`);
	process.exit(code);
}

const here = dirname(fileURLToPath(import.meta.url));
let parsed: ReturnType<typeof parse>;
function parse() {
	return parseArgs({
		allowPositionals: true,
		options: {
			threshold: { type: 'string', default: '0.5' },
			model: { type: 'string', default: join(here, '..', 'public', 'models', 'audio') },
			backend: { type: 'string', default: 'wasm' },
		},
	});
}
try {
	parsed = parse();
} catch (error) {
	fail((error as Error).message, 2);
}
const file = parsed.positionals[0];
if (!file) fail('usage: xr-sense listen FILE.wav [--threshold 0.5] [--backend wasm|cpu]', 2);

let bytes: Uint8Array;
try {
	bytes = readFileSync(file);
} catch (error) {
	fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}
let wav: ReturnType<typeof decodeWav>;
try {
	wav = decodeWav(bytes);
} catch (error) {
	fail(`${file}: ${(error as Error).message}`);
}

await tf.setBackend(parsed.values.backend === 'cpu' ? 'cpu' : 'wasm');
const classifier = await new SoundEventClassifier().load(readModelFiles(parsed.values.model!));
const events = await detectSoundEvents(classifier, wav.channels.slice(0, 2), wav.sampleRate, {
	threshold: Number(parsed.values.threshold),
});
classifier.dispose();
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const out = {
	file,
	sampleRate: wav.sampleRate,
	channels: wav.channels.length,
	duration: round((wav.channels[0]?.length ?? 0) / wav.sampleRate, 3),
	events: events.map((e) => ({
		time: round(e.time, 2),
		end: round(e.end, 2),
		class: e.class,
		score: round(e.score, 3),
		azimuth: e.azimuth === null ? null : round((e.azimuth * 180) / Math.PI, 1),
	})),
};
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
