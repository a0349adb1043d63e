import * as tf from '@tensorflow/tfjs';
import { assetUrl } from './assetUrls.js';

/** The TensorFlow.js backends xr-sense can run on, fastest first. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BROWSER_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export const NODE_BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];

export interface SelectBackendOptions {
	/** A backend to use instead of the automatic choice; `'auto'` (default) walks the chain. */
	backend?: BackendName | 'auto';
	/**
	 * Folder (URL in the browser) that serves tfjs's `.wasm` files. Defaults to `tfjs-wasm/` next to
	 * the page, so nothing is fetched from another origin.
	 */
	wasmPath?: string;
	/**
	 * Only backends after this one in the chain are tried (the WebGPU device was lost: WebGL, then
	 * WASM, then CPU). Overrides `backend`.
	 */
	after?: BackendName;
}

/**
 * The backends to try, in order: the chain after `after` when one is given (a fallback), else the
 * wanted backend alone, or the whole chain for `'auto'`.
 *
 * ```ts
 * backendCandidates( BROWSER_BACKENDS, 'webgpu', 'webgpu' ); // [ 'webgl', 'wasm', 'cpu' ]
 * ```
 */
export function backendCandidates(
	chain: readonly BackendName[],
	wanted: BackendName | 'auto',
	after?: BackendName,
): BackendName[] {
	if (after) return chain.slice(chain.indexOf(after) + 1);
	return wanted === 'auto' ? [...chain] : [wanted];
}

const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';

/**
 * Picks and initialises the tfjs backend: WebGPU (only when an adapter is actually granted) →
 * WebGL → WASM → CPU in the browser, WASM → CPU in Node. Returns the backend in use.
 *
 * ```ts
 * const backend = await selectBackend(); // 'webgpu' on a Quest 3, 'wasm' in Node
 * ```
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendName> {
	const chain = isBrowser ? BROWSER_BACKENDS : NODE_BACKENDS;
	const candidates = backendCandidates(chain, options.backend ?? 'auto', options.after);
	const failures: string[] = [];
	for (const name of candidates) {
		try {
			if (await initBackend(name, options)) return name;
			failures.push(`${name}: unavailable`);
		} catch (error) {
			failures.push(`${name}: ${(error as Error).message}`);
		}
	}
	throw new Error(`xr-sense: no TensorFlow.js backend could start (${failures.join('; ')})`);
}

async function initBackend(name: BackendName, options: SelectBackendOptions): Promise<boolean> {
	if (tf.getBackend() === name) return true;
	switch (name) {
		case 'webgpu': {
			// tfjs would register WebGPU whenever navigator.gpu exists; a browser can expose the API
			// and still grant no adapter (blocklisted GPU, headless), so ask for one first.
			const gpu = isBrowser
				? (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu
				: undefined;
			if (!gpu || !(await gpu.requestAdapter())) return false;
			await import('@tensorflow/tfjs-backend-webgpu');
			break;
		}
		case 'wasm': {
			const wasm = await import('@tensorflow/tfjs-backend-wasm');
			if (isBrowser) wasm.setWasmPaths(options.wasmPath ?? assetUrl('tfjs-wasm/'));
			break;
		}
		case 'webgl':
			if (!isBrowser) return false;
			break;
		case 'cpu':
			break;
	}
	const ok = await tf.setBackend(name);
	if (ok) await tf.ready();
	return ok && tf.getBackend() === name;
}
