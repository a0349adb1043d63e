import { formatBytes, ModelFileError } from './ModelFileError.js';
import { type ModelManifest, type ModelVerifyOptions, parseManifest } from './ModelManifest.js';
import { readModelBytes, resolveModelUrl } from './readModelBytes.js';
import { sha256 } from './sha256.js';

const REFRESH = 'npx tsx tools/manifest.ts';

/**
 * Reads model files and checks each against the manifest before anything parses it: its size, its
 * SHA-256 and the model format it belongs to. Each file is fetched once; the verified bytes are what
 * the loader hands to tfjs (`tf.io.fromMemory`).
 *
 * ```ts
 * const verifier = await ModelVerifier.open( modelUrl, '../manifest.json', { verify: true } );
 * const bytes = await verifier.read( new URL( 'weights.bin', modelUrl ), 'xr-sense-fusion/1' );
 * ```
 */
export class ModelVerifier {
	private constructor(
		/** Where the manifest was read; null when not verifying. */
		readonly manifestUrl: URL | null,
		readonly manifest: ModelManifest | null,
	) {}

	/**
	 * The verifier for a model at `modelUrl`: reads the manifest (`options.manifest`, else
	 * `defaultManifest` resolved against the model), or none with `verify: false`.
	 */
	static async open(modelUrl: URL, defaultManifest: string, options: ModelVerifyOptions = {}): Promise<ModelVerifier> {
		if (options.verify === false) return new ModelVerifier(null, null);
		const url = options.manifest ? resolveModelUrl(options.manifest) : new URL(defaultManifest, modelUrl);
		let bytes: Uint8Array;
		try {
			bytes = await readModelBytes(url);
		} catch (error) {
			// "is missing (the server answered 404 Not Found)", "could not be fetched: …"
			const what = (error as Error).message.replace(/^xr-sense: model file \S+ /, '');
			throw new ModelFileError(
				url.href,
				'manifest',
				`xr-sense: the model manifest ${url.href} ${what}, so ${modelUrl.href} cannot be verified; serve manifest.json beside the models (${REFRESH} writes it) or load with verify: false`,
			);
		}
		return new ModelVerifier(url, parseManifest(new TextDecoder().decode(bytes), url.href));
	}

	/** True when files are checked. */
	get verifying(): boolean {
		return this.manifest !== null;
	}

	/**
	 * Reads one file and checks it. `model` is the format the loader reads: a manifest entry for
	 * another one (a newer model with an older plugin) is refused before the file is fetched.
	 */
	async read(url: URL, model: string | RegExp): Promise<Uint8Array> {
		const manifest = this.manifest;
		if (!manifest || !this.manifestUrl) return readModelBytes(url);
		const key = this.keyOf(url);
		const entry = key === null ? undefined : manifest.files[key];
		if (!entry)
			throw new ModelFileError(
				url.href,
				'unlisted',
				`xr-sense: model file ${url.href} is not listed in the model manifest ${this.manifestUrl.href}, so it cannot be verified (refresh the manifest with ${REFRESH})`,
			);
		const fits = typeof model === 'string' ? entry.model === model : model.test(entry.model);
		if (!fits)
			throw new ModelFileError(
				url.href,
				'format',
				`xr-sense: model file ${url.href} belongs to a ${entry.model} model (manifest ${this.manifestUrl.href}); this version of xr-sense reads ${model}`,
			);
		let bytes: Uint8Array;
		try {
			bytes = await readModelBytes(url);
		} catch (error) {
			if (!(error instanceof ModelFileError)) throw error;
			throw new ModelFileError(
				url.href,
				'missing',
				`${error.message}; expected ${formatBytes(entry.bytes)} bytes of ${entry.model}`,
			);
		}
		const found = await sha256(bytes);
		if (found === entry.sha256 && bytes.byteLength === entry.bytes) return bytes;
		// A whole file of another model in this one's place (a copy gone wrong) says so, by name.
		const other = Object.entries(manifest.files).find(([k, e]) => k !== key && e.sha256 === found);
		if (other)
			throw new ModelFileError(
				url.href,
				'another-file',
				`xr-sense: model file ${url.href} holds ${other[0]} (${formatBytes(other[1].bytes)} bytes of ${other[1].model}), not ${key} (${formatBytes(entry.bytes)} bytes of ${entry.model})`,
			);
		if (bytes.byteLength < entry.bytes)
			throw new ModelFileError(
				url.href,
				'truncated',
				`xr-sense: model file ${url.href} is truncated: ${formatBytes(bytes.byteLength)} of ${formatBytes(entry.bytes)} bytes`,
			);
		if (bytes.byteLength > entry.bytes)
			throw new ModelFileError(
				url.href,
				'size',
				`xr-sense: model file ${url.href} is ${formatBytes(bytes.byteLength)} bytes where the manifest expects ${formatBytes(entry.bytes)}: corrupted or a different version`,
			);
		throw new ModelFileError(
			url.href,
			'corrupted',
			`xr-sense: model file ${url.href} is corrupted or a different version: SHA-256 ${found}, the manifest expects ${entry.sha256} (${formatBytes(entry.bytes)} bytes of ${entry.model})`,
		);
	}

	/** The manifest key of a file: its path below the manifest's folder, or null outside it. */
	private keyOf(url: URL): string | null {
		const folder = new URL('./', this.manifestUrl!);
		if (url.origin !== folder.origin || !url.pathname.startsWith(folder.pathname)) return null;
		return decodeURIComponent(url.pathname.slice(folder.pathname.length));
	}
}
