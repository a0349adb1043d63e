import * as tf from '@tensorflow/tfjs';

/** One layer call in the order the graph needs it. */
interface Step {
	layer: tf.layers.Layer;
	inputs: number[];
	output: number;
	args: Record<string, unknown>;
}

/**
 * Runs a functional `tf.LayersModel` forward as a flat list of layer calls inside one `tidy`:
 * the same layers, weights and math as `predict`, without the executor's per-layer bookkeeping
 * (feed dictionaries, shape checks, reference counting). For a small model of ~50 layer calls
 * that bookkeeping is a measurable share of one inference on WASM and CPU.
 *
 * ```ts
 * const runner = new GraphRunner( net );
 * const [ intent, target ] = runner.run( inputs ); // the caller disposes the outputs
 * ```
 */
export class GraphRunner {
	private readonly steps: Step[] = [];
	private readonly inputIds: number[];
	private readonly outputIds: number[];

	constructor(net: tf.LayersModel) {
		this.inputIds = net.inputs.map((s) => s.id);
		this.outputIds = net.outputs.map((s) => s.id);
		const done = new Set<number>(this.inputIds);
		const visit = (s: tf.SymbolicTensor): void => {
			if (done.has(s.id)) return;
			if (!s.sourceLayer || !s.inputs) throw new Error(`GraphRunner: ${s.name} is neither an input nor a layer output`);
			for (const i of s.inputs) visit(i);
			if ((s.outputTensorIndex ?? 0) !== 0)
				throw new Error(`GraphRunner: ${s.name}: multi-output layers are not supported`);
			this.steps.push({
				layer: s.sourceLayer as tf.layers.Layer,
				inputs: s.inputs.map((i) => i.id),
				output: s.id,
				args: (s.callArgs ?? {}) as Record<string, unknown>,
			});
			done.add(s.id);
		};
		for (const s of net.outputs) visit(s);
	}

	/** The model's outputs for `inputs` (in the model's input order); the caller disposes them. */
	run(inputs: tf.Tensor[]): tf.Tensor[] {
		if (inputs.length !== this.inputIds.length)
			throw new Error(`GraphRunner: expected ${this.inputIds.length} inputs, got ${inputs.length}`);
		return tf.tidy(() => {
			const values = new Map<number, tf.Tensor>();
			for (let i = 0; i < inputs.length; i++) values.set(this.inputIds[i], inputs[i]);
			for (const step of this.steps) {
				const xs = step.inputs.map((id) => values.get(id) as tf.Tensor);
				const y = step.layer.call(xs.length === 1 ? xs[0] : xs, step.args);
				values.set(step.output, Array.isArray(y) ? y[0] : y);
			}
			return this.outputIds.map((id) => values.get(id) as tf.Tensor);
		});
	}
}
