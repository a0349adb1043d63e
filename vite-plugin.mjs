// `xr-sense/vite`: what a host app's `vite build` needs to ship the plugin's run-time files.
//
// In a host's build the library's code lands in the host's own chunks (`assets/index-<hash>.js`),
// and the plugin finds its files through `import.meta.url`, i.e. beside those chunks. Vite cannot see
// files that are only fetched at run time (models, tfjs's .wasm), so this copies them there. The dev
// server needs nothing: it serves them from the installed package.
import { cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const lib = join(dirname(fileURLToPath(import.meta.url)), 'dist', 'lib');

/**
 * ```js
 * // vite.config.js
 * import { xrSense } from 'xr-sense/vite';
 * export default { plugins: [ xrSense() ] };
 * ```
 */
export function xrSense() {
	let outDir = 'dist';
	let assetsDir = 'assets';
	return {
		name: 'xr-sense',
		apply: 'build',
		configResolved(config) {
			outDir = resolve(config.root, config.build.outDir);
			assetsDir = config.build.assetsDir;
		},
		writeBundle() {
			for (const folder of ['models', 'tfjs-wasm']) {
				const from = join(lib, folder);
				if (!existsSync(from)) throw new Error(`xr-sense/vite: ${from} is missing; reinstall xr-sense`);
				cpSync(from, join(outDir, assetsDir, folder), { recursive: true });
			}
		},
	};
}
