import { assetUrl } from '../../runtime/assetUrls.js';
import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';
import type { CenterNetOptions } from './CenterNetDetector.js';
import type { Detection, Detector, DetectorPixels } from './Detector.js';
import type { WorkerRequest } from './detector.worker.js';

type Reply = { id: number; error?: string; detections?: Detection[]; backend?: string };

/**
 * {@link CenterNetDetector} in a Web Worker on tfjs's WASM backend. Where the page has no GPU
 * backend, inference would otherwise run on the main thread and stall the XR frame loop for
 * hundreds of milliseconds per detection; in a worker the loop only posts pixels and reads results.
 *
 * ```ts
 * const detector = new WorkerDetector( { wasmPath: '/tfjs-wasm/' } );
 * await detector.load( '/models/centernet.json' );
 * const detections = await detector.detect( imageBitmap );
 * detector.dispose(); // terminates the worker
 * ```
 */
export class WorkerDetector implements Detector {
	/** The backend the worker runs on, once loaded. */
	backend: string | null = null;
	private worker: Worker | null = null;
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

	constructor(readonly options: CenterNetOptions & { wasmPath?: string } = {}) {}

	/** Loads the model in the worker, verified there against the manifest beside it unless `verify: false`. */
	async load(url = 'models/centernet.json', options: ModelVerifyOptions = {}): Promise<void> {
		this.worker?.terminate();
		// Written out in one expression: that is the pattern bundlers (Vite) recognise and bundle as a worker.
		this.worker = new Worker(new URL('./detector.worker.ts', import.meta.url), { type: 'module' });
		this.worker.addEventListener('message', (e: MessageEvent<Reply>) => {
			const waiter = this.pending.get(e.data.id);
			if (!waiter) return;
			this.pending.delete(e.data.id);
			if (e.data.error) waiter.reject(new Error(e.data.error));
			else waiter.resolve(e.data);
		});
		// A script that cannot be fetched or parsed raises a plain Event with no message.
		this.worker.addEventListener('error', (e) =>
			this.failAll(
				new Error(
					e.message
						? `WorkerDetector: the detector worker failed: ${e.message}`
						: 'WorkerDetector: the detector worker did not start (its script could not be loaded, or failed before running)',
				),
			),
		);
		const { wasmPath, ...detectorOptions } = this.options;
		const reply = await this.call(
			{
				id: 0,
				type: 'load',
				url: new URL(url, document.baseURI).href,
				wasmPath: wasmPath ? new URL(wasmPath, document.baseURI).href : assetUrl('tfjs-wasm/'),
				options: detectorOptions,
				verify: options.verify !== false,
			},
			[],
		);
		this.backend = reply.backend ?? null;
	}

	async detect(pixels: DetectorPixels): Promise<Detection[]> {
		if (!this.worker) throw new Error('WorkerDetector: call await load() before detect()');
		if ('data' in pixels) {
			// A copy: the caller may reuse its buffer as soon as detect() has been called.
			const data = new Uint8Array(pixels.data).buffer;
			const reply = await this.call({ id: 0, type: 'detect', width: pixels.width, height: pixels.height, data }, [
				data,
			]);
			return reply.detections ?? [];
		}
		const bitmap = await createImageBitmap(pixels as ImageBitmapSource);
		const reply = await this.call({ id: 0, type: 'detect', width: bitmap.width, height: bitmap.height, bitmap }, [
			bitmap,
		]);
		return reply.detections ?? [];
	}

	dispose(): void {
		this.worker?.terminate();
		this.worker = null;
		this.failAll(new Error('WorkerDetector: disposed'));
	}

	private call(request: WorkerRequest, transfer: Transferable[]): Promise<Reply> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.worker!.postMessage({ ...request, id }, transfer);
		});
	}

	private failAll(error: Error): void {
		for (const waiter of this.pending.values()) waiter.reject(error);
		this.pending.clear();
	}
}
