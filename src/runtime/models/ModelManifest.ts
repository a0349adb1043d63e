/**
 * The model manifest: every model file the plugin loads, with its size, SHA-256 and model format,
 * in `models/manifest.json` beside the models. `npx tsx tools/manifest.ts` writes it; a unit test
 * keeps it in step with the files on disk.
 *
 * ```json
 * { "format": "xr-sense-models/1",
 *   "files": { "fusion/weights.bin": { "bytes": 977276, "sha256": "…", "model": "xr-sense-fusion/1" } } }
 * ```
 */
export interface ModelManifest {
	format: typeof MANIFEST_FORMAT;
	/** By path relative to the manifest's folder, with `/` separators. */
	files: Record<string, ModelFileEntry>;
}

/** One file of a model, as it must be. */
export interface ModelFileEntry {
	bytes: number;
	/** Lower-case hex. */
	sha256: string;
	/** The model format and version the file belongs to, e.g. `xr-sense-fusion/1`. */
	model: string;
}

export const MANIFEST_FORMAT = 'xr-sense-models/1';

/** How a loader checks the files of a model given by URL or path. */
export interface ModelVerifyOptions {
	/**
	 * Check every file against the manifest before use (default true). `false` is for models that
	 * have no manifest yet — a freshly trained candidate in a scratch folder — never for shipping.
	 */
	verify?: boolean;
	/** Where the manifest is (URL or, in Node, a path); by default the models folder's `manifest.json`. */
	manifest?: string;
}

/** Parses and checks a manifest's text; `where` names it in errors. */
export function parseManifest(text: string, where: string): ModelManifest {
	let json: ModelManifest;
	try {
		json = JSON.parse(text) as ModelManifest;
	} catch (error) {
		throw new Error(`xr-sense: the model manifest ${where} is not JSON: ${(error as Error).message}`);
	}
	if (json?.format !== MANIFEST_FORMAT || typeof json.files !== 'object' || json.files === null)
		throw new Error(
			`xr-sense: ${where} is not an xr-sense model manifest (format "${json?.format}", expected "${MANIFEST_FORMAT}")`,
		);
	for (const [name, entry] of Object.entries(json.files)) {
		if (
			!Number.isInteger(entry?.bytes) ||
			!/^[0-9a-f]{64}$/.test(entry?.sha256 ?? '') ||
			typeof entry.model !== 'string'
		)
			throw new Error(`xr-sense: the model manifest ${where} has a malformed entry for ${name}`);
	}
	return json;
}
