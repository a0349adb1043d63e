/** Reading and writing the sound-event model's files (Node only). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { SoundEventModelFiles, SoundEventModelJson } from '../../src/perception/audio/SoundEventClassifier.js';
import { MODEL_CLASSES, PATCH_FRAMES } from '../../src/perception/audio/soundEventModel.js';

export const WEIGHTS_FILE = 'weights.bin';

/** Reads `dir/model.json` and the weight files it names; errors name the file that is missing or corrupt. */
export function readModelFiles(dir: string): SoundEventModelFiles {
	const jsonPath = join(dir, 'model.json');
	let json: SoundEventModelJson;
	try {
		json = JSON.parse(readFileSync(jsonPath, 'utf8'));
	} catch (error) {
		throw new Error(`cannot read model ${jsonPath}: ${(error as Error).message}`);
	}
	const buffers = (json.weightsManifest ?? []).flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
	const total = Buffer.concat(buffers);
	return { json, weights: total.buffer.slice(total.byteOffset, total.byteOffset + total.byteLength) as ArrayBuffer };
}

/** Writes `dir/model.json` + `dir/weights.bin` (with the fitted softmax temperature); returns the weight bytes. */
export async function writeModelFiles(weights: tf.NamedTensorMap, dir: string, temperature = 1): Promise<number> {
	mkdirSync(dir, { recursive: true });
	const { data, specs } = await tf.io.encodeWeights(weights);
	writeFileSync(join(dir, WEIGHTS_FILE), new Uint8Array(data));
	const json: SoundEventModelJson = {
		format: 'xr-sense/sound-events',
		version: 2,
		classes: [...MODEL_CLASSES],
		patchFrames: PATCH_FRAMES,
		temperature,
		weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
	};
	writeFileSync(join(dir, 'model.json'), `${JSON.stringify(json)}\n`);
	return data.byteLength;
}
