import type * as tf from '@tensorflow/tfjs';
import type { ModelVerifyOptions } from './ModelManifest.js';
import { ModelVerifier } from './ModelVerifier.js';
import { resolveModelUrl } from './readModelBytes.js';

/** The parts of a model.json this reads: tfjs's weights manifest (layers, graph and our own models). */
interface WithWeights {
	weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/** A model's files, read and verified: its parsed `model.json` and its weight files joined. */
export interface VerifiedModel<J> {
	json: J;
	weightSpecs: tf.io.WeightsManifestEntry[];
	weights: ArrayBuffer;
	/** The model.json's URL. */
	url: URL;
}

/** What the loader reads: the manifest entry's `model` must match, and the manifest's place relative to the model. */
export interface ModelKind {
	model: string | RegExp;
	/** Where the manifest is relative to `model.json` by default (`../manifest.json` for `models/fusion/`). */
	manifest: string;
}

/**
 * Reads a model's `model.json` and every weight file it names, each once and each verified against
 * the manifest before it is parsed (see {@link ModelVerifier}).
 *
 * ```ts
 * const { json, weightSpecs, weights } = await readVerifiedModel( 'models/fusion/model.json',
 *   { model: 'xr-sense-fusion/1', manifest: '../manifest.json' } );
 * ```
 */
export async function readVerifiedModel<J extends WithWeights>(
	location: string,
	kind: ModelKind,
	options: ModelVerifyOptions = {},
): Promise<VerifiedModel<J>> {
	const url = resolveModelUrl(location);
	const verifier = await ModelVerifier.open(url, kind.manifest, options);
	const text = new TextDecoder().decode(await verifier.read(url, kind.model));
	let json: J;
	try {
		json = JSON.parse(text) as J;
	} catch (error) {
		throw new Error(`xr-sense: ${url.href} is not JSON: ${(error as Error).message}`);
	}
	if (!Array.isArray(json?.weightsManifest)) throw new Error(`xr-sense: ${url.href} has no weightsManifest`);
	const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
	const parts: Uint8Array[] = [];
	for (const path of json.weightsManifest.flatMap((g) => g.paths))
		parts.push(await verifier.read(new URL(path, url), kind.model));
	const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
	let at = 0;
	for (const p of parts) {
		joined.set(p, at);
		at += p.byteLength;
	}
	return { json, weightSpecs, weights: joined.buffer, url };
}

/** Bytes the weight specs need (float32 and int32 weights: 4 bytes each), to catch an unverified short file. */
export function weightBytesNeeded(specs: tf.io.WeightsManifestEntry[]): number {
	const size: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1 };
	return specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * (size[s.dtype] ?? 4), 0);
}
