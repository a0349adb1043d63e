import * as tf from '@tensorflow/tfjs';
import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';
import { readVerifiedModel } from '../../runtime/models/readVerifiedModel.js';
import { LOG_MEL_DEFAULTS, type LogMel, logMelSpectrogram } from './logMel.js';
import { resample } from './resample.js';
import {
	MODEL_CLASSES,
	type ModelClass,
	PATCH_FRAMES,
	PATCH_HOP,
	soundEventLogits,
	soundEventWeightShapes,
} from './soundEventModel.js';

/** `model.json` of the sound-event classifier (weights in a tfjs weights manifest beside it). */
export interface SoundEventModelJson {
	format: 'xr-sense/sound-events';
	/** 2: thirteen classes with `unknown`, level-normalised input, a fitted temperature. */
	version: 2;
	classes: string[];
	patchFrames: number;
	/** Softmax temperature fitted after training so that confidence matches accuracy (default 1). */
	temperature?: number;
	weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/** The model's files already in memory (Node tools and tests read them from disk). */
export interface SoundEventModelFiles {
	json: SoundEventModelJson;
	weights: ArrayBuffer;
}

/** Class scores of one ~0.96 s patch. */
export interface SoundPatchResult {
	/** Start and end of the patch, seconds from the start of the signal. */
	start: number;
	end: number;
	/** Most likely class and its probability. */
	class: ModelClass;
	score: number;
	/** Probability of every class, in {@link MODEL_CLASSES} order. */
	probabilities: Float32Array;
}

const FLOOR = Math.log(LOG_MEL_DEFAULTS.logOffset);

/**
 * Sound-event classifier: which of {@link MODEL_CLASSES} is heard (`unknown`: none of the sound classes), per ~0.96 s patch (50 % overlap)
 * of a mono signal. Runs on the active tfjs backend.
 *
 * ```ts
 * const classifier = await new SoundEventClassifier().load( 'models/audio/model.json' );
 * const patches = await classifier.classify( mono, 48000 ); // [{ start, end, class, score, probabilities }]
 * classifier.dispose();
 * ```
 */
export class SoundEventClassifier {
	readonly classes = MODEL_CLASSES;
	private weights: tf.NamedTensorMap | null = null;
	private temperature = 1;

	/**
	 * Loads the model from a URL to its model.json (weights resolved beside it; in Node also a path),
	 * each file checked against the model manifest (`../manifest.json`) before use, or from files
	 * already in memory (the caller's own, not checked).
	 */
	async load(
		source: string | SoundEventModelFiles = 'models/audio/model.json',
		options: ModelVerifyOptions = {},
	): Promise<this> {
		const files = typeof source === 'string' ? await fetchModel(source, options) : source;
		const json = files.json;
		if (json?.format !== 'xr-sense/sound-events') throw new Error('SoundEventClassifier: not a sound-event model.json');
		if (json.version !== 2) {
			throw new Error(
				`SoundEventClassifier: model.json version ${json.version}; this reads version 2 (retrain with train-audio)`,
			);
		}
		if (json.classes?.join() !== MODEL_CLASSES.join()) {
			throw new Error(`SoundEventClassifier: model classes [${json.classes}] differ from MODEL_CLASSES`);
		}
		const temperature = json.temperature ?? 1;
		if (!(temperature > 0 && Number.isFinite(temperature))) {
			throw new Error(`SoundEventClassifier: temperature ${temperature} is not a positive number`);
		}
		const specs = json.weightsManifest.flatMap((g) => g.weights);
		const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
		if (files.weights.byteLength !== expected) {
			throw new Error(`SoundEventClassifier: weights are ${files.weights.byteLength} bytes, manifest says ${expected}`);
		}
		const weights = tf.io.decodeWeights(files.weights, specs);
		for (const [name, shape] of Object.entries(soundEventWeightShapes())) {
			if (weights[name]?.shape.join() !== shape.join()) {
				tf.dispose(weights);
				throw new Error(`SoundEventClassifier: weight ${name} missing or not [${shape}]`);
			}
		}
		this.dispose();
		this.weights = weights;
		this.temperature = temperature;
		return this;
	}

	get isLoaded(): boolean {
		return this.weights !== null;
	}

	/** Classifies a mono signal at any sample rate (resampled to 16 kHz). */
	async classify(samples: Float32Array, sampleRate: number): Promise<SoundPatchResult[]> {
		const at16k = sampleRate === LOG_MEL_DEFAULTS.sampleRate ? samples : resample(samples, sampleRate, 16000);
		return this.classifyLogMel(logMelSpectrogram(at16k));
	}

	/**
	 * Classifies a log-mel spectrogram, patch by patch. A signal shorter than one patch is padded with
	 * the silence floor, so a single knock still gets a verdict.
	 */
	async classifyLogMel(logMel: LogMel): Promise<SoundPatchResult[]> {
		const weights = this.weights;
		if (!weights) throw new Error('SoundEventClassifier: call load() first');
		if (logMel.frames === 0) return [];
		const { bands } = logMel;
		const starts: number[] = [];
		for (let s = 0; s === 0 || s + PATCH_FRAMES <= logMel.frames; s += PATCH_HOP) starts.push(s);
		const batch = new Float32Array(starts.length * PATCH_FRAMES * bands).fill(FLOOR);
		starts.forEach((s, i) => {
			const frames = Math.min(PATCH_FRAMES, logMel.frames - s);
			batch.set(logMel.data.subarray(s * bands, (s + frames) * bands), i * PATCH_FRAMES * bands);
		});
		const temperature = this.temperature;
		const probs = tf.tidy(() =>
			tf.softmax(
				tf.div(soundEventLogits(weights, tf.tensor3d(batch, [starts.length, PATCH_FRAMES, bands])), temperature),
			),
		);
		let data: Float32Array;
		try {
			data = (await probs.data()) as Float32Array;
		} finally {
			// Released also when the read fails (the GPU device was lost under it).
			probs.dispose();
		}
		const hop = LOG_MEL_DEFAULTS.hopLength / LOG_MEL_DEFAULTS.sampleRate;
		const k = MODEL_CLASSES.length;
		return starts.map((s, i) => {
			const probabilities = data.slice(i * k, (i + 1) * k);
			let best = 0;
			for (let c = 1; c < k; c++) if (probabilities[c] > probabilities[best]) best = c;
			const frames = Math.min(PATCH_FRAMES, logMel.frames - s);
			return {
				start: s * hop,
				end: (s + frames) * hop + LOG_MEL_DEFAULTS.windowLength / LOG_MEL_DEFAULTS.sampleRate - hop,
				class: MODEL_CLASSES[best],
				score: probabilities[best],
				probabilities,
			};
		});
	}

	/** Releases the weights. */
	dispose(): void {
		if (this.weights) tf.dispose(this.weights);
		this.weights = null;
	}
}

/** The format and version this reads, as the model manifest names it. */
export const SOUND_EVENTS_FORMAT = 'xr-sense/sound-events/2';

/** `model.json` and `weights.bin`, each read once and verified against `../manifest.json` unless `verify: false`. */
async function fetchModel(url: string, options: ModelVerifyOptions): Promise<SoundEventModelFiles> {
	const { json, weights } = await readVerifiedModel<SoundEventModelJson>(
		url,
		{ model: SOUND_EVENTS_FORMAT, manifest: '../manifest.json' },
		options,
	);
	return { json, weights };
}
