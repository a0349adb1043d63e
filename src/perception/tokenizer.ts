/**
 * The tokenizer shared by training and inference: English words lower-cased with punctuation,
 * contractions and filler words handled; Chinese split by `Intl.Segmenter('zh', { granularity:
 * 'word' })`, falling back to single characters when a segment is not in the vocabulary (ICU
 * versions segment slightly differently, characters do not). Pure and deterministic.
 *
 * ```ts
 * tokenize( 'Um, pick up the RED cup!' ); // ['pick', 'up', 'the', 'red', 'cup']
 * const ids = encode( tokenize( '把杯子放到桌子上' ), vocab, 24 );
 * ```
 */
import { lookupTable } from '../runtime/lookupTable.js';

/** Filler words and hesitations that carry no meaning for the scene. */
const FILLERS = new Set([
	'um',
	'umm',
	'uh',
	'uhh',
	'er',
	'erm',
	'ah',
	'hmm',
	'hm',
	'mm',
	'uhm',
	'嗯',
	'呃',
	'啊',
	'额',
]);

/** Contractions expanded so "what's" and "what is" share tokens. */
const CONTRACTIONS: Record<string, string[]> = lookupTable({
	"what's": ['what', 'is'],
	"that's": ['that', 'is'],
	"it's": ['it', 'is'],
	"there's": ['there', 'is'],
	"who's": ['who', 'is'],
	"where's": ['where', 'is'],
	"let's": ['let', 'us'],
	"i'm": ['i', 'am'],
	"don't": ['do', 'not'],
	"can't": ['can', 'not'],
	"won't": ['will', 'not'],
	"isn't": ['is', 'not'],
	"i'd": ['i', 'would'],
	"you're": ['you', 'are'],
});

const ORDINAL_DIGITS: Record<string, string> = lookupTable({
	'1st': 'first',
	'2nd': 'second',
	'3rd': 'third',
	'4th': 'fourth',
	'5th': 'fifth',
	'6th': 'sixth',
});

const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Special token ids: 0 pads, 1 is the unknown word; hash buckets follow the fixed vocabulary. */
export const PAD = 0;
export const UNK = 1;

/** A fixed vocabulary: words → ids, plus hash buckets for words outside it. */
export interface Vocabulary {
	/** Words in id order; index 0 is `<pad>`, 1 is `<unk>`. */
	words: string[];
	/** Out-of-vocabulary words hash into this many extra ids after `words` (0 → all map to `<unk>`). */
	hashBuckets: number;
}

/** Splits text into normalised tokens (no vocabulary needed). */
export function tokenize(text: string): string[] {
	const out: string[] = [];
	const normal = text.normalize('NFKC').toLowerCase().replace(/[’`´]/g, "'");
	for (const part of segmenter.segment(normal)) {
		if (!part.isWordLike) continue;
		const word = part.segment;
		if (HAN.test(word)) {
			if (!FILLERS.has(word)) out.push(word);
			continue;
		}
		for (const piece of word.split(/[^\p{L}\p{N}']+/u)) pushEnglish(piece, out);
	}
	return out;
}

function pushEnglish(raw: string, out: string[]): void {
	const word = raw.replace(/^'+|'+$/g, '');
	if (!word || FILLERS.has(word)) return;
	const expanded = CONTRACTIONS[word];
	if (expanded) {
		out.push(...expanded);
		return;
	}
	if (ORDINAL_DIGITS[word]) {
		out.push(ORDINAL_DIGITS[word]);
		return;
	}
	if (word.endsWith("'s")) {
		out.push(word.slice(0, -2));
		return;
	}
	out.push(word.replace(/'/g, ''));
}

/**
 * Maps tokens to ids. A Chinese token outside the vocabulary is split into its characters; any
 * word still unknown goes to a hash bucket (so an unseen host label in the transcript and in an
 * object's label get the same id) or `<unk>`.
 */
export function toIds(tokens: readonly string[], vocab: Vocabulary, index = indexOf(vocab)): number[] {
	const ids: number[] = [];
	for (const token of tokens) {
		const id = index.get(token);
		if (id !== undefined) ids.push(id);
		else if (HAN.test(token) && token.length > 1) for (const ch of token) ids.push(lookup(ch, vocab, index));
		else ids.push(lookup(token, vocab, index));
	}
	return ids;
}

/** Token ids padded (with {@link PAD}) or truncated to `length`; keeps the end of long utterances. */
export function encode(
	tokens: readonly string[],
	vocab: Vocabulary,
	length: number,
	index = indexOf(vocab),
): Int32Array {
	const ids = toIds(tokens, vocab, index);
	const out = new Int32Array(length);
	const kept = ids.length > length ? ids.slice(ids.length - length) : ids;
	out.set(kept);
	return out;
}

const indexes = new WeakMap<Vocabulary, Map<string, number>>();

/** The word → id map of a vocabulary (cached). */
export function indexOf(vocab: Vocabulary): Map<string, number> {
	let index = indexes.get(vocab);
	if (!index) {
		index = new Map(vocab.words.map((w, i) => [w, i]));
		indexes.set(vocab, index);
	}
	return index;
}

function lookup(token: string, vocab: Vocabulary, index: Map<string, number>): number {
	const id = index.get(token);
	if (id !== undefined) return id;
	if (vocab.hashBuckets <= 0) return UNK;
	return vocab.words.length + (fnv1a(token) % vocab.hashBuckets);
}

/** Total number of ids a vocabulary produces (words plus hash buckets). */
export function vocabSize(vocab: Vocabulary): number {
	return vocab.words.length + Math.max(0, vocab.hashBuckets);
}

/** FNV-1a 32-bit hash: stable across platforms, so hash buckets agree in Node and the browser. */
export function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/**
 * Builds a vocabulary from a corpus: every token seen at least `minCount` times, plus every single
 * Chinese character (the fallback for unseen segments), sorted for determinism.
 */
export function buildVocabulary(texts: Iterable<string>, hashBuckets = 64, minCount = 1): Vocabulary {
	const counts = new Map<string, number>();
	const add = (w: string) => counts.set(w, (counts.get(w) ?? 0) + 1);
	for (const text of texts) {
		for (const token of tokenize(text)) {
			add(token);
			if (HAN.test(token) && token.length > 1) for (const ch of token) add(ch);
		}
	}
	const words = [...counts.entries()]
		.filter(([w, n]) => n >= minCount || (HAN.test(w) && w.length === 1))
		.map(([w]) => w)
		.sort();
	return { words: ['<pad>', '<unk>', ...words], hashBuckets };
}
