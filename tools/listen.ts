/**
 * `npx xr-sense listen FILE.wav [--threshold 0.3] [--model public/models/audio] [--backend wasm|cpu]`
 *
 * Prints the sound events heard in a WAV file as JSON: time (s), class, score and, for stereo
 * input, azimuth in degrees (negative = left, positive = right; front assumed; null when the channels
 * are identical), its confidence and whether the input clipped. Exits 1 with a
 * clear message for a missing, unreadable or non-WAV file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { detectSoundEvents } from '../src/perception/audio/detectSoundEvents.js';
import { SoundEventClassifier } from '../src/perception/audio/SoundEventClassifier.js';
import { decodeWav } from '../src/perception/audio/wav.js';
import { choiceOption, fail as failCommand, numberOption, parseCommand } from './_cli.js';
import { readModelFiles } from './audio/modelFiles.js';

const NAME = 'listen';
const here = dirname(fileURLToPath(import.meta.url));
const parsed = parseCommand({
	name: NAME,
	summary:
		'Prints the sound events heard in a WAV file as JSON: time and end (s), class, score and, for stereo input, azimuth (degrees, negative = left; null when unknown), its confidence and whether it clipped.',
	args: 'FILE.wav',
	positionals: { min: 1, max: 1 },
	options: {
		threshold: { type: 'string', default: '0.3', value: 'P', help: 'minimum class probability of an event' },
		model: {
			type: 'string',
			default: join(here, '..', 'public', 'models', 'audio'),
			value: 'DIR',
			help: 'folder with the sound-event model.json and weights.bin',
		},
		backend: { type: 'string', default: 'wasm', value: 'wasm|cpu', help: 'tfjs backend' },
	},
	details: [
		'reads 8/16/24/32-bit PCM, 32/64-bit float and G.711 µ-law/A-law WAV; exit status 1 for a missing, unreadable or non-WAV file',
	],
});
const threshold = numberOption(NAME, parsed.values, 'threshold', { min: 0, max: 1 });
const backend = choiceOption(NAME, parsed.values, 'backend', ['wasm', 'cpu']);
const file = parsed.positionals[0];
function fail(message: string): never {
	return failCommand(NAME, message);
}

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

await tf.setBackend(backend);
const classifier = await new SoundEventClassifier().load(readModelFiles(parsed.values.model as string));
const events = await detectSoundEvents(classifier, wav.channels.slice(0, 2), wav.sampleRate, {
	threshold,
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
		// null: no bearing (mono, or two identical channels), never "straight ahead".
		azimuth: e.azimuth === null ? null : round((e.azimuth * 180) / Math.PI, 1),
		directionConfidence: round(e.directionConfidence, 2),
		clipped: e.clipped,
	})),
};
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
