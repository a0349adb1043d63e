/**
 * Feature extraction: a scenario → fixed-size arrays for the fusion network. Pure (no tfjs), so
 * training, inference and tests share it exactly. Geometry is expressed in the viewer's frame
 * because "left", "nearest" and "this" are the viewer's words.
 *
 * ```ts
 * const f = extractFeatures( scenario, vocab );
 * f.ids[ argmax( targetScores ) ]; // the object id in that slot
 * ```
 */
import { encode, indexOf, tokenize, type Vocabulary } from '../perception/tokenizer.js';
import { angleTo, azimuthBetween, restsOn, toView, viewFrame } from './geometry.js';
import { COLOR_NAMES, type Scenario, type ScenarioObject, SOUND_CLASSES, type Vec3 } from './scenario.js';

export const MAX_TOKENS = 24;
export const MAX_OBJECTS = 16;
export const LABEL_TOKENS = 3;
/** Per-object feature width (see {@link objectFeatures} for the layout). */
export const OBJECT_FEATURES = 62;
/** Pairwise geometry width (see {@link pairFeatures}). */
export const PAIR_FEATURES = 17;
/** Where the pairwise order indicators start and how many there are (see {@link pairFeatures}). */
export const ORDER_CHANNELS = { start: 10, count: 7 } as const;

/** The arrays for one scenario; objects beyond the slots are dropped, farthest first. */
export interface FusionFeatures {
	tokens: Int32Array;
	labels: Int32Array;
	/** Token id of each object's colour name (0: none), so colours meet colour words in the embedding. */
	colors: Int32Array;
	objects: Float32Array;
	pairs: Float32Array;
	mask: Float32Array;
	/** Object id in each slot (length ≤ {@link MAX_OBJECTS}). */
	ids: string[];
}

interface Derived {
	o: ScenarioObject;
	v: Vec3;
	dist: number;
	pointerAngle: number;
	gazeAngle: number;
	soundAlign: number[];
	/** Label words, singular: objects sharing one form a group ("table" and "dining table"). */
	words: string[];
}

const GAUSS = (angle: number, width: number) => Math.exp(-((angle / width) ** 2));

/** Extracts the model's input arrays from a scenario. */
export function extractFeatures(s: Scenario, vocab: Vocabulary): FusionFeatures {
	const index = indexOf(vocab);
	const words = tokenize(s.transcript ?? '');
	const wordSet = new Set(words.map(singular));
	const frame = viewFrame(s.viewer);
	const pointer = s.pointer ?? null;
	const sounds = s.sounds ?? [];
	let derived: Derived[] = s.objects.map((o) => {
		const soundAlign = new Array(SOUND_CLASSES.length).fill(0);
		for (const snd of sounds) {
			const toObj: Vec3 = [
				o.position[0] - s.viewer.position[0],
				o.position[1] - s.viewer.position[1],
				o.position[2] - s.viewer.position[2],
			];
			const a = GAUSS(azimuthBetween(snd.direction, toObj), 0.2) * (snd.confidence ?? 1);
			const c = SOUND_CLASSES.indexOf(snd.class);
			if (c >= 0) soundAlign[c] = Math.max(soundAlign[c], a);
		}
		const v = toView(frame, o.position);
		return {
			o,
			v,
			dist: Math.hypot(v[0], v[1], v[2]),
			pointerAngle: pointer ? angleTo(pointer, o.position) : Math.PI,
			gazeAngle: angleTo(s.viewer, o.position),
			soundAlign,
			words: labelTokens(o.label).map(singular),
		};
	});
	if (derived.length > MAX_OBJECTS) derived = keepMostRelevant(derived);
	const n = derived.length;
	const tokens = encode(words, vocab, MAX_TOKENS, index);
	const labels = new Int32Array(MAX_OBJECTS * LABEL_TOKENS);
	const colors = new Int32Array(MAX_OBJECTS);
	const objects = new Float32Array(MAX_OBJECTS * OBJECT_FEATURES);
	const pairs = new Float32Array(MAX_OBJECTS * MAX_OBJECTS * PAIR_FEATURES);
	const mask = new Float32Array(MAX_OBJECTS);
	const bestPointer = pointer ? argmin(derived.map((d) => d.pointerAngle)) : -1;
	const bestGaze = argmin(derived.map((d) => d.gazeAngle));
	const bestSound = sounds.length ? argmax(derived.map((d) => Math.max(...d.soundAlign))) : -1;
	for (let i = 0; i < n; i++) {
		const d = derived[i];
		labels.set(encode(labelTokens(d.o.label), vocab, LABEL_TOKENS, index), i * LABEL_TOKENS);
		if (d.o.color) colors[i] = encode([d.o.color], vocab, 1, index)[0];
		mask[i] = 1;
		const f = objects.subarray(i * OBJECT_FEATURES, (i + 1) * OBJECT_FEATURES);
		objectFeatures(f, d, derived, wordSet, pointer !== null);
		f[28] = i === bestPointer ? 1 : 0;
		f[31] = i === bestGaze ? 1 : 0;
		f[33] = i === bestSound ? 1 : 0;
		for (let j = 0; j < n; j++) {
			pairFeatures(pairs.subarray((i * MAX_OBJECTS + j) * PAIR_FEATURES), d, derived[j], i === j);
		}
	}
	return { tokens, labels, colors, objects, pairs, mask, ids: derived.map((d) => d.o.id) };
}

/**
 * Layout: 0–10 colour one-hot, 11 no colour, 12 confidence, 13–15 position in the viewer frame
 * (right, up, forward), 16 distance, 17–18 sin/cos azimuth, 19 in front, 20 log volume, 21–23 size,
 * 24 height above floor, 25–28 pointer (present, alignment, angle, best), 29–31 gaze (alignment,
 * angle, best), 32–33 any sound (alignment by bearing, best), 34–45 alignment per sound class,
 * 46 held, 47 hidden, 48 label word said, 49 size of its label group (objects sharing a label
 * word), 50–52 first/second/third from the left in that group, 53–55 the same from the right,
 * 56–59 nearest, farthest, smallest, biggest in the group, 60–61 rank among all (near→far,
 * left→right). One-hot ranks, so "the second one" is one weight, not a threshold.
 */
function objectFeatures(f: Float32Array, d: Derived, all: Derived[], said: Set<string>, hasPointer: boolean): void {
	const o = d.o;
	const colour = o.color ? COLOR_NAMES.indexOf(o.color) : -1;
	f[colour >= 0 ? colour : 11] = 1;
	f[12] = o.confidence ?? 1;
	f[13] = clamp(d.v[0] / 3);
	f[14] = clamp(d.v[1] / 2);
	f[15] = clamp(d.v[2] / 3);
	f[16] = clamp(d.dist / 5);
	const az = Math.atan2(d.v[0], d.v[2]);
	f[17] = Math.sin(az);
	f[18] = Math.cos(az);
	f[19] = d.v[2] > 0 ? 1 : 0;
	const size = o.size ?? [0.2, 0.2, 0.2];
	f[20] = Math.log10(Math.max(1e-6, size[0] * size[1] * size[2])) / 3;
	f[21] = clamp(size[0] / 2);
	f[22] = clamp(size[1] / 2);
	f[23] = clamp(size[2] / 2);
	f[24] = clamp(o.position[1] / 2);
	if (hasPointer) {
		f[25] = 1;
		f[26] = GAUSS(d.pointerAngle, 0.2);
		f[27] = d.pointerAngle / Math.PI;
	}
	f[29] = GAUSS(d.gazeAngle, 0.2);
	f[30] = d.gazeAngle / Math.PI;
	f[32] = Math.max(...d.soundAlign);
	for (let c = 0; c < d.soundAlign.length; c++) f[34 + c] = d.soundAlign[c];
	f[46] = o.held ? 1 : 0;
	f[47] = o.hidden ? 1 : 0;
	f[48] = d.words.some((w) => said.has(w)) ? 1 : 0;
	const group = all.filter((x) => x === d || x.words.some((w) => d.words.includes(w)));
	f[49] = Math.min(1, (group.length - 1) / 4);
	if (group.length > 1) {
		oneHot(
			f,
			50,
			rank(group, d, (x) => x.v[0]),
		);
		oneHot(
			f,
			53,
			rank(group, d, (x) => -x.v[0]),
		);
		f[56] = rank(group, d, (x) => x.dist) === 0 ? 1 : 0;
		f[57] = rank(group, d, (x) => -x.dist) === 0 ? 1 : 0;
		f[58] = rank(group, d, (x) => volume(x.o)) === 0 ? 1 : 0;
		f[59] = rank(group, d, (x) => -volume(x.o)) === 0 ? 1 : 0;
	}
	f[60] = Math.min(1, rank(all, d, (x) => x.dist) / 4);
	f[61] = Math.min(1, rank(all, d, (x) => x.v[0]) / 4);
}

/**
 * Pairwise: 0–3 offsets of j from i (right, up, forward, distance), 4 gap, 5 i on j, 6 j on i,
 * 7 same label, 8 same colour, 9 self; then the order indicators that let the network count within
 * whatever group the words name: 10 j left of i, 11 j right of i, 12 j nearer, 13 j farther,
 * 14 j smaller, 15 j bigger, 16 i rests on j.
 */
function pairFeatures(f: Float32Array, a: Derived, b: Derived, self: boolean): void {
	f[0] = clamp((b.v[0] - a.v[0]) / 3);
	f[1] = clamp((b.v[1] - a.v[1]) / 2);
	f[2] = clamp((b.v[2] - a.v[2]) / 3);
	f[3] = clamp((b.dist - a.dist) / 3);
	f[4] = clamp(Math.hypot(b.v[0] - a.v[0], b.v[2] - a.v[2]) / 3);
	f[5] = !self && restsOn(a.o.position, a.o.size, b.o.position, b.o.size) ? 1 : 0;
	f[6] = !self && restsOn(b.o.position, b.o.size, a.o.position, a.o.size) ? 1 : 0;
	f[7] = a.o.label === b.o.label ? 1 : 0;
	f[8] = a.o.color !== undefined && a.o.color === b.o.color ? 1 : 0;
	f[9] = self ? 1 : 0;
	if (self) return;
	f[10] = b.v[0] < a.v[0] ? 1 : 0;
	f[11] = b.v[0] > a.v[0] ? 1 : 0;
	f[12] = b.dist < a.dist ? 1 : 0;
	f[13] = b.dist > a.dist ? 1 : 0;
	f[14] = volume(b.o) < volume(a.o) ? 1 : 0;
	f[15] = volume(b.o) > volume(a.o) ? 1 : 0;
	f[16] = f[5];
}

function oneHot(f: Float32Array, at: number, k: number): void {
	if (k < 3) f[at + k] = 1;
}

/** Rank of `d` within `group` by `key`: how many others are strictly smaller (0 = smallest). */
function rank(group: Derived[], d: Derived, key: (x: Derived) => number): number {
	const k = key(d);
	let below = 0;
	for (const x of group) if (x !== d && key(x) < k) below++;
	return below;
}

function keepMostRelevant(derived: Derived[]): Derived[] {
	const priority = (d: Derived) =>
		(d.o.held || d.o.hidden ? -100 : 0) + Math.min(d.pointerAngle, d.gazeAngle) * 2 + d.dist * 0.3;
	return [...derived].sort((a, b) => priority(a) - priority(b)).slice(0, MAX_OBJECTS);
}

function volume(o: ScenarioObject): number {
	const s = o.size ?? [0.2, 0.2, 0.2];
	return s[0] * s[1] * s[2];
}

function singular(w: string): string {
	return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

function clamp(x: number, lo = -1.5, hi = 1.5): number {
	return Math.min(hi, Math.max(lo, x));
}

function argmin(xs: number[]): number {
	let best = -1;
	for (let i = 0; i < xs.length; i++) if (best < 0 || xs[i] < xs[best]) best = i;
	return best;
}

function argmax(xs: number[]): number {
	return argmin(xs.map((x) => -x));
}

/**
 * Object labels repeat from one utterance to the next (the same room), and segmenting them with
 * `Intl.Segmenter` is a visible share of one interpretation: their tokens are kept, up to a bound.
 * The arrays are shared, so callers only read them.
 */
const LABEL_TOKENS_CACHE = new Map<string, readonly string[]>();
const MAX_LABELS_CACHED = 4096;

function labelTokens(label: string): readonly string[] {
	let tokens = LABEL_TOKENS_CACHE.get(label);
	if (!tokens) {
		if (LABEL_TOKENS_CACHE.size >= MAX_LABELS_CACHED) LABEL_TOKENS_CACHE.clear();
		tokens = tokenize(label);
		LABEL_TOKENS_CACHE.set(label, tokens);
	}
	return tokens;
}
