/**
 * The detector's worker: runs {@link CenterNetDetector} on tfjs's WASM backend off the main thread,
 * so inference never stalls the XR frame loop. Spoken to only by {@link WorkerDetector}.
 */
import * as tf from '@tensorflow/tfjs';
import { startWorkerWasm } from '../../runtime/startWorkerWasm.js';
import { CenterNetDetector, type CenterNetOptions } from './CenterNetDetector.js';

export type WorkerRequest =
	| { id: number; type: 'load'; url: string; wasmPath: string; options: CenterNetOptions; verify: boolean }
	| { id: number; type: 'detect'; width: number; height: number; data?: ArrayBuffer; bitmap?: ImageBitmap };

let detector: CenterNetDetector | null = null;
let canvas: OffscreenCanvas | null = null;

addEventListener('message', async (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	try {
		if (request.type === 'load') {
			await startWorkerWasm(request.wasmPath);
			detector?.dispose();
			detector = new CenterNetDetector(request.options);
			await detector.load(request.url, { verify: request.verify });
			postMessage({ id: request.id, backend: tf.getBackend() });
			return;
		}
		if (!detector) throw new Error('WorkerDetector: call await load() before detect()');
		const { width, height } = request;
		let data: Uint8ClampedArray;
		if (request.bitmap) {
			if (!canvas || canvas.width !== width || canvas.height !== height) canvas = new OffscreenCanvas(width, height);
			const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
			ctx.drawImage(request.bitmap, 0, 0);
			request.bitmap.close();
			data = ctx.getImageData(0, 0, width, height).data;
		} else {
			data = new Uint8ClampedArray(request.data!);
		}
		const detections = await detector.detect({ data, width, height });
		postMessage({ id: request.id, detections });
	} catch (error) {
		postMessage({ id: request.id, error: (error as Error).message });
	}
});
