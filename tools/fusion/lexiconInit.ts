/**
 * A lexical prior for the embedding, standing in for pretrained word vectors: the words for one
 * kind of object (its labels, English and Chinese nouns) start from one shared random vector, and
 * so do the words for one colour. The network then only has to learn "same vector → match" once,
 * instead of every word pair separately; everything is still trained.
 */
import * as tf from '@tensorflow/tfjs';
import { COLOR_WORDS, KINDS } from '../../src/fusion/episodes/catalog.js';
import { indexOf, tokenize, type Vocabulary } from '../../src/perception/tokenizer.js';
import { Rng } from '../../src/runtime/Rng.js';

export function lexicalGroups(): string[][] {
	const groups: string[][] = KINDS.map((k) => [...k.labels, ...k.en, ...k.zh]);
	for (const [name, words] of Object.entries(COLOR_WORDS)) groups.push([name, ...words.en, ...words.zh]);
	return groups;
}

/** Overwrites rows of the `embedding` layer's table; words already claimed by an earlier group keep their vector. */
export function applyLexicalPrior(net: tf.LayersModel, vocab: Vocabulary, seed: number, scale = 0.1): number {
	const layer = net.getLayer('embedding');
	const [table] = layer.getWeights();
	const values = table.arraySync() as number[][];
	const index = indexOf(vocab);
	const rng = new Rng(seed + 77);
	const claimed = new Set<number>();
	for (const group of lexicalGroups()) {
		const vector = values[0].map(() => rng.uniform(-scale, scale));
		for (const phrase of group)
			for (const token of tokenize(phrase)) {
				const id = index.get(token);
				if (id === undefined || claimed.has(id)) continue;
				claimed.add(id);
				values[id] = vector.map((v) => v + rng.uniform(-scale / 10, scale / 10));
			}
	}
	const updated = tf.tensor2d(values);
	layer.setWeights([updated]);
	updated.dispose();
	return claimed.size;
}
