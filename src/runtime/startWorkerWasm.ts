import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * Starts tfjs's WASM backend inside one of the plugin's workers (detector, sound analysis), from
 * `wasmPath` on the page's origin. There is no silent fall-back to the CPU backend (many times
 * slower): a wrong `wasmPath` must show as an error.
 *
 * ```ts
 * await startWorkerWasm( request.wasmPath ); // then load the model
 * ```
 */
export async function startWorkerWasm(wasmPath: string): Promise<void> {
	setWasmPaths(wasmPath);
	if (!(await tf.setBackend('wasm'))) throw new Error(`tfjs WASM did not start from ${wasmPath}`);
	await tf.ready();
}
