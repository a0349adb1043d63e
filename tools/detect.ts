/**
 * `npx xr-sense detect IMAGE... [--threshold 0.2] [--backend wasm|cpu]`: runs the CenterNet COCO
 * detector (the same code the plugin runs in the browser) on PNG/JPEG files and prints JSON, one
 * entry per image: `{ image, width, height, detections: [{ label, score, box: [x,y,w,h], color }] }`.
 * Exits 1 (after printing what it could) when an image cannot be read.
 */
import { CenterNetDetector } from '../src/perception/detection/CenterNetDetector.js';
import { choiceOption, numberOption, parseCommand } from './_cli.js';
import { centerNetFromDisk, readImage, useBackend } from './_nodeModels.js';

const NAME = 'detect';
const { values, positionals: images } = parseCommand({
	name: NAME,
	summary:
		'Runs the CenterNet COCO detector on PNG/JPEG images and prints JSON per image: label, score, box [x, y, w, h] and colour of each detection.',
	args: 'IMAGE...',
	positionals: { min: 1, max: Infinity },
	options: {
		threshold: { type: 'string', default: '0.2', value: 'P', help: 'minimum detection score' },
		backend: { type: 'string', default: 'wasm', value: 'wasm|cpu', help: 'tfjs backend' },
	},
	details: ['exit status 1 (after printing what it could) when an image cannot be read'],
});
const threshold = numberOption(NAME, values, 'threshold', { min: 0, max: 1 });
const backend = choiceOption(NAME, values, 'backend', ['wasm', 'cpu']);

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
