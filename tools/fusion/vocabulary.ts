/** The fixed vocabulary of the fusion model, built from the training utterances and the catalog's words. */
import { COLOR_WORDS, FREE_LABELS_TEST, FREE_LABELS_TRAIN, KINDS } from '../../src/fusion/episodes/catalog.js';
import type { Episode } from '../../src/fusion/episodes/generateEpisode.js';
import { buildVocabulary, type Vocabulary } from '../../src/perception/tokenizer.js';

/**
 * Host labels in the free pools stay out of the vocabulary on purpose: they reach the model only
 * through hash buckets, which teaches it to match an unseen label with the same unseen word.
 */
export function fusionVocabulary(train: Episode[]): Vocabulary {
	const texts: string[] = train.map((e) => e.scenario.transcript);
	for (const k of KINDS) texts.push(...k.labels, ...k.en, ...k.zh);
	for (const c of Object.values(COLOR_WORDS)) texts.push(...c.en, ...c.zh);
	const vocab = buildVocabulary(texts, 64);
	const free = new Set([...FREE_LABELS_TRAIN, ...FREE_LABELS_TEST]);
	return { words: vocab.words.filter((w) => !free.has(w)), hashBuckets: vocab.hashBuckets };
}
