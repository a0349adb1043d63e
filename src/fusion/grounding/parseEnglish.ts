/**
 * English utterance → intent cue and referring expressions. A small hand-written grammar: a
 * request frame ("can you", "please", "I'd like"), a verb phrase, then noun phrases split at
 * prepositions, each read into a {@link Mention}. It does not try to parse everything: what it
 * cannot read it leaves to the fusion network.
 */

import { lookupTable } from '../../runtime/lookupTable.js';
import type { ColorName, Intent, SoundClass } from '../scenario.js';
import { COLOR_HOMOPHONES, COLOR_LEXICON } from './lexicon.js';
import { emptyMention, type Mention, type RelationType } from './Mention.js';
import type { NounIndex } from './NounIndex.js';
import { soundKey } from './normalize.js';
import type { Parse, Segment } from './Parse.js';

const COLORS = new Map<string, ColorName>();
for (const [c, w] of Object.entries(COLOR_LEXICON)) for (const x of w.en) COLORS.set(x, c as ColorName);
const COLOR_KEYS = new Map<string, ColorName>();
for (const c of Object.keys(COLOR_LEXICON)) COLOR_KEYS.set(soundKey(c), c as ColorName);

const ORDINALS: Record<string, number> = lookupTable({
	first: 1,
	second: 2,
	third: 3,
	fourth: 4,
	fifth: 5,
	sixth: 6,
	last: -1,
	one: 1,
	two: 2,
	three: 3,
	four: 4,
});
const SIZE: Record<string, 'big' | 'small'> = lookupTable({
	big: 'big',
	bigger: 'big',
	biggest: 'big',
	large: 'big',
	larger: 'big',
	largest: 'big',
	huge: 'big',
	giant: 'big',
	small: 'small',
	smaller: 'small',
	smallest: 'small',
	little: 'small',
	littler: 'small',
	tiny: 'small',
	mini: 'small',
});
const HEIGHT: Record<string, 'tall' | 'short'> = lookupTable({
	tall: 'tall',
	taller: 'tall',
	tallest: 'tall',
	high: 'tall',
	higher: 'tall',
	short: 'short',
	shorter: 'short',
	shortest: 'short',
	low: 'short',
	lower: 'short',
});
const DISTANCE: Record<string, 'near' | 'far'> = lookupTable({
	near: 'near',
	nearest: 'near',
	nearer: 'near',
	closest: 'near',
	close: 'near',
	closer: 'near',
	far: 'far',
	farthest: 'far',
	furthest: 'far',
	farther: 'far',
	further: 'far',
});
const DEIXIS: Record<string, Mention['deixis']> = lookupTable({
	this: 'this',
	these: 'this',
	that: 'that',
	those: 'that',
	it: 'it',
	them: 'it',
	here: 'here',
	there: 'there',
});
const SOUNDS: Record<string, SoundClass | 'any'> = lookupTable({
	ringing: 'phone_ring',
	ring: 'phone_ring',
	rings: 'phone_ring',
	beeping: 'alarm',
	beep: 'alarm',
	beeps: 'alarm',
	alarm: 'alarm',
	buzzing: 'hum',
	humming: 'hum',
	hum: 'hum',
	music: 'music',
	song: 'music',
	playing: 'music',
	singing: 'music',
	talking: 'speech',
	speaking: 'speech',
	voice: 'speech',
	voices: 'speech',
	chatting: 'speech',
	barking: 'dog',
	bark: 'dog',
	woof: 'dog',
	knocking: 'knock',
	knock: 'knock',
	tapping: 'knock',
	dripping: 'water',
	water: 'water',
	splashing: 'water',
	chiming: 'bell',
	dinging: 'bell',
	ding: 'bell',
	bell: 'bell',
	noise: 'any',
	sound: 'any',
	racket: 'any',
	clapping: 'clap',
	footsteps: 'footsteps',
});
/** Words that describe nothing: determiners, politeness, particles. */
const SKIP = new Set([
	'the',
	'a',
	'an',
	'my',
	'your',
	'our',
	'one',
	'ones',
	'thing',
	'things',
	'object',
	'item',
	'stuff',
	'please',
	'pls',
	'now',
	'again',
	'for',
	'me',
	'of',
	'and',
	'is',
	'are',
	'over',
	'up',
	'down',
	'back',
	'away',
	'there',
	'right',
	'side',
	'hand',
	'color',
	'colour',
	'colored',
	'coloured',
	'looking',
	'sitting',
	'lying',
	'standing',
	'which',
	'that',
	's',
	'some',
	'any',
	'kind',
	'very',
	'really',
	'bit',
	'more',
	'most',
	'too',
	'also',
	'thanks',
	'thank',
	'you',
	'them',
	'guy',
	'dude',
	'buddy',
	'just',
	'quickly',
	'real',
	'quick',
	'can',
	'could',
	'would',
	'will',
	'to',
	'be',
	'from',
	'in',
	'on',
	'at',
	'with',
	'all',
	'way',
	'where',
	'what',
	'whats',
	'who',
	'was',
	'here',
	'make',
	'made',
	'making',
	'its',
	'has',
	'have',
	'got',
	'exactly',
	'sorry',
	'wait',
	'no',
	'i',
	'mean',
	'not',
]);

/** Multi-word prepositions first. */
const PREPS: [string[], RelationType | 'to'][] = [
	[['on', 'top', 'of'], 'on'],
	[['in', 'front', 'of'], 'front'],
	[['to', 'the', 'left', 'of'], 'left'],
	[['to', 'the', 'right', 'of'], 'right'],
	[['on', 'the', 'left', 'of'], 'left'],
	[['on', 'the', 'right', 'of'], 'right'],
	[['left', 'of'], 'left'],
	[['right', 'of'], 'right'],
	[['next', 'to'], 'near'],
	[['closest', 'to'], 'near'],
	[['nearest', 'to'], 'near'],
	[['where'], 'near'],
	[['close', 'to'], 'near'],
	[['near', 'to'], 'near'],
	[['over', 'by'], 'near'],
	[['inside', 'of'], 'in'],
	[['in', 'back', 'of'], 'behind'],
	[['off', 'of'], 'on'],
	[['out', 'of'], 'in'],
	[['from'], 'on'],
	[['off'], 'on'],
	[['onto'], 'on'],
	[['upon'], 'on'],
	[['atop'], 'on'],
	[['on'], 'on'],
	[['into'], 'in'],
	[['inside'], 'in'],
	[['in'], 'in'],
	[['under'], 'under'],
	[['underneath'], 'under'],
	[['beneath'], 'under'],
	[['below'], 'under'],
	[['beside'], 'near'],
	[['besides'], 'near'],
	[['by'], 'near'],
	[['near'], 'near'],
	[['nearby'], 'near'],
	[['alongside'], 'near'],
	[['against'], 'near'],
	[['behind'], 'behind'],
	[['to'], 'to'],
	[['towards'], 'to'],
	[['toward'], 'to'],
	[['at'], 'near'],
	[['with'], 'near'],
];

/** Phrases that qualify the current noun rather than start a new one. */
const QUALIFIERS: [string[], Partial<Mention>][] = [
	[['on', 'the', 'left'], { side: 'left' }],
	[['on', 'the', 'right'], { side: 'right' }],
	[['on', 'my', 'left'], { side: 'left' }],
	[['on', 'my', 'right'], { side: 'right' }],
	[['on', 'your', 'left'], { side: 'left' }],
	[['on', 'your', 'right'], { side: 'right' }],
	[['to', 'the', 'left'], { side: 'left' }],
	[['to', 'the', 'right'], { side: 'right' }],
	[['to', 'my', 'left'], { side: 'left' }],
	[['to', 'my', 'right'], { side: 'right' }],
	[['on', 'the', 'end'], { side: 'right' }],
	[['in', 'the', 'middle'], { middle: true }],
	[['in', 'the', 'center'], { middle: true }],
	[['in', 'the', 'centre'], { middle: true }],
	[['in', 'the', 'back'], { distance: 'far' }],
	[['at', 'the', 'back'], { distance: 'far' }],
	[['in', 'the', 'front'], { distance: 'near' }],
	[['at', 'the', 'front'], { distance: 'near' }],
	[['in', 'front'], { distance: 'near' }],
	[['over', 'there'], { deixis: 'there' }],
	[['right', 'there'], { deixis: 'there' }],
	[['right', 'here'], { deixis: 'here' }],
	[['over', 'here'], { deixis: 'here' }],
	[['near', 'me'], { distance: 'near' }],
	[['closest', 'to', 'me'], { distance: 'near' }],
	[['nearest', 'to', 'me'], { distance: 'near' }],
	[['close', 'to', 'me'], { distance: 'near' }],
	[['next', 'to', 'me'], { distance: 'near' }],
	[['by', 'me'], { distance: 'near' }],
	[['farthest', 'from', 'me'], { distance: 'far' }],
	[['furthest', 'from', 'me'], { distance: 'far' }],
	[['far', 'from', 'me'], { distance: 'far' }],
	[['away', 'from', 'me'], { distance: 'far' }],
	[['from', 'the', 'left'], { side: undefined }],
	[['from', 'the', 'right'], { side: undefined }],
	[['from', 'left'], { side: undefined }],
	[['from', 'right'], { side: undefined }],
	[['in', 'my', 'hand'], { deixis: 'it' }],
	[['i', 'am', 'holding'], { deixis: 'it' }],
	[['i', 'm', 'holding'], { deixis: 'it' }],
	[['i', 'am', 'looking', 'at'], { deixis: 'gaze' }],
	[['i', 'm', 'looking', 'at'], { deixis: 'gaze' }],
	[['i', 'am', 'staring', 'at'], { deixis: 'gaze' }],
	[['in', 'front', 'of', 'me'], { deixis: 'gaze' }],
	[['i', 'am', 'pointing', 'at'], { deixis: 'this' }],
];

function startsWith(words: string[], at: number, phrase: string[]): boolean {
	for (let k = 0; k < phrase.length; k++) if (words[at + k] !== phrase[k]) return false;
	return true;
}

/** Splits a noun-phrase region into segments at prepositions (qualifiers stay in place). */
export function segmentEnglish(words: string[], nouns?: NounIndex): Segment[] {
	const segments: Segment[] = [{ prep: null, words: [] }];
	let i = 0;
	while (i < words.length) {
		// The longer phrase wins: "in front of the couch" is a relation, "in front of me" a qualifier.
		let q: string[] | undefined;
		for (const [x] of QUALIFIERS) if (startsWith(words, i, x) && x.length > (q?.length ?? 0)) q = x;
		const p = PREPS.find(([p]) => startsWith(words, i, p));
		// "on the left chair": "left" describes the noun that follows, and "on" opens a place.
		if (q && p && nouns && /^(left|right)$/.test(q[q.length - 1]) && nounFollows(words, i + q.length, nouns))
			q = undefined;
		// "where" opens a place only after a noun: "the desk where the book is".
		if (p && p[0][0] === 'where' && !segments[segments.length - 1].words.length) {
			segments[segments.length - 1].words.push(words[i]);
			i++;
		} else if (q && (!p || q.length >= p[0].length)) {
			segments[segments.length - 1].words.push(q.join('_'));
			i += q.length;
		} else if (p) {
			segments.push({ prep: p[1], said: p[0].join(' '), words: [] });
			i += p[0].length;
		} else {
			segments[segments.length - 1].words.push(words[i]);
			i++;
		}
	}
	// "in the, next to the keyboard": a place begun and abandoned for another.
	const abandoned = (s: Segment, k: number) =>
		k > 0 && k < segments.length - 1 && s.words.every((w) => /^(the|a|an|my|this|that)$/.test(w));
	return segments.filter((s, k) => k === 0 || (s.words.length && !abandoned(s, k)));
}

/** Whether a noun comes next, before any preposition (adjectives may come first). */
function nounFollows(words: string[], at: number, nouns: NounIndex): boolean {
	for (let j = at; j < Math.min(words.length, at + 3); j++) {
		if (PREPS.some(([p]) => startsWith(words, j, p))) return false;
		if (nouns.knows(words[j]) || (j + 1 < words.length && nouns.knows(`${words[j]} ${words[j + 1]}`))) return true;
	}
	return false;
}

/** Reads one segment's words into a mention. */
export function readEnglishMention(words: string[], nouns: NounIndex): Mention {
	const m = emptyMention();
	let fromSide: 'left' | 'right' | null = null;
	let k: number | null = null;
	for (let i = 0; i < words.length; i++) {
		const w = words[i];
		if (w.includes('_')) {
			const q = QUALIFIERS.find(([p]) => p.join('_') === w);
			if (q) {
				if (w.startsWith('from_')) fromSide = w.endsWith('left') ? 'left' : 'right';
				else Object.assign(m, q[1]);
			}
			continue;
		}
		// Nouns, longest first: "cell phone", "micro wave" (split by the recogniser), "teddy bear".
		let matched = false;
		for (let n = Math.min(3, words.length - i); n >= 1 && !matched; n--) {
			const span = words.slice(i, i + n);
			if (span.some((x) => x.includes('_'))) continue;
			for (const candidate of n > 1 ? [span.join(' '), span.join('')] : [span[0]]) {
				if (n === 1 && (SKIP.has(candidate) || COLORS.has(candidate))) break;
				const hit = nouns.exact(candidate);
				if (hit && (hit.labels.size || hit.ids.size)) {
					setNoun(m, candidate, hit.labels, hit.ids, false);
					i += n - 1;
					matched = true;
					break;
				}
			}
		}
		if (matched) continue;
		// "teacher's": the owner of the next noun.
		if (words[i + 1] === 's' && !SKIP.has(w)) {
			m.owner = w;
			i++;
			continue;
		}
		if (COLORS.has(w)) {
			m.color = COLORS.get(w);
			m.colorFuzzy = undefined;
		} else if (COLOR_HOMOPHONES[w] && !m.color) {
			m.color = COLOR_HOMOPHONES[w];
			m.colorFuzzy = true;
		} else if (w in ORDINALS && w !== 'one' && w !== 'two' && w !== 'three' && w !== 'four') k = ORDINALS[w];
		else if (w === 'middle' || w === 'center' || w === 'centre') m.middle = true;
		else if (w === 'left' || w === 'leftmost') m.side = 'left';
		else if ((w === 'right' || w === 'rightmost') && !['there', 'here', 'now', 'away'].includes(words[i + 1]))
			m.side = 'right';
		else if (w in SIZE) m.size = SIZE[w];
		else if (w in HEIGHT) m.height = HEIGHT[w];
		else if (w in DISTANCE) m.distance = DISTANCE[w];
		else if (w in DEIXIS && !(w === 'that' && m.noun === null && words[i + 1] && isVerbish(words[i + 1])))
			m.deixis ??= DEIXIS[w];
		else if (w in SOUNDS) m.sound = SOUNDS[w];
		else if (w === 'hidden' || w === 'invisible' || w === 'missing' || w === 'gone') m.hidden = true;
		else if (!SKIP.has(w) && w.length > 2 && !m.noun) {
			// A word no lexicon knows: maybe a misheard noun or colour of something present.
			const fuzzy = nouns.inexact(w);
			const key = soundKey(w);
			if (fuzzy) setNoun(m, w, fuzzy.labels, fuzzy.ids, true);
			else if (COLOR_KEYS.has(key) && !m.color && words[i + 1] !== undefined) {
				m.color = COLOR_KEYS.get(key);
				m.colorFuzzy = true;
			} else if (!isVerbish(w) && !ADJECTIVES.has(w)) m.unknown = w;
		}
	}
	// "the last chair on the right" is the one at the right end; "the last one from the left" too.
	if (k === -1 && !fromSide && m.side) k = 1;
	if (k !== null) m.ordinal = { k, from: fromSide ?? m.side ?? 'left' };
	if (m.noun) m.words = words.filter((w) => !w.includes('_') && !SKIP.has(w));
	else if (words.includes('one') || words.includes('ones')) m.anaphor = true;
	if (m.ordinal) m.side = undefined;
	if (m.noun && m.unknown) m.unknown = undefined;
	return m;
}

function setNoun(m: Mention, word: string, labels: Set<string>, ids: Set<string>, fuzzy: boolean): void {
	// The last noun of a phrase is its head ("the coffee mug": mug).
	m.noun = word;
	m.labels = labels.size ? labels : null;
	m.ids = ids.size ? ids : null;
	if (!m.labels && !m.ids) m.labels = new Set();
	m.fuzzy = fuzzy;
}

const ADJECTIVES = new Set([
	'new',
	'old',
	'empty',
	'full',
	'open',
	'closed',
	'round',
	'square',
	'wooden',
	'plastic',
	'metal',
	'glass',
	'favorite',
	'favourite',
	'other',
	'same',
	'whole',
	'nice',
	'pretty',
	'ugly',
	'dirty',
	'clean',
]);

function isVerbish(w: string): boolean {
	return /(ing|ed)$/.test(w) || ['is', 'was', 'makes', 'sounds', 'goes', 'went', 'keeps'].includes(w);
}

/** Chains segments into one mention: "the cup on the table by the window". */
export function chainEnglish(segments: Segment[], nouns: NounIndex): Mention {
	const mentions = segments.map((s) => readEnglishMention(s.words, nouns));
	for (let i = mentions.length - 2; i >= 0; i--) {
		const prep = segments[i + 1].prep;
		mentions[i].relation = { type: prep === 'to' || prep === null ? 'near' : prep, ref: mentions[i + 1] };
	}
	return mentions[0];
}

export type { Intent, Parse };
