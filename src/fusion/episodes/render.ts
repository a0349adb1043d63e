/**
 * Turns an episode's intent and descriptions into words, English or Chinese, through the
 * paraphrase grammar; adds hesitations and speech-recognition slips. In the test split every
 * utterance uses at least one held-out family (the last entry of a list of four or more).
 */

import { fnv1a } from '../../perception/tokenizer.js';
import type { Rng } from '../../runtime/Rng.js';
import type { Intent } from '../scenario.js';
import { COLOR_WORDS, SOUND_WORDS } from './catalog.js';
import { CHITCHAT, COMMANDS, HESITATIONS, type Language, MOVE_THERE, REFS, SLIPS, WORDS, WRAPPERS } from './phrases.js';
import type { Ref } from './reference.js';

export type Split = 'train' | 'test';

export interface Utterance {
	text: string;
	/** Which templates made it (language, intent, template indices). */
	family: string;
}

interface DraftLike {
	intent: Intent;
	ref: Ref | null;
	destRef: Ref | null;
	context: { lang: Language };
}

/**
 * Picks list entries and records which, so the utterance's family (command × wrapper × reference
 * templates) is known. A quarter of the families, chosen by hash, belong to the test split only:
 * the test has every word and template in new combinations. Chit-chat keeps its last four
 * sentences for the test.
 */
class Chooser {
	readonly picks: string[] = [];
	constructor(private readonly rng: Rng) {}

	pick(slot: string, list: readonly string[]): string {
		const i = this.rng.int(0, list.length - 1);
		this.picks.push(`${slot}${i}`);
		return list[i];
	}
}

/** Whether a family of phrasings is reserved for the test split. */
export function isTestFamily(family: string): boolean {
	return fnv1a(family) % 4 === 0;
}

export function renderUtterance(rng: Rng, split: Split, ep: DraftLike): Utterance | null {
	const lang = ep.context.lang;
	if (ep.intent === 'none') {
		const list = CHITCHAT[lang];
		// Training also hears chit-chat words in new orders, so "not a command" is learned from the
		// absence of command words rather than from a few whole sentences.
		// Some of those words are made up, so an unknown word alone does not read as a command.
		if (split === 'train' && rng.chance(0.35)) {
			const words = list.slice(0, -4).flatMap((s) => s.split(lang === 'en' ? ' ' : ''));
			const n = rng.int(lang === 'en' ? 2 : 3, lang === 'en' ? 6 : 8);
			const word = () => (rng.chance(0.25) ? madeUpWord(rng, lang) : rng.pick(words));
			const text = Array.from({ length: n }, word).join(lang === 'en' ? ' ' : '');
			return { text: addSpeechNoise(rng, text, lang), family: `${lang}|none|mixed` };
		}
		const i = split === 'train' ? rng.int(0, list.length - 5) : rng.int(list.length - 4, list.length - 1);
		const text = rng.chance(0.05) ? '' : list[i];
		return { text: addSpeechNoise(rng, text, lang), family: `${lang}|none|${i}` };
	}
	for (let attempt = 0; attempt < 40; attempt++) {
		const chooser = new Chooser(rng);
		const text = compose(rng, chooser, ep);
		if (text === null) return null;
		const family = `${lang}|${ep.intent}|${chooser.picks.join('|')}`;
		if (isTestFamily(family) !== (split === 'test')) continue;
		return { text: addSpeechNoise(rng, text, lang), family };
	}
	return null;
}

function compose(rng: Rng, ch: Chooser, ep: DraftLike): string | null {
	const lang = ep.context.lang;
	if (ep.intent === 'none') return null;
	let command: string;
	if (ep.intent === 'move' && ep.destRef?.type === 'pointer') command = ch.pick('command', MOVE_THERE[lang]);
	else command = ch.pick('command', COMMANDS[lang][ep.intent]);
	const t = ep.ref ? renderRef(rng, ch, ep.ref, lang) : '';
	if (t === null) return null;
	const d = ep.destRef && ep.destRef.type !== 'pointer' ? renderRef(rng, ch, ep.destRef, lang, 'dest') : '';
	if (d === null) return null;
	const wrappers = ep.intent === 'describe' ? WRAPPERS[lang].question : WRAPPERS[lang].command;
	const core = command.replace('{T}', t).replace('{D}', d);
	return ch.pick('wrapper', wrappers).replace('{C}', core);
}

function renderRef(rng: Rng, ch: Chooser, ref: Ref, lang: Language, slot = 'ref'): string | null {
	const refs = REFS[lang];
	const withNoun = (list: string[], noun?: string) => list.filter((s) => s.includes('{n}') === (noun !== undefined));
	let list: string[];
	const fill: Record<string, string> = {};
	switch (ref.type) {
		case 'category':
		case 'hidden':
			list = refs[ref.type];
			break;
		case 'color':
			list = refs.color;
			fill.c = rng.pick(COLOR_WORDS[ref.color][lang]);
			break;
		case 'side':
			list = refs.side;
			fill.side = WORDS[lang][ref.side];
			break;
		case 'distance':
			list = refs[ref.which];
			if (lang === 'en') fill.sup = rng.pick(WORDS.en[ref.which]);
			break;
		case 'ordinal':
			list = refs.ordinal;
			fill.side = WORDS[lang][ref.side];
			fill.k = WORDS[lang].ordinals[ref.k - 1];
			break;
		case 'size':
			list = lang === 'en' ? refs.size : refs[ref.which];
			if (lang === 'en') fill.sup = rng.pick(WORDS.en[ref.which]);
			break;
		case 'support':
			list = refs.support;
			fill.s = ref.support;
			break;
		case 'pointer':
		case 'gaze':
		case 'held':
			list = withNoun(refs[ref.type], ref.noun);
			break;
		case 'sound': {
			if (!ref.sound) {
				list = refs.noise;
				break;
			}
			const words = SOUND_WORDS[ref.sound];
			if (!words) return null;
			fill.snd = rng.pick(words[lang]);
			const base = lang === 'en' && fill.snd.includes(' ') ? refs.soundPhrase : refs.sound;
			list = withNoun(base, ref.noun);
			break;
		}
	}
	if ('noun' in ref && ref.noun !== undefined) fill.n = ref.noun;
	if (!list.length) return null;
	let text = ch.pick(slot, list);
	for (const [k, v] of Object.entries(fill)) text = text.replaceAll(`{${k}}`, v);
	return text.includes('{') ? null : text;
}

/** Hesitations, repeated words and recogniser slips, as real transcripts have. */
function addSpeechNoise(rng: Rng, text: string, lang: Language): string {
	if (lang === 'en') {
		const words = text.split(' ').filter(Boolean);
		if (rng.chance(0.06)) {
			const slips = words.map((w, i) => (SLIPS.en[w] ? i : -1)).filter((i) => i >= 0);
			if (slips.length) {
				const i = rng.pick(slips);
				words[i] = SLIPS.en[words[i]];
			}
		}
		if (words.length && rng.chance(0.12)) words.splice(rng.int(0, words.length - 1), 0, rng.pick(HESITATIONS.en));
		if (words.length && rng.chance(0.05)) {
			const i = rng.int(0, words.length - 1);
			words.splice(i, 0, words[i]);
		}
		let out = words.join(' ');
		if (rng.chance(0.15)) out = out.charAt(0).toUpperCase() + out.slice(1) + rng.pick(['.', '?', '!', '']);
		return out;
	}
	let out = text;
	if (rng.chance(0.06)) {
		const found = Object.keys(SLIPS.zh).filter((w) => out.includes(w));
		if (found.length) {
			const w = rng.pick(found);
			out = out.replace(w, SLIPS.zh[w]);
		}
	}
	if (out && rng.chance(0.12)) {
		const at = rng.chance(0.5) ? 0 : rng.int(0, out.length);
		out = `${out.slice(0, at)}${rng.pick(HESITATIONS.zh)}${rng.chance(0.5) ? '，' : ''}${out.slice(at)}`;
	}
	if (rng.chance(0.15)) out += rng.pick(['。', '？', '！']);
	return out;
}

/** A word no phrase list has: Latin letters, or one to two CJK characters. */
function madeUpWord(rng: Rng, lang: Language): string {
	if (lang === 'zh')
		return Array.from({ length: rng.int(1, 2) }, () => String.fromCodePoint(rng.int(0x4e00, 0x9fa5))).join('');
	return Array.from({ length: rng.int(3, 7) }, () => String.fromCharCode(rng.int(97, 122))).join('');
}
