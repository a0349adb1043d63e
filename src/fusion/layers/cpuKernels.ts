/**
 * Fused inference kernels for tfjs's plain-JavaScript `cpu` backend, registered under their own
 * names (`XrDense`, `XrRelationSum`, `XrAttend`) so nothing of the host app's tfjs changes.
 *
 * Why: on the CPU backend one fusion inference is ~400 tiny kernels. Each costs a few µs of engine
 * bookkeeping and a fresh array, and tfjs's generic batched matMul runs at ~3 ns per multiply-add
 * on this project's 2-core machine, where a blocked loop over a transposed weight runs at ~0.5 ns.
 * These kernels do a layer's math in one pass. They have no gradients: layers use them only outside
 * training and gradient tapes, and only on `cpu`; WASM (XNNPACK) and the GPU backends keep the
 * stock ops. Tests check each against the stock ops (`setCpuKernels(false)`).
 *
 * ```ts
 * if (useCpuKernels(kwargs)) return denseOp(x, kernel, bias, 'relu');
 * ```
 */
import * as tf from '@tensorflow/tfjs';

/** What the kernels need of the CPU backend (its public surface, typed narrowly). */
interface CpuBackend {
	data: { get(dataId: tf.DataId): { values: Float32Array | Int32Array } };
	makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

export type DenseActivation = 'linear' | 'relu' | 'tanh';

const BACKEND = 'cpu';
let enabled = true;

/** Turns the fused kernels off (and back on), so tests and the bench can compare against the stock ops. */
export function setCpuKernels(on: boolean): void {
	enabled = on;
}

/**
 * Whether a layer call should take the fused path: CPU backend, not training, no gradient being
 * recorded (the kernels have none, so `tf.grad` over an inference call takes the stock ops), and
 * not switched off.
 */
export function useCpuKernels(kwargs: Record<string, unknown> | undefined): boolean {
	return enabled && kwargs?.training !== true && tf.getBackend() === BACKEND && tf.engine().state.gradientDepth === 0;
}

/** `act(x·w + bias)` over the last axis of `x` (any rank); `bias` may be omitted. */
export function denseOp(x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor | null, activation: DenseActivation): tf.Tensor {
	const inputs: tf.NamedTensorMap = bias ? { x, w, bias } : { x, w };
	return tf.engine().runKernel('XrDense', inputs, { activation }) as tf.Tensor;
}

/**
 * The relation layer's messages: `out_bi = Σ_j mask_bj · relu(rel_bij + self_bi + other_bj)` for
 * `rel (B,N,N,H)`, `self (B,N,H)`, `other (B,N,H)`, `mask (B,N)`.
 */
export function relationSumOp(rel: tf.Tensor, self: tf.Tensor, other: tf.Tensor, mask: tf.Tensor): tf.Tensor {
	return tf.engine().runKernel('XrRelationSum', { rel, self, other, mask }, {}) as tf.Tensor;
}

/**
 * Scaled dot-product attention of `q (B,Q,U)` over `k (B,K,U)` with values `items (B,K,D)` and
 * `mask (B,K)`: `(B,Q,D+1)`, the attended value and the best (masked) logit (`(B,Q,D)` without
 * `withBest`). With `sentinel`, an extra slot of logit 0 takes part in the softmax and is dropped
 * ("nothing matches").
 */
export function attendOp(
	q: tf.Tensor,
	k: tf.Tensor,
	items: tf.Tensor,
	mask: tf.Tensor,
	scale: number,
	masked: number,
	sentinel: boolean,
	withBest = true,
): tf.Tensor {
	return tf.engine().runKernel('XrAttend', { q, k, items, mask }, { scale, masked, sentinel, withBest }) as tf.Tensor;
}

/** Weights transposed once per weight tensor (keyed by its data, which `assign` replaces). */
const transposed = new WeakMap<object, Float32Array>();

function transposedWeight(backend: CpuBackend, w: tf.TensorInfo): Float32Array {
	const cached = transposed.get(w.dataId);
	if (cached) return cached;
	const [k, n] = w.shape;
	const values = backend.data.get(w.dataId).values;
	const t = new Float32Array(k * n);
	for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) t[j * k + p] = values[p * n + j];
	transposed.set(w.dataId, t);
	return t;
}

function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
	const t = inputs[name];
	if (!t) throw new Error(`cpu kernel: missing input ${name}`);
	return t;
}

function floats(backend: CpuBackend, t: tf.TensorInfo, name: string): Float32Array {
	const values = backend.data.get(t.dataId).values;
	if (!(values instanceof Float32Array)) throw new Error(`cpu kernel: ${name} must be float32, got ${t.dtype}`);
	return values;
}

function dense(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
	const backend = args.backend as CpuBackend;
	const x = input(args.inputs, 'x');
	const w = input(args.inputs, 'w');
	const bias = args.inputs.bias;
	const activation = args.attrs?.activation as DenseActivation;
	const k = w.shape[0];
	const n = w.shape[1];
	if (x.shape[x.shape.length - 1] !== k)
		throw new Error(`XrDense: input depth ${x.shape} does not match weight ${w.shape}`);
	const a = floats(backend, x, 'x');
	const wt = transposedWeight(backend, w);
	const b = bias ? floats(backend, bias, 'bias') : null;
	const m = a.length / k;
	const out = new Float32Array(m * n);
	multiplyTransposed(a, wt, m, k, n, out);
	for (let i = 0; i < m * n; i++) {
		const z = out[i] + (b ? b[i % n] : 0);
		out[i] = activation === 'relu' ? Math.max(z, 0) : activation === 'tanh' ? Math.tanh(z) : z;
	}
	return backend.makeTensorInfo([...x.shape.slice(0, -1), n], 'float32', out);
}

/**
 * `out (m×n) = a (m×k) · wtᵀ` for a weight stored transposed (`wt`, n×k), so both operands are read
 * along contiguous rows. Blocks of 2 rows × 4 columns keep eight running sums in registers and
 * reuse every load twice or four times: about 0.5 ns per multiply-add here, against ~3 for the CPU
 * backend's generic batched matMul.
 */
function multiplyTransposed(
	a: Float32Array,
	wt: Float32Array,
	m: number,
	k: number,
	n: number,
	out: Float32Array,
): void {
	const n4 = n - (n % 4);
	let i = 0;
	for (; i + 1 < m; i += 2) {
		const a0 = i * k;
		const a1 = a0 + k;
		for (let j = 0; j < n4; j += 4) {
			const w0 = j * k;
			const w1 = w0 + k;
			const w2 = w1 + k;
			const w3 = w2 + k;
			let s0 = 0;
			let s1 = 0;
			let s2 = 0;
			let s3 = 0;
			let t0 = 0;
			let t1 = 0;
			let t2 = 0;
			let t3 = 0;
			for (let p = 0; p < k; p++) {
				const x = a[a0 + p];
				const y = a[a1 + p];
				const v0 = wt[w0 + p];
				const v1 = wt[w1 + p];
				const v2 = wt[w2 + p];
				const v3 = wt[w3 + p];
				s0 += x * v0;
				s1 += x * v1;
				s2 += x * v2;
				s3 += x * v3;
				t0 += y * v0;
				t1 += y * v1;
				t2 += y * v2;
				t3 += y * v3;
			}
			const o = i * n + j;
			out[o] = s0;
			out[o + 1] = s1;
			out[o + 2] = s2;
			out[o + 3] = s3;
			out[o + n] = t0;
			out[o + n + 1] = t1;
			out[o + n + 2] = t2;
			out[o + n + 3] = t3;
		}
		for (let j = n4; j < n; j++) {
			out[i * n + j] = dot(a, a0, wt, j * k, k);
			out[(i + 1) * n + j] = dot(a, a1, wt, j * k, k);
		}
	}
	// An odd last row, one column at a time.
	for (; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = dot(a, i * k, wt, j * k, k);
}

function dot(a: Float32Array, ai: number, b: Float32Array, bi: number, k: number): number {
	let s = 0;
	for (let p = 0; p < k; p++) s += a[ai + p] * b[bi + p];
	return s;
}

function relationSum(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
	const backend = args.backend as CpuBackend;
	const [bs, n, h] = input(args.inputs, 'self').shape;
	const r = floats(backend, input(args.inputs, 'rel'), 'rel');
	const s = floats(backend, input(args.inputs, 'self'), 'self');
	const o = floats(backend, input(args.inputs, 'other'), 'other');
	const mk = floats(backend, input(args.inputs, 'mask'), 'mask');
	const out = new Float32Array(bs * n * h);
	for (let b = 0; b < bs; b++) {
		for (let i = 0; i < n; i++) {
			const si = (b * n + i) * h;
			for (let j = 0; j < n; j++) {
				const weight = mk[b * n + j];
				if (weight === 0) continue;
				const rij = ((b * n + i) * n + j) * h;
				const oj = (b * n + j) * h;
				for (let c = 0; c < h; c++) {
					const v = r[rij + c] + s[si + c] + o[oj + c];
					if (v > 0) out[si + c] += weight * v;
				}
			}
		}
	}
	return backend.makeTensorInfo([bs, n, h], 'float32', out);
}

function attend(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
	const backend = args.backend as CpuBackend;
	const q = input(args.inputs, 'q');
	const k = input(args.inputs, 'k');
	const items = input(args.inputs, 'items');
	const mask = input(args.inputs, 'mask');
	const scale = args.attrs?.scale as number;
	const maskedLogit = args.attrs?.masked as number;
	const sentinel = args.attrs?.sentinel as boolean;
	const width = items.shape[2] + (args.attrs?.withBest ? 1 : 0);
	const [bs, nq, u] = q.shape;
	const nk = k.shape[1];
	const d = items.shape[2];
	const qv = floats(backend, q, 'q');
	const kv = floats(backend, k, 'k');
	const iv = floats(backend, items, 'items');
	const mv = floats(backend, mask, 'mask');
	const out = new Float32Array(bs * nq * width);
	const logits = new Float64Array(nk);
	for (let b = 0; b < bs; b++) {
		for (let i = 0; i < nq; i++) {
			const qi = (b * nq + i) * u;
			let best = Number.NEGATIVE_INFINITY;
			for (let j = 0; j < nk; j++) {
				const kj = (b * nk + j) * u;
				let dot = 0;
				for (let c = 0; c < u; c++) dot += qv[qi + c] * kv[kj + c];
				const logit = dot * scale + (1 - mv[b * nk + j]) * maskedLogit;
				logits[j] = logit;
				if (logit > best) best = logit;
			}
			// Softmax over the logits (and the sentinel's 0), shifted by the largest for stability.
			const shift = sentinel ? Math.max(best, 0) : best;
			let total = sentinel ? Math.exp(-shift) : 0;
			for (let j = 0; j < nk; j++) {
				logits[j] = Math.exp(logits[j] - shift);
				total += logits[j];
			}
			const oi = (b * nq + i) * width;
			for (let j = 0; j < nk; j++) {
				const alpha = logits[j] / total;
				const ij = (b * nk + j) * d;
				for (let c = 0; c < d; c++) out[oi + c] += alpha * iv[ij + c];
			}
			if (width > d) out[oi + d] = best;
		}
	}
	return backend.makeTensorInfo([bs, nq, width], 'float32', out);
}

for (const [kernelName, kernelFunc] of [
	['XrDense', dense],
	['XrRelationSum', relationSum],
	['XrAttend', attend],
] as const) {
	if (!tf.getKernel(kernelName, BACKEND)) tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc });
}
