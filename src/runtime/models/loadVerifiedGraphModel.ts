import * as tf from '@tensorflow/tfjs';
import { ModelFileError } from './ModelFileError.js';
import type { ModelVerifyOptions } from './ModelManifest.js';
import { readVerifiedModel } from './readVerifiedModel.js';

/**
 * Loads a tfjs graph model from a URL (same origin; in Node also a path), its `.json` and `.bin`
 * each read once and checked against `manifest.json` beside them as `format` before tfjs parses
 * them, or from an IO handler the host passes, which is not checked (the host vouches for its own
 * bytes). A failure other than a bad file is rethrown naming `who` and where it loaded from.
 */
export async function loadVerifiedGraphModel(
	who: string,
	format: string | RegExp,
	source: string | tf.io.IOHandler,
	options: ModelVerifyOptions,
): Promise<tf.GraphModel> {
	try {
		return await tf.loadGraphModel(
			typeof source === 'string' ? await verifiedHandler(source, format, options) : source,
		);
	} catch (error) {
		if (error instanceof ModelFileError) throw error;
		const where = typeof source === 'string' ? source : 'the given IO handler';
		throw new Error(`${who}: cannot load the model from ${where}: ${(error as Error).message}`);
	}
}

async function verifiedHandler(
	location: string,
	format: string | RegExp,
	options: ModelVerifyOptions,
): Promise<tf.io.IOHandler> {
	const { json, weightSpecs, weights } = await readVerifiedModel<tf.io.ModelJSON>(
		location,
		{ model: format, manifest: 'manifest.json' },
		options,
	);
	return verifiedModelHandler(json, weightSpecs, weights);
}

/**
 * A tfjs IOHandler over a model's already verified `model.json` and weight bytes, so tfjs reads
 * them from memory and fetches nothing itself.
 */
export function verifiedModelHandler(
	json: tf.io.ModelJSON,
	weightSpecs: tf.io.WeightsManifestEntry[],
	weights: ArrayBuffer,
): tf.io.IOHandler {
	return tf.io.fromMemory({
		modelTopology: json.modelTopology,
		weightSpecs,
		weightData: weights,
		format: json.format,
		generatedBy: json.generatedBy,
		convertedBy: json.convertedBy,
		signature: json.signature,
		userDefinedMetadata: json.userDefinedMetadata,
		modelInitializer: json.modelInitializer,
	});
}
