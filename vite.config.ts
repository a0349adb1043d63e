/// <reference types="vitest/config" />
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Files the app needs at run time that live inside npm packages: tfjs's WASM binaries (Vite does
 * not copy them) and the pretrained CenterNet detector shipped by @vladmandic/human. They are served
 * from the app's own origin — in dev straight from node_modules, in a build copied into the output —
 * so nothing is ever fetched from another origin.
 */
const VENDOR_DIRS: Record<string, { dir: string; match: RegExp }> = {
	'tfjs-wasm/': { dir: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/', match: /\.wasm$/ },
	// model.json names its weights file `centernet.bin`, so both keep their names.
	'models/': { dir: 'node_modules/@vladmandic/human/models/', match: /^centernet\.(json|bin)$/ },
};

/** The project's own trained models; the demo serves them from public/, the library ships them beside itself. */
const OWN_MODEL_DIRS: Record<string, { dir: string; match: RegExp }> = {
	'models/fusion/': { dir: 'public/models/fusion/', match: /^(model\.json|weights\.bin|vocab\.json)$/ },
	'models/audio/': { dir: 'public/models/audio/', match: /^(model\.json|weights\.bin)$/ },
	// Size, SHA-256 and version of every model file above and of the detector's: the loaders refuse
	// files it does not vouch for (tools/manifest.ts writes it).
	'models/': { dir: 'public/models/', match: /^manifest\.json$/ },
};

function vendorFiles(dirs = VENDOR_DIRS): Array<{ url: string; file: string }> {
	const out: Array<{ url: string; file: string }> = [];
	for (const [prefix, { dir, match }] of Object.entries(dirs)) {
		if (!existsSync(join(root, dir))) continue;
		for (const name of readdirSync(join(root, dir))) {
			if (match.test(name)) out.push({ url: prefix + name, file: join(root, dir, name) });
		}
	}
	return out;
}

const MIME: Record<string, string> = {
	wasm: 'application/wasm',
	json: 'application/json',
	bin: 'application/octet-stream',
};

function vendorAssets(): Plugin {
	return {
		name: 'xr-sense-vendor-assets',
		configureServer(server) {
			const files = new Map(vendorFiles().map((f) => [`/${f.url}`, f.file]));
			server.middlewares.use((req, res, next) => {
				const file = files.get((req.url ?? '').split('?')[0]);
				if (!file) return next();
				res.setHeader('Content-Type', MIME[file.split('.').pop() ?? ''] ?? 'application/octet-stream');
				res.setHeader('Content-Length', statSync(file).size);
				createReadStream(file).pipe(res);
			});
		},
		generateBundle() {
			for (const f of vendorFiles()) {
				this.emitFile({ type: 'asset', fileName: f.url, source: readFileSync(f.file) });
			}
		},
	};
}

/**
 * The library build carries every file it needs at run time beside `xr-sense.js` (models, tfjs's
 * `.wasm`), found through `import.meta.url` (src/runtime/assetUrls.ts): a host copies nothing.
 */
function libraryAssets(): Plugin {
	return {
		name: 'xr-sense-library-assets',
		generateBundle() {
			for (const f of [...vendorFiles(), ...vendorFiles(OWN_MODEL_DIRS)]) {
				this.emitFile({ type: 'asset', fileName: f.url, source: readFileSync(f.file) });
			}
		},
	};
}

export default defineConfig(({ mode }) => {
	if (mode === 'browser') {
		// `xr-sense/browser`: for a page with no bundler, only an import map. Everything but three is
		// bundled in (tfjs and its backends, the emulator, the polyfill, as lazily loaded chunks), so
		// the map names just `three` and `xr-sense`, and the page still loads exactly one copy of three.
		// It goes beside `xr-sense.js`, after the `lib` build, and shares its models and .wasm files.
		return {
			publicDir: false,
			base: './',
			define: { __XR_SENSE_LIB__: 'true' },
			worker: { format: 'es' },
			build: {
				outDir: 'dist/lib',
				emptyOutDir: false,
				sourcemap: false,
				target: 'es2022',
				chunkSizeWarningLimit: 4096,
				lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'], fileName: () => 'xr-sense.browser.js' },
				rollupOptions: {
					// Only three itself: @iwer/sem's one import of three's MathUtils source (pure functions,
					// no classes to clash over) is bundled, so the map needs no entry for three/src/.
					external: (id) => id === 'three',
					// Chunks sit beside the entry: every chunk's import.meta.url then points at the folder
					// that holds the models (src/runtime/assetUrls.ts).
					output: { chunkFileNames: 'xr-sense.browser.[name]-[hash].js' },
				},
			},
		};
	}
	if (mode === 'lib') {
		return {
			publicDir: false,
			// Relative URLs (the detector worker's) resolve against the module, wherever it is served.
			base: './',
			define: { __XR_SENSE_LIB__: 'true' },
			plugins: [libraryAssets()],
			worker: { format: 'es' },
			build: {
				outDir: 'dist/lib',
				emptyOutDir: true,
				sourcemap: false,
				lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'], fileName: () => 'xr-sense.js' },
				rollupOptions: {
					// Peer and runtime dependencies stay imports: the host app's bundler resolves them,
					// so exactly one copy of three (the host's) is loaded.
					external: (id) => /^(three|@tensorflow\/|iwer|@iwer\/|webxr-polyfill)/.test(id),
				},
			},
		};
	}
	return {
		plugins: [vendorAssets()],
		// Pre-bundle every runtime dependency at start-up, the lazily imported emulator included: a
		// dependency discovered later makes Vite re-bundle and reload, which can load three twice.
		optimizeDeps: {
			entries: ['index.html', 'scenes/plain/index.html', 'test/e2e/pages/*.html'],
			include: [
				'three',
				'three/examples/jsm/webxr/VRButton.js',
				'@tensorflow/tfjs',
				'@tensorflow/tfjs-backend-wasm',
				'@tensorflow/tfjs-backend-webgpu',
				'iwer',
				'@iwer/sem',
				'@iwer/devui',
				'webxr-polyfill',
			],
		},
		resolve: { dedupe: ['three'] },
		server: { port: Number(process.env.PORT ?? 5173), strictPort: true, host: '127.0.0.1' },
		preview: { port: Number(process.env.PORT ?? 4173), strictPort: true, host: '127.0.0.1' },
		build: {
			outDir: 'dist/demo',
			target: 'es2022',
			chunkSizeWarningLimit: 4096,
			rollupOptions: {
				// The demo, and the plain three.js app that embeds the plugin as the README shows.
				input: { demo: resolve(root, 'index.html'), plain: resolve(root, 'scenes/plain/index.html') },
				// React packages of the emulator's dev UI carry "use client" directives, meaningless here.
				onwarn(warning, warn) {
					if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
				},
			},
		},
		test: {
			include: ['test/unit/**/*.test.ts'],
			environment: 'node',
			testTimeout: 60_000,
			pool: 'forks',
		},
	};
});
