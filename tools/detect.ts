/**
 * `npx xr-sense detect IMAGE... [--threshold 0.2] [--backend wasm|cpu]`: runs the CenterNet COCO
 * detector (the same code the plugin runs in the browser) on PNG/JPEG files and prints JSON, one
 * entry per image: `{ image, width, height, detections: [{ label, score, box: [x,y,w,h], color }] }`.
 * Exits 1 (after printing what it could) when an image cannot be read.
 */
import { CenterNetDetector } from '../src/perception/detection/CenterNetDetector.js';
import { centerNetFromDisk, readImage, useBackend } from './_nodeModels.js';

const args = process.argv.slice(2);
const images: string[] = [];
let threshold = 0.2;
let backend: 'wasm' | 'cpu' = 'wasm';
for (let i = 0; i < args.length; i++) {
	const a = args[i];
	if (a === '--threshold') threshold = Number(args[++i]);
	else if (a === '--backend') backend = args[++i] as 'wasm' | 'cpu';
	else if (a === '--help' || a === '-h') usage(0);
	else images.push(a);
}
if (images.length === 0) usage(2);
if (!(threshold >= 0 && threshold <= 1)) fail('--threshold must be a number from 0 to 1', 2);
if (backend !== 'wasm' && backend !== 'cpu') fail('--backend must be wasm or cpu', 2);

await useBackend(backend);
const detector = new CenterNetDetector({ scoreThreshold: threshold });
await detector.load(centerNetFromDisk());
const results: object[] = [];
let failed = 0;
for (const image of images) {
	try {
		const pixels = readImage(image);
		const detections = await detector.detect(pixels);
		results.push({
			image,
			width: pixels.width,
			height: pixels.height,
			detections: detections.map((d) => ({
				label: d.label,
				score: round(d.score, 3),
				box: d.box.map((v) => round(v, 1)),
				color: d.color ?? null,
			})),
		});
	} catch (error) {
		failed++;
		results.push({ image, error: (error as Error).message });
		process.stderr.write(`xr-sense detect: ${(error as Error).message}\n`);
	}
}
detector.dispose();
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = failed > 0 ? 1 : 0;

function round(v: number, digits: number): number {
	const k = 10 ** digits;
	return Math.round(v * k) / k;
}

function usage(code: number): never {
	(code === 0 ? process.stdout : process.stderr).write(
		'usage: xr-sense detect IMAGE... [--threshold 0.2] [--backend wasm|cpu]\n',
	);
	process.exit(code);
}

function fail(message: string, code: number): never {
	process.stderr.write(`xr-sense detect: ${message}\n`);
	process.exit(code);
}
