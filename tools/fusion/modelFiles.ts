/** Saving a tfjs layers model to disk as `model.json` + `weights.bin`, and its training metrics (Node). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** Writes the model with its metadata; returns the weights' size in bytes. */
export async function saveModel(net: tf.LayersModel, dir: string, metadata: object): Promise<number> {
	mkdirSync(dir, { recursive: true });
	net.setUserDefinedMetadata(metadata as Record<string, unknown> as never);
	let bytes = 0;
	await net.save(
		tf.io.withSaveHandler(async (artifacts) => {
			const data = artifacts.weightData as ArrayBuffer;
			bytes = data.byteLength;
			writeFileSync(join(dir, 'weights.bin'), Buffer.from(data));
			const json: tf.io.ModelJSON = {
				modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
				format: artifacts.format,
				generatedBy: artifacts.generatedBy,
				convertedBy: artifacts.convertedBy ?? null,
				weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
				userDefinedMetadata: artifacts.userDefinedMetadata,
			};
			writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		}),
	);
	return bytes;
}

/** What every training run reports, whichever model it trained. */
export interface TrainingRun {
	losses: number[];
	trainSeconds: number;
	net: tf.LayersModel;
	weightBytes: number;
	test: unknown;
}

/** Writes `metrics.json` into `dir`: the model's own fields first, then the common run figures. */
export function writeMetrics(dir: string, fields: Record<string, unknown>, run: TrainingRun): void {
	const metrics = {
		...fields,
		batches: run.losses.length,
		trainSeconds: Math.round(run.trainSeconds),
		firstLoss: run.losses[0],
		lastLoss: run.losses[run.losses.length - 1],
		parameters: run.net.countParams(),
		weightBytes: run.weightBytes,
		test: run.test,
	};
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
}
