import { describe, expect, it } from 'vitest';
import { buildVocabulary, encode, fnv1a, PAD, toIds, tokenize, UNK } from '../../src/perception/tokenizer.js';

describe('tokenize', () => {
	it('lower-cases English, drops punctuation and fillers, expands contractions', () => {
		expect(tokenize('Um, pick up the RED cup!')).toEqual(['pick', 'up', 'the', 'red', 'cup']);
		expect(tokenize("What's that?  uh   the lamp's light")).toEqual(['what', 'is', 'that', 'the', 'lamp', 'light']);
		expect(tokenize('the 2nd chair')).toEqual(['the', 'second', 'chair']);
	});

	it('segments Chinese into words and drops Chinese fillers', () => {
		const tokens = tokenize('嗯，把红色的杯子放到桌子上');
		expect(tokens).toContain('杯子');
		expect(tokens).toContain('桌子');
		expect(tokens).not.toContain('嗯');
		expect(tokens.join('')).toBe('把红色的杯子放到桌子上');
	});

	it('handles mixed languages and empty input', () => {
		expect(tokenize('把 globe 拿起来')).toContain('globe');
		expect(tokenize('')).toEqual([]);
		expect(tokenize('  ,,, ')).toEqual([]);
	});

	it('is deterministic', () => {
		const text = '请把左边第二个椅子转一下 please';
		expect(tokenize(text)).toEqual(tokenize(text));
	});
});

describe('vocabulary and ids', () => {
	const vocab = buildVocabulary(['pick up the cup', '拿起杯子', '把杯子放到桌子上'], 16);

	it('reserves pad and unknown, sorts words', () => {
		expect(vocab.words[PAD]).toBe('<pad>');
		expect(vocab.words[UNK]).toBe('<unk>');
		const rest = vocab.words.slice(2);
		expect(rest).toEqual([...rest].sort());
		expect(rest).toContain('cup');
		expect(rest).toContain('杯');
	});

	it('falls back to characters for unknown Chinese words', () => {
		const ids = toIds(['杯桌'], vocab);
		expect(ids).toEqual([vocab.words.indexOf('杯'), vocab.words.indexOf('桌')]);
	});

	it('hashes unknown words into stable buckets, the same in transcript and label', () => {
		const a = toIds(['gizmo'], vocab)[0];
		expect(a).toBeGreaterThanOrEqual(vocab.words.length);
		expect(a).toBe(vocab.words.length + (fnv1a('gizmo') % 16));
		expect(toIds(['gizmo'], vocab)[0]).toBe(a);
		expect(toIds(['gizmo'], { ...vocab, hashBuckets: 0 })[0]).toBe(UNK);
	});

	it('pads and keeps the end of long utterances', () => {
		expect([...encode(['pick', 'up'], vocab, 4)]).toEqual([
			vocab.words.indexOf('pick'),
			vocab.words.indexOf('up'),
			0,
			0,
		]);
		const long = encode(['pick', 'up', 'the', 'cup'], vocab, 2);
		expect([...long]).toEqual([vocab.words.indexOf('the'), vocab.words.indexOf('cup')]);
	});
});
