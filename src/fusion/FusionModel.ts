import * as tf from '@tensorflow/tfjs';
import type { Vocabulary } from '../perception/tokenizer.js';
import { verifiedModelHandler } from '../runtime/models/loadVerifiedGraphModel.js';
import { ModelFileError } from '../runtime/models/ModelFileError.js';
import type { ModelVerifyOptions } from '../runtime/models/ModelManifest.js';
import { readVerifiedModel, weightBytesNeeded } from '../runtime/models/readVerifiedModel.js';
import { toTensors } from './batch.js';
import { INPUT_NAMES } from './buildFusionNet.js';
import { clampTranscript } from './clampTranscript.js';
import { extractFeatures, type FusionFeatures } from './features.js';
import { GraphRunner } from './GraphRunner.js';
import { groundAnswer } from './grounding/groundAnswer.js';
import type { Interpreter } from './Interpreter.js';
import { type FusionAnswer, INTENTS, type Scenario } from './scenario.js';
import { validateScenario } from './validateScenario.js';
import './layers/AttentionPooling.js';
import './layers/CrossAttention.js';
import './layers/GroupRank.js';
import './layers/PointerLogits.js';
import './layers/PointwiseDense.js';
import './layers/QueryFeatureScore.js';
import './layers/RelationLayer.js';
import './layers/RepeatPerObject.js';
import './layers/TokenConv.js';
import './layers/TokenEmbedding.js';

/** The fusion model format this version reads (in `model.json` and in the model manifest). */
export const FUSION_FORMAT = 'xr-sense-fusion/1';

/** What travels with the weights in `model.json` (`userDefinedMetadata`). */
export interface FusionMetadata {
	format: typeof FUSION_FORMAT;
	vocab: Vocabulary;
	/** Canonical labels the refined-label head scores, in output order. */
	labelClasses: string[];
}

/** An answer with the evidence behind it. */
export interface FusionExplanation extends FusionAnswer {
	/** Probability of each candidate being the target, by object id. */
	targets: Record<string, number>;
	/** Probability of each candidate being the destination, by object id. */
	destinations: Record<string, number>;
	/** Refined label per object id: the best canonical label and its probability. */
	labels: Record<string, { label: string; score: number }>;
	/** The network's own answer, before the grammar grounded the words. */
	network?: FusionAnswer;
}

/** Backends whose tensors live in main memory. */
const HOST_MEMORY = new Set(['cpu', 'wasm']);

/** Where the object mask sits among the inputs: its width is the batch's number of object slots. */
const OBJECT_MASK = INPUT_NAMES.indexOf('object_mask');

/** Below this probability of "no object", a command keeps the best object as its target. */
const NONE_MARGIN = 0.5;

/**
 * The multimodal fusion model: "what is around me, where I point, what I hear and what I said" →
 * intent, target, destination. Implements {@link Interpreter}, so `sense.interpreter = model` works.
 *
 * ```ts
 * const model = await FusionModel.load( 'models/fusion/model.json' );
 * const answer = await model.interpret( scenario ); // { intent: 'grab', target: 'cup-2', ... }
 * model.dispose();
 * ```
 */
export class FusionModel implements Interpreter {
	private disposed = false;
	/**
	 * Ground the words with the grammar (`src/fusion/grounding/`) on top of the network: on by
	 * default; `false` gives the network's own answers (for comparison).
	 */
	grammar = true;
	private readonly runner: GraphRunner;
	/** Models saved before word and object counts were left open only take padded batches. */
	private readonly padded: boolean;

	constructor(
		readonly net: tf.LayersModel,
		readonly metadata: FusionMetadata,
	) {
		this.runner = new GraphRunner(net);
		this.padded = net.inputs[OBJECT_MASK].shape[1] !== null;
	}

	/**
	 * Loads the model from a URL (browser), a file path (Node), or any tfjs IOHandler. From a URL or
	 * path, `model.json` and `weights.bin` are each read once and checked against the model manifest
	 * (`../manifest.json`, see {@link ModelVerifyOptions}) before tfjs sees them; an IOHandler the host
	 * passes is its own word and is not checked. Throws a clear error naming the file that is missing,
	 * truncated, corrupted or of another version.
	 *
	 * ```ts
	 * await FusionModel.load( 'models/fusion/model.json' );
	 * await FusionModel.load( 'scratch/model.json', { verify: false } ); // a candidate with no manifest yet
	 * ```
	 */
	static async load(
		source: string | tf.io.IOHandler = 'models/fusion/model.json',
		options: ModelVerifyOptions = {},
	): Promise<FusionModel> {
		const where = typeof source === 'string' ? source : 'the given IOHandler';
		let net: tf.LayersModel;
		try {
			const handler = typeof source === 'string' ? await verifiedHandler(source, options) : source;
			net = await tf.loadLayersModel(handler);
		} catch (error) {
			if (error instanceof ModelFileError) throw error;
			throw new Error(`FusionModel: could not load the fusion model from ${where}: ${(error as Error).message}`);
		}
		const metadata = net.getUserDefinedMetadata() as FusionMetadata | undefined;
		if (metadata?.format !== FUSION_FORMAT || !Array.isArray(metadata.vocab?.words)) {
			net.dispose();
			throw new Error(`FusionModel: ${where} is not an xr-sense fusion model (metadata missing or wrong format)`);
		}
		return new FusionModel(net, metadata);
	}

	/** Interprets one scenario. */
	async interpret(scenario: Scenario): Promise<FusionAnswer> {
		const [answer] = await this.explainBatch([scenario]);
		return strip(answer);
	}

	/** Interprets many scenarios in one `predict` per 64. */
	async interpretBatch(scenarios: Scenario[]): Promise<FusionAnswer[]> {
		return (await this.explainBatch(scenarios)).map(strip);
	}

	/** Like {@link interpretBatch}, with the per-object target probabilities and refined labels. */
	async explainBatch(scenarios: Scenario[], batchSize = 64): Promise<FusionExplanation[]> {
		if (this.disposed) throw new Error('FusionModel: used after dispose()');
		for (const s of scenarios) {
			const problems = validateScenario(s);
			if (problems.length)
				throw new TypeError(
					`FusionModel: invalid scenario "${(s as Scenario)?.id}": ${problems.slice(0, 3).join('; ')}`,
				);
		}
		// The same length and character rule as `handleTranscript`, for scenarios handed in directly.
		const clean = scenarios.map((s) => {
			const transcript = clampTranscript(s.transcript);
			return transcript === s.transcript ? s : { ...s, transcript };
		});
		const out: FusionExplanation[] = [];
		const host = HOST_MEMORY.has(tf.getBackend());
		for (let start = 0; start < clean.length; start += batchSize) {
			const chunk = clean.slice(start, start + batchSize);
			const features = chunk.map((s) => extractFeatures(s, this.metadata.vocab));
			// On CPU and WASM, cut to this chunk's longest utterance and largest scene: the same answers,
			// less work. GPU backends keep the padded shape: their shaders are compiled per shape, and a
			// new shape per scene would stall on compiling.
			const inputs = toTensors(features, host && !this.padded ? 'tight' : 'full');
			const slots = inputs[OBJECT_MASK].shape[1] as number;
			// One tensor, one read back: each `data()` is a round trip (a GPU sync on WebGL/WebGPU).
			const n = chunk.length;
			let packed: tf.Tensor;
			try {
				packed = tf.tidy(() => {
					const [intent, target, destination, labels] = this.runner.run(inputs);
					return tf.concat(
						[tf.softmax(intent), tf.softmax(target), tf.softmax(destination), tf.softmax(labels).reshape([n, -1])],
						1,
					);
				});
			} finally {
				tf.dispose(inputs);
			}
			// CPU and WASM keep tensors in main memory: a synchronous read costs nothing there, while
			// the asynchronous one waits a task turn. GPU backends must not block, so they await. A read
			// that fails (the GPU device was lost under it) still releases the tensor.
			let all: Float32Array;
			try {
				all = (host ? packed.dataSync() : await packed.data()) as Float32Array;
			} finally {
				tf.dispose(packed);
			}
			const [pi, pt, pd, pl] = unpack(all, n, [
				INTENTS.length,
				slots + 1,
				slots + 1,
				slots * this.metadata.labelClasses.length,
			]);
			for (let i = 0; i < features.length; i++) {
				const net = this.decode(features[i], slots, pi, pt, pd, pl, i);
				out.push(this.grammar ? { ...net, ...groundAnswer(chunk[i], net), network: strip(net) } : net);
			}
		}
		return out;
	}

	/** Releases the weights. */
	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		const weights = this.net.weights;
		this.net.dispose();
		// The embedding is shared by the text and the label words, and tfjs counts a shared layer's uses
		// so that disposing the model leaves its table alive: release any weight still held.
		for (const weight of weights) {
			try {
				weight.dispose();
			} catch {
				// Already released with the model.
			}
		}
	}

	private decode(
		f: FusionFeatures,
		n: number,
		pi: Float32Array,
		pt: Float32Array,
		pd: Float32Array,
		pl: Float32Array,
		i: number,
	): FusionExplanation {
		const k = INTENTS.length;
		const slots = n + 1;
		const intentP = pi.subarray(i * k, (i + 1) * k);
		const intentIdx = argmax(intentP);
		const intent = INTENTS[intentIdx];
		const t = pt.subarray(i * slots, (i + 1) * slots);
		const d = pd.subarray(i * slots, (i + 1) * slots);
		const targets: Record<string, number> = {};
		const destinations: Record<string, number> = {};
		for (let s = 0; s < f.ids.length; s++) {
			targets[f.ids[s]] = t[s];
			destinations[f.ids[s]] = d[s];
		}
		const classes = this.metadata.labelClasses;
		const labels: Record<string, { label: string; score: number }> = {};
		f.ids.forEach((id, s) => {
			const row = pl.subarray((i * n + s) * classes.length, (i * n + s + 1) * classes.length);
			const best = argmax(row);
			labels[id] = { label: classes[best], score: row[best] };
		});
		let confidence = intentP[intentIdx];
		let target: string | null = null;
		let destination: string | null = null;
		if (intent !== 'none') {
			const best = argmax(t.subarray(0, f.ids.length));
			if (best >= 0 && t[n] < NONE_MARGIN) {
				target = f.ids[best];
				confidence *= t[best];
			} else confidence *= t[n];
			if (intent === 'move') {
				const bestD = argmax(d.subarray(0, f.ids.length));
				if (bestD >= 0 && d[n] < NONE_MARGIN && f.ids[bestD] !== target) {
					destination = f.ids[bestD];
					confidence *= d[bestD];
				}
			}
		}
		return { intent, target, destination, confidence, targets, destinations, labels };
	}
}

function strip(e: FusionExplanation): FusionAnswer {
	const a: FusionAnswer = { intent: e.intent, target: e.target, destination: e.destination, confidence: e.confidence };
	if (e.missing) a.missing = e.missing;
	return a;
}

/** Splits rows of concatenated outputs back into one contiguous array per output. */
function unpack(all: Float32Array, rows: number, widths: number[]): Float32Array[] {
	const total = widths.reduce((a, b) => a + b, 0);
	const out = widths.map((w) => new Float32Array(rows * w));
	for (let r = 0; r < rows; r++) {
		let offset = r * total;
		widths.forEach((w, k) => {
			out[k].set(all.subarray(offset, offset + w), r * w);
			offset += w;
		});
	}
	return out;
}

function argmax(xs: ArrayLike<number>): number {
	let best = -1;
	for (let i = 0; i < xs.length; i++) if (best < 0 || xs[i] > xs[best]) best = i;
	return best;
}

/**
 * `model.json` and its weights, read once and verified, as a tfjs IOHandler. The size check stays
 * for unverified loads: a short weights file would otherwise surface as an obscure tfjs error.
 */
async function verifiedHandler(location: string, options: ModelVerifyOptions): Promise<tf.io.IOHandler> {
	const { json, weightSpecs, weights, url } = await readVerifiedModel<tf.io.ModelJSON>(
		location,
		{ model: FUSION_FORMAT, manifest: '../manifest.json' },
		options,
	);
	if (!json.modelTopology) throw new Error(`${url.href} is not a tfjs layers model.json`);
	const expected = weightBytesNeeded(weightSpecs);
	if (expected !== weights.byteLength)
		throw new Error(`weights are ${weights.byteLength} bytes, the model needs ${expected} (truncated or corrupt file)`);
	return verifiedModelHandler(json, weightSpecs, weights);
}
