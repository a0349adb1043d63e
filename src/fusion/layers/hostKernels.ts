/**
 * Fused inference kernels for the backends that keep tensors in main memory, tfjs's plain-JavaScript
 * `cpu` and `wasm`, registered under their own names (`XrDense`, `XrRelationSum`, `XrAttend`,
 * `XrGatherRows`, `XrGroupRank`) so nothing of the host app's tfjs changes.
 *
 * Why: one fusion inference is 406 tiny kernels with the stock ops, 131 with these (either
 * backend). Each costs a few µs of engine bookkeeping. On `cpu`, tfjs's generic batched matMul also
 * runs at ~3 ns per multiply-add on this project's 2-core machine, where a blocked loop over a transposed weight runs
 * at ~0.5 ns, so every fused layer takes the JavaScript kernels. On `wasm`, XNNPACK's SIMD matMul
 * beats that loop, so `XrDense` calls the backend's own XNNPACK matMul there (without the reshapes),
 * while attention (scores,
 * masked softmax and weighted sum: ~10 stock kernels per call), the relation messages, the
 * embedding lookup (clamp and gather: 6) and the group ranks (12) each run as one JavaScript kernel
 * over the heap. They have no gradients: layers use them only outside training and
 * gradient tapes; the GPU backends keep the stock ops. Tests check each against the stock ops
 * (`setHostKernels(false)`) on both backends.
 *
 * ```ts
 * if (useHostKernels(kwargs)) return denseOp(x, kernel, bias, 'relu');
 * ```
 */
import * as tf from '@tensorflow/tfjs';

/** What the kernels need of the CPU backend (its public surface, typed narrowly). */
interface CpuBackend {
	data: { get(dataId: tf.DataId): { values: Float32Array | Int32Array } };
	makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** What the kernels need of the WASM backend: a view of a tensor in the heap, and a new output. */
interface WasmBackend {
	typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
	disposeData(dataId: tf.DataId): boolean;
	makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
}

/** One backend's way in and out of its memory, for kernels that work on plain arrays. */
interface HostMemory {
	read(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
	write(shape: number[], values: Float32Array): tf.TensorInfo;
}

function cpuMemory(backend: unknown): HostMemory {
	const b = backend as CpuBackend;
	return {
		read: (t) => b.data.get(t.dataId).values,
		write: (shape, values) => b.makeTensorInfo(shape, 'float32', values),
	};
}

function wasmMemory(backend: unknown): HostMemory {
	const b = backend as WasmBackend;
	return {
		// A view into the heap: read before anything allocates (an allocation may grow and move it).
		read: (t) => b.typedArrayFromHeap(t),
		write: (shape, values) => b.makeOutput(shape, 'float32', undefined, values),
	};
}

export type DenseActivation = 'linear' | 'relu' | 'tanh';

const BACKENDS = new Set(['cpu', 'wasm']);
let enabled = true;

/** Turns the fused kernels off (and back on), so tests and the bench can compare against the stock ops. */
export function setHostKernels(on: boolean): void {
	enabled = on;
}

/**
 * Whether a layer call should take the fused path: CPU backend, not training, no gradient being
 * recorded (the kernels have none, so `tf.grad` over an inference call takes the stock ops), and
 * not switched off.
 */
export function useHostKernels(kwargs: Record<string, unknown> | undefined): boolean {
	return enabled && kwargs?.training !== true && BACKENDS.has(tf.getBackend()) && tf.engine().state.gradientDepth === 0;
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

/** Rows of `table (V,D)` for integer `ids` of any shape, each clamped into `[0, V)`: `(...ids, D)`. */
export function gatherRowsOp(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
	return tf.engine().runKernel('XrGatherRows', { table, ids }, {}) as tf.Tensor;
}

/**
 * The group ranks (see `GroupRank`): `named_j = σ(match_j)·mask_j`, `c_ik = Σ_j named_j ·
 * pairs_ij(start+k)`, then per k `[exp(−4c²), exp(−4(c−1)²), exp(−4(c−2)²), σ(6(c−2.5))]`, for
 * `match (B,N,1)`, `pairs (B,N,N,P)`, `mask (B,N)` → `(B,N,4·count)`.
 */
export function groupRankOp(
	match: tf.Tensor,
	pairs: tf.Tensor,
	mask: tf.Tensor,
	start: number,
	count: number,
): tf.Tensor {
	return tf.engine().runKernel('XrGroupRank', { match, pairs, mask }, { start, count }) as tf.Tensor;
}

/** Weights transposed once per weight tensor (keyed by its data, which `assign` replaces). */
const transposed = new WeakMap<object, Float32Array>();

function transposedWeight(backend: HostMemory, w: tf.TensorInfo): Float32Array {
	const cached = transposed.get(w.dataId);
	if (cached) return cached;
	const [k, n] = w.shape;
	const values = backend.read(w);
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

function floats(backend: HostMemory, t: tf.TensorInfo, name: string): Float32Array {
	const values = backend.read(t);
	if (!(values instanceof Float32Array)) throw new Error(`cpu kernel: ${name} must be float32, got ${t.dtype}`);
	return values;
}

function dense(backend: HostMemory, args: KernelArgs): tf.TensorInfo {
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
	return backend.write([...x.shape.slice(0, -1), n], out);
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

function relationSum(backend: HostMemory, args: KernelArgs): tf.TensorInfo {
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
	return backend.write([bs, n, h], out);
}

function attend(backend: HostMemory, args: KernelArgs): tf.TensorInfo {
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
	return backend.write([bs, nq, width], out);
}

function gatherRows(backend: HostMemory, args: KernelArgs): tf.TensorInfo {
	const table = input(args.inputs, 'table');
	const ids = input(args.inputs, 'ids');
	const [rows, dim] = table.shape;
	const t = floats(backend, table, 'table');
	const id = backend.read(ids);
	const out = new Float32Array(id.length * dim);
	for (let i = 0; i < id.length; i++) {
		// `| 0` truncates as a cast to int32 does, and turns NaN into 0.
		const row = Math.min(Math.max(id[i] | 0, 0), rows - 1);
		out.set(t.subarray(row * dim, (row + 1) * dim), i * dim);
	}
	return backend.write([...ids.shape, dim], out);
}

function groupRank(backend: HostMemory, args: KernelArgs): tf.TensorInfo {
	const [bs, n, , p] = input(args.inputs, 'pairs').shape;
	const start = args.attrs?.start as number;
	const count = args.attrs?.count as number;
	const match = floats(backend, input(args.inputs, 'match'), 'match');
	const pairs = floats(backend, input(args.inputs, 'pairs'), 'pairs');
	const mask = floats(backend, input(args.inputs, 'mask'), 'mask');
	const named = new Float32Array(n);
	const out = new Float32Array(bs * n * 4 * count);
	for (let b = 0; b < bs; b++) {
		for (let j = 0; j < n; j++) named[j] = mask[b * n + j] / (1 + Math.exp(-match[b * n + j]));
		for (let i = 0; i < n; i++) {
			const o = (b * n + i) * 4 * count;
			for (let k = 0; k < count; k++) {
				let c = 0;
				for (let j = 0; j < n; j++) c += named[j] * pairs[((b * n + i) * n + j) * p + start + k];
				out[o + 4 * k] = Math.exp(-4 * c * c);
				out[o + 4 * k + 1] = Math.exp(-4 * (c - 1) * (c - 1));
				out[o + 4 * k + 2] = Math.exp(-4 * (c - 2) * (c - 2));
				out[o + 4 * k + 3] = 1 / (1 + Math.exp(-6 * (c - 2.5)));
			}
		}
	}
	return backend.write([bs, n, 4 * count], out);
}

/**
 * `XrDense` on WASM: XNNPACK's SIMD matMul beats the JavaScript loop over the heap ~4× at these
 * sizes, so this calls the backend's own fused matMul kernel — directly, on views of the operands
 * as rank 3 (a tensor info is a data id and a shape, like a reshape's output), which saves the
 * half-dozen reshape kernels `tf.fused.matMul` wraps around one product.
 */
function wasmDense(args: KernelArgs): tf.TensorInfo {
	const backend = args.backend as WasmBackend;
	const x = input(args.inputs, 'x');
	const w = input(args.inputs, 'w');
	const bias = args.inputs.bias;
	const activation = args.attrs?.activation as DenseActivation;
	const [k, n] = w.shape;
	if (x.shape[x.shape.length - 1] !== k)
		throw new Error(`XrDense: input depth ${x.shape} does not match weight ${w.shape}`);
	if (x.dtype !== 'float32') throw new Error(`XrDense: x must be float32, got ${x.dtype}`);
	const m = x.shape.reduce((a, b) => a * b, 1) / k;
	const matMul = wasmKernel('_FusedMatMul');
	const product = matMul({
		inputs: {
			a: { dataId: x.dataId, shape: [1, m, k], dtype: 'float32' },
			b: { dataId: w.dataId, shape: [1, k, n], dtype: 'float32' },
			...(bias ? { bias } : {}),
		},
		backend,
		attrs: { transposeA: false, transposeB: false, activation: activation === 'tanh' ? 'linear' : activation },
	}) as tf.TensorInfo;
	let out = product;
	// XNNPACK's fused activations have no tanh: one more kernel, and the product is freed.
	if (activation === 'tanh') {
		out = wasmKernel('Tanh')({ inputs: { x: product }, backend, attrs: {} }) as tf.TensorInfo;
		backend.disposeData(product.dataId);
	}
	return { dataId: out.dataId, shape: [...x.shape.slice(0, -1), n], dtype: 'float32' };
}

function wasmKernel(name: string): tf.KernelFunc {
	const kernel = tf.getKernel(name, 'wasm');
	if (!kernel) throw new Error(`XrDense: the WASM backend has no ${name} kernel`);
	return kernel.kernelFunc;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

if (!tf.getKernel('XrDense', 'cpu'))
	tf.registerKernel({
		kernelName: 'XrDense',
		backendName: 'cpu',
		kernelFunc: (args) => dense(cpuMemory(args.backend), args),
	});
if (!tf.getKernel('XrDense', 'wasm'))
	tf.registerKernel({ kernelName: 'XrDense', backendName: 'wasm', kernelFunc: (args) => wasmDense(args) });

for (const [backendName, memory] of [
	['cpu', cpuMemory],
	['wasm', wasmMemory],
] as const) {
	for (const [kernelName, kernel] of [
		['XrRelationSum', relationSum],
		['XrAttend', attend],
		['XrGatherRows', gatherRows],
		['XrGroupRank', groupRank],
	] as const) {
		if (!tf.getKernel(kernelName, backendName))
			tf.registerKernel({ kernelName, backendName, kernelFunc: (args) => kernel(memory(args.backend), args) });
	}
}
