/**
 * The hearing stage's worker: resampling, log-mel, the sound-event model (tfjs WASM) and the
 * direction of arrival of each window, off the page's thread. Spoken to only by
 * {@link WorkerSoundClassifier}; it answers with results only (class probabilities, level, azimuth).
 */
import * as tf from '@tensorflow/tfjs';
import { startWorkerWasm } from '../../runtime/startWorkerWasm.js';
import { analyseSoundWindow, type SoundWindowOptions } from './analyseSoundWindow.js';
import { SoundEventClassifier } from './SoundEventClassifier.js';

export type SoundWorkerRequest =
	| { id: number; type: 'load'; url: string; wasmPath: string; verify: boolean }
	| {
			id: number;
			type: 'classify';
			left: Float32Array;
			right: Float32Array;
			sampleRate: number;
			options: SoundWindowOptions;
	  };

let classifier: SoundEventClassifier | null = null;
let mono = new Float32Array(0);

addEventListener('message', async (event: MessageEvent<SoundWorkerRequest>) => {
	const request = event.data;
	try {
		if (request.type === 'load') {
			await startWorkerWasm(request.wasmPath);
			classifier?.dispose();
			classifier = null;
			const loading = new SoundEventClassifier();
			await loading.load(request.url, { verify: request.verify });
			classifier = loading;
			postMessage({ id: request.id, backend: tf.getBackend() });
			return;
		}
		if (!classifier) throw new Error('WorkerSoundClassifier: call await load() before classify()');
		const { left, right, sampleRate, options } = request;
		const length = Math.min(left.length, right.length);
		if (mono.length !== length) mono = new Float32Array(length);
		const result = await analyseSoundWindow(classifier, left, right, sampleRate, options, mono);
		postMessage({ id: request.id, result }, { transfer: [result.probabilities.buffer] });
	} catch (error) {
		postMessage({ id: request.id, error: (error as Error).message });
	}
});
