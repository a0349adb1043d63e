/**
 * Chinese noun phrases → {@link Mention}. Chinese puts modifiers before the head and relations
 * as "[沙发]上的[书]", so a phrase is read right to left: the last noun is the head, a noun
 * followed by a locative word (上, 旁边, 里, 下面…) is what the head relates to, and the words
 * between are the head's modifiers. Nouns are found by longest match, exactly or by fuzzy pinyin
 * among the nouns of objects present ("被子" for "杯子" when there is a cup and no quilt).
 */

import { lookupTable } from '../../runtime/lookupTable.js';
import type { ColorName, SoundClass } from '../scenario.js';
import { COLOR_LEXICON } from './lexicon.js';
import { emptyMention, type Mention, type RelationType } from './Mention.js';
import type { NounIndex } from './NounIndex.js';

const COLORS: [string, ColorName][] = [];
for (const [c, w] of Object.entries(COLOR_LEXICON)) for (const x of w.zh) COLORS.push([x, c as ColorName]);
COLORS.sort((a, b) => b[0].length - a[0].length);

const LOCATIVES: [string, RelationType][] = [
	['上面', 'on'],
	['上边', 'on'],
	['上头', 'on'],
	['顶上', 'on'],
	['上', 'on'],
	['里面', 'in'],
	['里边', 'in'],
	['里头', 'in'],
	['里', 'in'],
	['内', 'in'],
	['中', 'in'],
	['旁边', 'near'],
	['边上', 'near'],
	['旁', 'near'],
	['附近', 'near'],
	['跟前', 'near'],
	['那边', 'near'],
	['边', 'near'],
	['下面', 'under'],
	['下边', 'under'],
	['底下', 'under'],
	['下方', 'under'],
	['下', 'under'],
	['前面', 'front'],
	['前边', 'front'],
	['前', 'front'],
	['后面', 'behind'],
	['后边', 'behind'],
	['后', 'behind'],
	['左边', 'left'],
	['左侧', 'left'],
	['右边', 'right'],
	['右侧', 'right'],
];

const OWNERS: Record<string, string> = lookupTable({
	老师: 'teacher',
	教师: 'teacher',
	医生: 'doctor',
	大夫: 'doctor',
	护士: 'nurse',
	学生: 'student',
	经理: 'manager',
	老板: 'boss',
	妈妈: 'mom',
	爸爸: 'dad',
	宝宝: 'baby',
	孩子: 'kid',
	病人: 'patient',
	客人: 'guest',
	同事: 'colleague',
	我: 'my',
	你: 'your',
});

const SOUNDS: [RegExp, SoundClass | 'any'][] = [
	[/(铃|响铃|叮铃|电话响)/, 'phone_ring'],
	[/(闹铃|报警|嘀|哔|滴滴)/, 'alarm'],
	[/(音乐|歌|唱)/, 'music'],
	[/(说话|讲话|聊天|人声)/, 'speech'],
	[/(狗叫|汪|狗在叫)/, 'dog'],
	[/(敲门|敲|咚|砰|笃)/, 'knock'],
	[/(嗡)/, 'hum'],
	[/(滴水|流水|水声)/, 'water'],
	[/(响|声音|动静|叫)/, 'any'],
];

const CN_NUM: Record<string, number> = lookupTable({
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9,
	十: 10,
});

interface NounAt {
	start: number;
	end: number;
	word: string;
	labels: Set<string>;
	ids: Set<string>;
	fuzzy: boolean;
}

/** Every noun in the text, longest first, not overlapping. */
function findNouns(text: string, nouns: NounIndex): NounAt[] {
	const found: NounAt[] = [];
	let i = 0;
	while (i < text.length) {
		let hit: NounAt | null = null;
		for (let n = Math.min(6, text.length - i); n >= 1 && !hit; n--) {
			const w = text.slice(i, i + n);
			if (/^\s|\s$/.test(w)) continue;
			const exact = nouns.exact(w);
			if (exact && (exact.labels.size || exact.ids.size))
				hit = { start: i, end: i + n, word: w, labels: exact.labels, ids: exact.ids, fuzzy: false };
			else if (n >= 2 && /^\p{Script=Han}+$/u.test(w)) {
				const fuzzy = nouns.inexact(w);
				if (fuzzy) hit = { start: i, end: i + n, word: w, labels: fuzzy.labels, ids: fuzzy.ids, fuzzy: true };
			}
		}
		if (hit) {
			found.push(hit);
			i = hit.end;
		} else i++;
	}
	// A latin word ("laptop") said inside Chinese.
	return found;
}

/** Reads a Chinese noun phrase into a mention. */
export function readChineseMention(text: string, nouns: NounIndex, english?: NounIndex): Mention {
	const found = findNouns(text, nouns);
	if (english)
		for (const m of text.matchAll(/[a-z][a-z ]*[a-z]|[a-z]/g)) {
			const hit = english.exact(m[0].trim());
			if (hit && (hit.labels.size || hit.ids.size))
				found.push({
					start: m.index,
					end: m.index + m[0].length,
					word: m[0],
					labels: hit.labels,
					ids: hit.ids,
					fuzzy: false,
				});
		}
	found.sort((a, b) => a.start - b.start);
	if (!found.length) {
		const m = emptyMention();
		modifiers(text, m);
		const rest = text.replace(
			/[这那哪个把的它里儿边一些点最左右大小高矮近远第几红橙黄绿蓝紫粉棕黑白灰色拿起来放到在上下个]/g,
			'',
		);
		if (/\p{Script=Han}{2,}/u.test(rest) && !m.color) m.unknown = rest;
		// "白色那个", "小的": the noun is left unsaid.
		if (m.color || m.size || m.height || m.side || m.ordinal) m.anaphor = true;
		return m;
	}
	// "架子左边那个", "桌子上的": the last noun is a landmark, the head is left unsaid.
	const last = found[found.length - 1];
	const after = text.slice(last.end);
	const loc = LOCATIVES.find(([w]) => after.startsWith(w));
	if (loc && /(那个|这个|那|这|的|东西|一个)/.test(after.slice(loc[0].length))) {
		const m = emptyMention();
		m.relation = { type: loc[1], ref: readFrom(text.slice(0, last.end), found, found.length - 1, 0, nouns) };
		modifiers(after.slice(loc[0].length), m);
		return m;
	}
	return readFrom(text, found, found.length - 1, 0, nouns);
}

/** The mention headed by noun `h`, its modifiers taken from `from` up to the head. */
function readFrom(text: string, found: NounAt[], h: number, from: number, nouns: NounIndex): Mention {
	const head = found[h];
	const m = emptyMention();
	m.noun = head.word;
	m.labels = head.labels.size ? head.labels : null;
	m.ids = head.ids.size ? head.ids : null;
	if (!m.labels && !m.ids) m.labels = new Set();
	m.fuzzy = head.fuzzy;
	let modStart = from;
	// The nearest earlier noun followed by a locative is what the head relates to.
	for (let r = h - 1; r >= 0; r--) {
		const after = text.slice(found[r].end, head.start);
		const loc = LOCATIVES.find(([w]) => after.startsWith(w));
		if (loc) {
			m.relation = { type: loc[1], ref: readFrom(text, found, r, from, nouns) };
			modStart = found[r].end + loc[0].length;
			break;
		}
	}
	// Owner: "老师的桌子".
	const before = text.slice(modStart, head.start);
	// Also "医生那把椅子", "老师桌子", and "病人坐的椅子" (the one the patient sits on).
	for (const [w, en] of Object.entries(OWNERS))
		if (new RegExp(`${w}(\\p{Script=Han}?的|那|这)`, 'u').test(before) || before.endsWith(w)) {
			m.owner = en === 'my' || en === 'your' ? undefined : en;
			break;
		}
	// Modifiers may also follow the head ("杯子红色的那个", "椅子左边第二把").
	const tail = h === found.length - 1 ? text.slice(head.end) : '';
	modifiers(`${before} ${stripLocativeTail(tail)}`, m);
	// "小碗", "大书包", "矮凳子": a bare size word right before the noun (not 放大, 缩小).
	const bare = /(?<![放变调弄加扩缩])([大小高矮])$/.exec(before);
	if (bare && !m.size && !m.height) {
		if (bare[1] === '大' || bare[1] === '小') m.size = bare[1] === '大' ? 'big' : 'small';
		else m.height = bare[1] === '高' ? 'tall' : 'short';
	}
	return m;
}

function stripLocativeTail(tail: string): string {
	return /^(上|里|旁边|下面)/.test(tail) ? '' : tail;
}

/** Colour, side, ordinal, size, distance, deixis and sound words. */
function modifiers(text: string, m: Mention): void {
	for (const [w, c] of COLORS)
		if (text.includes(w)) {
			m.color = c;
			break;
		}
	const ord = /(倒数)?第([一二两三四五六七八九十\d]+)/.exec(text);
	const fromRight = /(从右|右边|右起|右数|右手边)/.test(text);
	if (ord) {
		const k = CN_NUM[ord[2]] ?? Number(ord[2]);
		m.ordinal = { k: ord[1] ? -k : k, from: fromRight ? 'right' : 'left' };
	} else if (/最后(一|那)/.test(text)) m.ordinal = { k: -1, from: fromRight ? 'right' : 'left' };
	else if (/中间/.test(text)) m.middle = true;
	else if (/(最左|左边|左侧|左手边|靠左|左面|左)/.test(text)) m.side = 'left';
	else if (/(最右|右边|右侧|右手边|靠右|右面|右)/.test(text)) m.side = 'right';
	if (/(最大|大一点|大一些|大点|大些|大的|大号|比较大|更大|大个)/.test(text) && !/(放大|变大|调大)/.test(text))
		m.size = 'big';
	else if (/(最小|小一点|小一些|小点|小些|小的|小号|比较小|更小|小个)/.test(text) && !/(缩小|变小|调小)/.test(text))
		m.size = 'small';
	if (/(最高|高一点|高的|高高|比较高|更高|高个)/.test(text)) m.height = 'tall';
	else if (/(最矮|矮一点|矮的|矮|低的|比较低)/.test(text)) m.height = 'short';
	if (/(最近|离我近|近的|近一点|靠近我|跟前的|我面前|离我最近|我旁边)/.test(text)) m.distance = 'near';
	else if (/(最远|离我远|远的|远一点|远处|离我最远|那头)/.test(text)) m.distance = 'far';
	if (/(我|我正|我在)(看着|看的|盯着|瞧着|在看)/.test(text)) m.deixis = 'gaze';
	else if (/它|他们|它们/.test(text)) m.deixis = 'it';
	else if (/(这儿|这里|这边)/.test(text) && !m.noun) m.deixis = 'here';
	else if (/(那儿|那里|那边)/.test(text) && !m.noun) m.deixis = 'there';
	else if (/这/.test(text)) m.deixis = 'this';
	else if (/那/.test(text)) m.deixis = 'that';
	for (const [re, s] of SOUNDS)
		if (re.test(text)) {
			m.sound = s;
			break;
		}
	if (/(藏起来的|隐藏的|不见的|消失的)/.test(text)) m.hidden = true;
	if (/(我手里|我拿着|手上的|手里的)/.test(text)) m.deixis = 'it';
}
