/**
 * Node-side helpers shared by the CLI tools, benches and tests: load the CenterNet graph model from
 * node_modules with `tf.io.fromMemory`, decode PNG/JPEG files to RGBA, start a backend.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `@vladmandic/human` keeps the CenterNet model (`.json` and `.bin`). */
export const CENTERNET_FILES = join(root, 'node_modules/@vladmandic/human/models/centernet');

/** A tfjs IO handler for the CenterNet model on disk. */
export function centerNetFromDisk(base = CENTERNET_FILES): tf.io.IOHandler {
	const json = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as {
		modelTopology: object;
		weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }>;
	};
	const bin = readFileSync(`${base}.bin`);
	return tf.io.fromMemory({
		modelTopology: json.modelTopology,
		weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
		weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
	});
}

export interface RgbaImage {
	data: Uint8Array;
	width: number;
	height: number;
}

/** Decodes a PNG or JPEG file (by its signature, not its name) to RGBA; throws a clear error otherwise. */
export function readImage(path: string): RgbaImage {
	let bytes: Buffer;
	try {
		bytes = readFileSync(path);
	} catch (error) {
		throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	try {
		if (bytes[0] === 0x89 && bytes.toString('latin1', 1, 4) === 'PNG') {
			const png = PNG.sync.read(bytes);
			return {
				data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length),
				width: png.width,
				height: png.height,
			};
		}
		if (bytes[0] === 0xff && bytes[1] === 0xd8) {
			const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
			return { data: img.data, width: img.width, height: img.height };
		}
	} catch (error) {
		throw new Error(`${path} is a damaged image: ${(error as Error).message}`);
	}
	throw new Error(`${path} is not a PNG or JPEG image`);
}

/** Starts a Node backend ('wasm' default, or 'cpu'). */
export async function useBackend(name: 'wasm' | 'cpu' = 'wasm'): Promise<void> {
	if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
	if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} did not start`);
	await tf.ready();
}
