/**
 * Where the plugin's own files (models, tfjs's `.wasm` binaries) are found by default.
 *
 * - In the library build (`dist/lib/xr-sense.js`) they ship beside the module, so the base is the
 *   module's own URL: nothing to copy into the host's `public/`.
 * - On this repository's Vite dev server they are served at the server's root (vite.config.ts), so
 *   any page under it — the demo, `scenes/plain/`, test pages — finds them.
 * - In the demo's own build they are copied to the build's base (Vite's `BASE_URL`), so both the
 *   demo and `scenes/plain/` find them there.
 *
 * ```ts
 * const models = assetUrl( 'models/' ); // e.g. 'http://localhost:5173/models/'
 * ```
 */
export function assetUrl(path: string): string {
	return new URL(path, assetBase()).href;
}

declare const __XR_SENSE_LIB__: boolean | undefined;

function assetBase(): string {
	if (typeof __XR_SENSE_LIB__ !== 'undefined' && __XR_SENSE_LIB__) return libraryBase(import.meta.url);
	if (typeof document === 'undefined') return 'file:///';
	const env = (import.meta as ImportMeta & { env?: { BASE_URL?: string } }).env;
	return env?.BASE_URL ? new URL(env.BASE_URL, document.baseURI).href : document.baseURI;
}

/**
 * The library's folder. A host's Vite dev server pre-bundles dependencies into
 * `node_modules/.vite/deps/`, which moves `import.meta.url` away from the files beside the module;
 * the package's own folder is still served, under `node_modules/xr-sense/dist/lib/`.
 */
export function libraryBase(moduleUrl: string): string {
	const url = new URL('./', moduleUrl);
	const deps = url.pathname.indexOf('/node_modules/.vite/deps');
	if (deps >= 0) url.pathname = `${url.pathname.slice(0, deps)}/node_modules/xr-sense/dist/lib/`;
	return url.href;
}
