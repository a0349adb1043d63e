/**
 * Hostile transcripts for the fuzz test: seeded, so a failure names a reproducible case. Ten kinds,
 * drawn in turn: random code points from every plane (lone surrogates included), combining-mark
 * stacks, control and invisible characters, huge strings, blanks, punctuation, real commands with
 * typing noise, mixed English/Chinese, markup/SQL/script-looking text, and JavaScript property
 * names that break lookups in plain objects ("constructor", "__proto__").
 *
 * ```ts
 * for ( const text of fuzzTranscripts( 10_000, 7 ) ) await sense.handleTranscript( text );
 * ```
 */
import { Rng } from '../../src/runtime/Rng.js';

const COMMANDS = [
	'pick up the red cup',
	'put the cup on the table',
	'what is that ringing',
	'hide the lamp',
	'delete that',
	'把那个放到桌子上',
	'拿起红色的杯子',
	'那是什么声音',
	'把灯藏起来',
	'undo',
];

const INJECTIONS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'"><svg onload=alert(document.domain)>',
	"'; DROP TABLE objects; --",
	'1 OR 1=1',
	// biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template injection, on purpose
	'${process.exit(1)}',
	'{{constructor.constructor("alert(1)")()}}',
	'javascript:alert(1)',
	'<b>pick up</b> the <i>cup</i>',
	'&lt;script&gt; &amp; &#x3C;',
	'`rm -rf /`',
	'%00%0a%0d',
	'\\u0000\\n',
];

/** Property names of Object.prototype and friends: a plain-object table lookup returns a function for them. */
const PROTO_WORDS = [
	'constructor',
	'__proto__',
	'prototype',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'isPrototypeOf',
	'propertyIsEnumerable',
	'toLocaleString',
	'__defineGetter__',
	'__lookupSetter__',
	'then',
	'length',
];

const CONTROLS = [
	'\u0000',
	'\u0007',
	'\b',
	'\t',
	'\n',
	'\r',
	'\u001b',
	'\u007f',
	'\u0085',
	'\u200b',
	'\u200c',
	'\u200d',
	'\u200e',
	'\u202e',
	'\u2066',
	'\u2028',
	'\ufeff',
	'\ufffd',
	'\ufffe',
];
const SPACES = [' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\u2028', '\u205f', '\u180e'];
const PUNCT = '.,;:!?¿¡…—–-_()[]{}<>«»"\'`~@#$%^&*+=|\\/。，、；：！？「」『』（）《》【】～·';

export type FuzzKind =
	| 'codepoints'
	| 'combining'
	| 'controls'
	| 'huge'
	| 'blank'
	| 'punctuation'
	| 'noisy'
	| 'mixed'
	| 'injection'
	| 'proto';

export const FUZZ_KINDS: FuzzKind[] = [
	'codepoints',
	'combining',
	'controls',
	'huge',
	'blank',
	'punctuation',
	'noisy',
	'mixed',
	'injection',
	'proto',
];

/** `count` transcripts; the i-th is of kind `FUZZ_KINDS[i % 10]`. */
export function fuzzTranscripts(count: number, seed: number): Array<{ kind: FuzzKind; text: string }> {
	const rng = new Rng(seed);
	const out: Array<{ kind: FuzzKind; text: string }> = [];
	let huge = 0;
	for (let i = 0; i < count; i++) {
		const kind = FUZZ_KINDS[i % FUZZ_KINDS.length];
		// A handful of 1 MB strings is enough to prove the length rule; a thousand would only be slow.
		const big = kind === 'huge' && huge++ < 6;
		out.push({ kind, text: make(kind, rng, big) });
	}
	return out;
}

function make(kind: FuzzKind, rng: Rng, big: boolean): string {
	switch (kind) {
		case 'codepoints':
			return repeat(rng.int(1, 80), () => randomCodePoint(rng));
		case 'combining':
			return repeat(rng.int(1, 12), () =>
				// A base letter or Han character under a stack of combining marks ("zalgo").
				rng
					.pick(['a', 'e', 'c', '杯', 'u', ' '])
					.concat(
						repeat(rng.int(1, 40), () =>
							String.fromCharCode(rng.pick([0x300, 0x1ab0, 0x1dc0, 0x20d0, 0xfe20]) + rng.int(0, 15)),
						),
					),
			);
		case 'controls':
			return repeat(rng.int(1, 30), () =>
				rng.chance(0.5) ? rng.pick(CONTROLS) : rng.pick(COMMANDS).slice(0, rng.int(0, 12)),
			);
		case 'huge': {
			const length = big ? 1 << 20 : rng.int(2_000, 20_000);
			const unit = rng.pick(['pick up the red cup ', '把红色的杯子放到桌子上', 'a', '😀', 'the ', 'e\u0301']);
			return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
		}
		case 'blank':
			return rng.chance(0.2) ? '' : repeat(rng.int(1, 50), () => rng.pick(SPACES));
		case 'punctuation':
			return repeat(rng.int(1, 60), () => PUNCT[rng.int(0, PUNCT.length - 1)]);
		case 'noisy':
			return typos(rng, rng.pick(COMMANDS));
		case 'mixed':
			return repeat(rng.int(2, 6), () => rng.pick(COMMANDS).slice(0, rng.int(2, 20))).replace(/\s+/g, () =>
				rng.pick([' ', '', '，', ' 😀 ', ' ', 'ㄅ']),
			);
		case 'injection':
			return rng.chance(0.5) ? rng.pick(INJECTIONS) : `${rng.pick(COMMANDS)} ${rng.pick(INJECTIONS)}`;
		case 'proto': {
			const word = rng.pick(PROTO_WORDS);
			return rng.pick([
				word,
				`pick up the ${word}`,
				`put the ${word} on the ${rng.pick(PROTO_WORDS)}`,
				`what's ${word}`,
				`the ${word}'s ${word}`,
				`把${word}放到${rng.pick(PROTO_WORDS)}上`,
			]);
		}
	}
}

function repeat(n: number, part: () => string): string {
	let s = '';
	for (let i = 0; i < n; i++) s += part();
	return s;
}

function randomCodePoint(rng: Rng): string {
	const plane = rng.next();
	// Lone surrogates are legal in JavaScript strings and come out of broken UTF-16 transports.
	if (plane < 0.05) return String.fromCharCode(rng.int(0xd800, 0xdfff));
	const cp = plane < 0.6 ? rng.int(0, 0xffff) : plane < 0.9 ? rng.int(0x10000, 0x2ffff) : rng.int(0x30000, 0x10ffff);
	return cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : String.fromCodePoint(cp);
}

function typos(rng: Rng, text: string): string {
	const chars = [...text];
	for (let n = rng.int(1, 6); n > 0; n--) {
		const at = rng.int(0, chars.length);
		const op = rng.int(0, 3);
		if (op === 0) chars.splice(at, 1);
		else if (op === 1) chars.splice(at, 0, String.fromCharCode(rng.int(0x20, 0x7e)));
		else if (op === 2 && at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
		else chars.splice(at, 0, ' ');
	}
	return chars.join('');
}
