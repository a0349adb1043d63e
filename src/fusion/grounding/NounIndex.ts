/**
 * The nouns that can name something, for one scene and one language: every lexicon word (so a
 * banana that is not there is still recognised as a banana), plus the scene's own free labels and
 * host names. Lookups go exact → sound-alike / fuzzy pinyin → one edit away, and the inexact ones
 * only match nouns of objects that are actually present, so a misheard word finds what is there.
 */
import type { ScenarioObject } from '../scenario.js';
import { NOUNS } from './lexicon.js';
import { editDistance, pinyinKey, soundKey } from './normalize.js';

export interface NounHit {
	/** The noun as said. */
	word: string;
	labels: Set<string>;
	ids: Set<string>;
	fuzzy: boolean;
	/** Words (en) or characters (zh) the noun spans. */
	length: number;
}

type Lang = 'en' | 'zh';

interface Entry {
	labels: Set<string>;
	ids: Set<string>;
	present: boolean;
}

const STATIC: Record<Lang, Map<string, Set<string>>> = { en: new Map(), zh: new Map() };
for (const n of NOUNS)
	for (const lang of ['en', 'zh'] as const)
		for (const w of n[lang]) {
			const set = STATIC[lang].get(w) ?? new Set<string>();
			for (const l of n.labels) set.add(l);
			STATIC[lang].set(w, set);
		}

/** Lexicon words in lexicon order, and for each canonical label the lexicon words that name it. */
const ORDER: Record<Lang, Map<string, number>> = { en: new Map(), zh: new Map() };
const WORDS_OF_LABEL: Record<Lang, Map<string, string[]>> = { en: new Map(), zh: new Map() };
const LONGEST: Record<Lang, number> = { en: 0, zh: 0 };
const NO_IDS: ReadonlySet<string> = new Set();
for (const lang of ['en', 'zh'] as const)
	for (const [w, labels] of STATIC[lang]) {
		ORDER[lang].set(w, ORDER[lang].size);
		for (const l of labels) WORDS_OF_LABEL[lang].set(l, [...(WORDS_OF_LABEL[lang].get(l) ?? []), w]);
		LONGEST[lang] = Math.max(LONGEST[lang], spanOf(lang, w));
	}

/** Fuzzy keys of words seen before: the lexicon's are computed once, not per scene. */
const KEYS: Record<Lang, Map<string, string>> = { en: new Map(), zh: new Map() };
const MAX_CACHED = 20000;

function keyOf(lang: Lang, word: string): string {
	const cache = KEYS[lang];
	let key = cache.get(word);
	if (key === undefined) {
		key = lang === 'en' ? word.split(' ').map(soundKey).join(' ') : pinyinKey(word).join(' ');
		if (cache.size < MAX_CACHED) cache.set(word, key);
	}
	return key;
}

export class NounIndex {
	/**
	 * Only the words this scene adds or changes (its free labels and names, and lexicon words its
	 * objects extend); the rest of the lexicon is read from the shared tables, not copied per scene.
	 */
	private readonly own = new Map<string, Entry>();
	/** Words that name something present, in lexicon order and then in the scene's order. */
	private readonly presentWords: string[] = [];
	private readonly present = new Set<string>();
	private readonly fuzzyKeys = new Map<string, string[]>();
	readonly longest: number;

	constructor(
		readonly lang: Lang,
		readonly objects: ScenarioObject[],
	) {
		const lexicon = STATIC[lang];
		for (const o of objects) {
			const label = o.label.toLowerCase();
			// A free label ("whiteboard marker") is its own noun, and so is its last word.
			const words = [label, ...(lang === 'en' ? [label.split(' ').pop()!] : [])];
			if (o.name) {
				const name = o.name.toLowerCase();
				words.push(name);
				if (lang === 'en')
					words.push(
						name
							.replace(/^.*'s /, '')
							.split(' ')
							.pop()!,
					);
			}
			for (const w of words) {
				let e = this.own.get(w);
				if (!e) {
					e = { labels: new Set(lexicon.get(w)), ids: new Set(), present: false };
					this.own.set(w, e);
				}
				if (lexicon.has(w) && !o.name) e.labels.add(label);
				else e.ids.add(o.id);
			}
		}
		// Which words name something present: only those take inexact matches.
		const labels = new Set(objects.map((o) => o.label.toLowerCase()));
		for (const e of this.own.values())
			e.present = objects.some((o) => e.ids.has(o.id) || e.labels.has(o.label.toLowerCase()));
		const named: string[] = [];
		for (const l of labels) for (const w of WORDS_OF_LABEL[lang].get(l) ?? []) if (!this.own.has(w)) named.push(w);
		for (const [w, e] of this.own) if (e.present && lexicon.has(w)) named.push(w);
		const order = ORDER[lang];
		const inLexicon = [...new Set(named)].sort((a, b) => order.get(a)! - order.get(b)!);
		const added = [...this.own].filter(([w, e]) => e.present && !lexicon.has(w)).map(([w]) => w);
		for (const w of [...inLexicon, ...added]) {
			this.present.add(w);
			this.presentWords.push(w);
			const key = keyOf(lang, w);
			this.fuzzyKeys.set(key, [...(this.fuzzyKeys.get(key) ?? []), w]);
		}
		let longest = LONGEST[lang];
		for (const w of this.own.keys()) longest = Math.max(longest, spanOf(lang, w));
		this.longest = longest;
	}

	private entry(word: string): Entry | undefined {
		const own = this.own.get(word);
		if (own) return own;
		const labels = STATIC[this.lang].get(word);
		return labels && { labels, ids: NO_IDS as Set<string>, present: this.present.has(word) };
	}

	/**
	 * The noun spelled exactly so, if any. When it names nothing present but sounds like a noun of
	 * something present ("被子" quilt, said where there is a cup, 杯子, and no quilt), the present
	 * one wins: a recogniser's slip is likelier than a request for something absent.
	 */
	exact(word: string): NounHit | null {
		const e = this.entry(word) ?? (this.lang === 'en' ? this.entry(singular(word)) : undefined);
		if (!e) return null;
		if (!e.present && (this.lang === 'zh' || word.length >= 4)) {
			const alike = this.inexact(word);
			if (alike) return alike;
		}
		return { word, labels: e.labels, ids: e.ids, fuzzy: false, length: this.span(word) };
	}

	/** A noun of something present that sounds like `word` (or is one edit away, for long words). */
	inexact(word: string): NounHit | null {
		const key = keyOf(this.lang, word);
		const found = this.fuzzyKeys.get(key);
		if (found) return this.hit(word, found[0]);
		if (this.lang === 'en' && word.length >= 5)
			for (const w of this.presentWords) if (w.length >= 5 && editDistance(word, w, 1) <= 1) return this.hit(word, w);
		return null;
	}

	/** Whether `word` is a known noun at all (present or not). */
	knows(word: string): boolean {
		return this.entry(word) !== undefined || (this.lang === 'en' && this.entry(singular(word)) !== undefined);
	}

	private hit(said: string, w: string): NounHit {
		const e = this.entry(w)!;
		return { word: said, labels: e.labels, ids: e.ids, fuzzy: true, length: this.span(said) };
	}

	private span(word: string): number {
		return spanOf(this.lang, word);
	}
}

function singular(w: string): string {
	if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
	if (/(ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
	return w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** Words (en) or characters (zh) a noun spans. */
function spanOf(lang: Lang, word: string): number {
	return lang === 'en' ? word.split(' ').length : word.length;
}
