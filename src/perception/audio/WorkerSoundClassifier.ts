import { assetUrl } from '../../runtime/assetUrls.js';
import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';
import type { SoundWindowOptions, SoundWindowResult } from './analyseSoundWindow.js';
import type { SoundWindowClassifier } from './SoundWindowClassifier.js';
import type { SoundWorkerRequest } from './sound.worker.js';

type Reply = { id: number; error?: string; result?: SoundWindowResult; backend?: string };

/**
 * The hearing stage's analysis in a Web Worker on tfjs's WASM backend: each window's samples go
 * over as transferred buffers, and only the result comes back (class probabilities, level, azimuth
 * and its confidence). Resampling, log-mel, the model and GCC-PHAT — 3–6 ms per window on the page's
 * thread — no longer run there. The default in browsers; {@link MainThreadSoundClassifier} is the
 * fallback.
 *
 * ```ts
 * const classifier = new WorkerSoundClassifier( { wasmPath: '/tfjs-wasm/' } );
 * await classifier.load( '/models/audio/model.json' );
 * const { class: heard, azimuth } = await classifier.classify( left, right, 48000 );
 * classifier.dispose(); // terminates the worker
 * ```
 */
export class WorkerSoundClassifier implements SoundWindowClassifier {
	backend: string | null = null;
	/** Its own WASM backend in the worker: a lost WebGPU device on the page does not touch it. */
	readonly onPageBackend = false;
	onFailure: ((error: Error) => void) | null = null;
	private worker: Worker | null = null;
	private loaded = false;
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

	constructor(readonly options: { wasmPath?: string } = {}) {}

	get isLoaded(): boolean {
		return this.loaded;
	}

	/** Starts the worker and loads the model there, verified against the manifest beside it unless `verify: false`. */
	async load(url = 'models/audio/model.json', options: ModelVerifyOptions = {}): Promise<void> {
		this.stop();
		// Written out in one expression: that is the pattern bundlers (Vite) recognise and bundle as a worker.
		const worker = new Worker(new URL('./sound.worker.ts', import.meta.url), { type: 'module' });
		this.worker = worker;
		worker.addEventListener('message', (e: MessageEvent<Reply>) => {
			const waiter = this.pending.get(e.data.id);
			if (!waiter) return;
			this.pending.delete(e.data.id);
			if (e.data.error) waiter.reject(new Error(e.data.error));
			else waiter.resolve(e.data);
		});
		// A script that cannot be fetched or parsed, or an uncaught error, raises an ErrorEvent (often with no message).
		worker.addEventListener('error', (e) => {
			e.preventDefault();
			this.fail(
				new Error(
					e.message
						? `WorkerSoundClassifier: the sound worker failed: ${e.message}`
						: 'WorkerSoundClassifier: the sound worker did not start (its script could not be loaded, or failed before running)',
				),
			);
		});
		worker.addEventListener('messageerror', () =>
			this.fail(new Error('WorkerSoundClassifier: a message from the sound worker could not be read')),
		);
		const reply = await this.call(
			{
				id: 0,
				type: 'load',
				url: new URL(url, document.baseURI).href,
				wasmPath: this.options.wasmPath
					? new URL(this.options.wasmPath, document.baseURI).href
					: assetUrl('tfjs-wasm/'),
				verify: options.verify !== false,
			},
			[],
		);
		this.backend = reply.backend ?? null;
		this.loaded = true;
	}

	async classify(
		left: Float32Array,
		right: Float32Array,
		sampleRate: number,
		options: SoundWindowOptions = {},
	): Promise<SoundWindowResult> {
		if (!this.worker || !this.loaded) throw new Error('WorkerSoundClassifier: call await load() before classify()');
		// Copies, transferred: the caller's buffers stay its own.
		const l = left.slice();
		const r = right.slice();
		const reply = await this.call({ id: 0, type: 'classify', left: l, right: r, sampleRate, options }, [
			l.buffer,
			r.buffer,
		]);
		if (!reply.result) throw new Error('WorkerSoundClassifier: the sound worker answered without a result');
		return reply.result;
	}

	dispose(): void {
		this.stop();
	}

	private stop(): void {
		this.worker?.terminate();
		this.worker = null;
		this.loaded = false;
		this.backend = null;
		this.rejectAll(new Error('WorkerSoundClassifier: disposed'));
	}

	/** The worker is gone: every call waiting fails, the classifier stops, and its owner is told once. */
	private fail(error: Error): void {
		const wasLoaded = this.loaded;
		this.worker?.terminate();
		this.worker = null;
		this.loaded = false;
		this.rejectAll(error);
		if (wasLoaded) this.onFailure?.(error);
	}

	private call(request: SoundWorkerRequest, transfer: Transferable[]): Promise<Reply> {
		const worker = this.worker;
		if (!worker) return Promise.reject(new Error('WorkerSoundClassifier: the sound worker is not running'));
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			worker.postMessage({ ...request, id }, transfer);
		});
	}

	private rejectAll(error: Error): void {
		for (const waiter of this.pending.values()) waiter.reject(error);
		this.pending.clear();
	}
}
