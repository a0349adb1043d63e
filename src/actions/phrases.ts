/**
 * The few words the acting stage recognises by itself (yes/no answers to a question, "undo") and
 * the sentences it says back, in English and Chinese. Pure functions: they run in Node tests.
 */
import type { ColorName, Lang, SoundClass } from '../fusion/scenario.js';
import { lookupTable } from '../runtime/lookupTable.js';

/** The language the plugin answers in. */
export type ReplyLang = 'en' | 'zh';

const CJK = /[\u3400-\u9fff]/;
const PUNCTUATION = /[\s.,!?;:'"“”‘’。，！？；：、…~()（）-]+/g;

/** The language to reply in: the recogniser's tag when given, else Chinese when the text has CJK characters. */
export function replyLanguage(text: string, lang?: Lang | string): ReplyLang {
	if (lang) return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
	return CJK.test(text) ? 'zh' : 'en';
}

/** Lower-cases and drops punctuation and spaces between words (keeps single spaces). */
export function normalizeUtterance(text: string): string {
	return text.toLowerCase().replace(PUNCTUATION, ' ').trim();
}

const YES = new Set([
	'yes',
	'yeah',
	'yep',
	'yup',
	'sure',
	'correct',
	'right',
	'ok',
	'okay',
	'yes please',
	'that one',
	'do it',
	'是',
	'是的',
	'对',
	'对的',
	'对啊',
	'好',
	'好的',
	'嗯',
	'没错',
	'可以',
]);
const NO = new Set([
	'no',
	'nope',
	'nah',
	'no thanks',
	'wrong',
	'cancel',
	'never mind',
	'nevermind',
	'不',
	'不是',
	'不对',
	'不要',
	'不用',
	'算了',
	'取消',
	'错了',
]);
const UNDO = new Set(['undo', 'undo that', 'undo it', 'undo please', '撤销', '撤消', '撤回', '撤销一下', '撤回一下']);

/** `'yes'`, `'no'`, or null when the utterance is not a plain yes/no answer. */
export function yesOrNo(text: string): 'yes' | 'no' | null {
	const t = normalizeUtterance(text);
	if (NO.has(t)) return 'no';
	if (YES.has(t)) return 'yes';
	return null;
}

/** True when the utterance asks to undo the last action. */
export function isUndo(text: string): boolean {
	return UNDO.has(normalizeUtterance(text));
}

const THERE = /\b(there|here)\b|这里|那里|这儿|那儿|那边|这边/;
const THAT = /\b(this|that|these|those|it)\b|这个|那个|这|那/;

/**
 * Character offsets (0–1 along the text) of the deictic words in an utterance: `there` for a place
 * ("there", "here", "这里", "那里") and `that` for a thing ("this", "that", "这个", "那个") said before it.
 */
export function deicticOffsets(text: string): { that: number | null; there: number | null } {
	const lower = text.toLowerCase();
	const length = Math.max(1, lower.length);
	const there = THERE.exec(lower);
	if (!there) return { that: null, there: null };
	const that = THAT.exec(lower);
	return {
		that: that && that.index < there.index ? (that.index + that[0].length / 2) / length : null,
		there: (there.index + there[0].length / 2) / length,
	};
}

/** True when the utterance names a place by pointing ("there", "这里", "那里"). */
export function hasDeicticPlace(text: string): boolean {
	return deicticOffsets(text).there !== null;
}

const COLOR_ZH: Record<ColorName, string> = {
	red: '红色',
	orange: '橙色',
	yellow: '黄色',
	green: '绿色',
	blue: '蓝色',
	purple: '紫色',
	pink: '粉色',
	brown: '棕色',
	black: '黑色',
	white: '白色',
	gray: '灰色',
};

const LABEL_ZH: Record<string, string> = lookupTable({
	cup: '杯子',
	mug: '马克杯',
	lamp: '台灯',
	table: '桌子',
	'dining table': '餐桌',
	book: '书',
	shelf: '架子',
	bookshelf: '书架',
	plant: '植物',
	'potted plant': '盆栽',
	chair: '椅子',
	couch: '沙发',
	sofa: '沙发',
	tv: '电视',
	screen: '屏幕',
	'cell phone': '手机',
	phone: '电话',
	bottle: '瓶子',
	vase: '花瓶',
	clock: '钟',
	laptop: '笔记本电脑',
	remote: '遥控器',
	bowl: '碗',
	dog: '狗',
	cat: '猫',
	'teddy bear': '泰迪熊',
	keyboard: '键盘',
	mouse: '鼠标',
	door: '门',
	window: '窗户',
	wall: '墙',
	floor: '地板',
	ceiling: '天花板',
	'wall art': '挂画',
	bed: '床',
	apple: '苹果',
	banana: '香蕉',
	orange: '橙子',
	ball: '球',
	'sports ball': '球',
	speaker: '音箱',
	radio: '收音机',
	person: '人',
	box: '盒子',
	pillow: '枕头',
	rug: '地毯',
	other: '东西',
});

const SOUND_EN: Record<SoundClass, string> = {
	speech: 'someone talking',
	music: 'music',
	alarm: 'an alarm',
	phone_ring: 'a ringing sound',
	bell: 'a bell',
	knock: 'knocking',
	footsteps: 'footsteps',
	water: 'running water',
	hum: 'a humming sound',
	clap: 'clapping',
	dog: 'barking',
	silence: 'no sound',
};

const SOUND_ZH: Record<SoundClass, string> = {
	speech: '说话声',
	music: '音乐',
	alarm: '警报声',
	phone_ring: '铃声',
	bell: '钟声',
	knock: '敲击声',
	footsteps: '脚步声',
	water: '流水声',
	hum: '嗡嗡声',
	clap: '掌声',
	dog: '狗叫声',
	silence: '没有声音',
};

/** What an object is called in a reply: "the red lamp" / "红色的台灯". */
export function nameObject(label: string, color: ColorName | undefined, lang: ReplyLang): string {
	if (lang === 'zh') {
		const noun = LABEL_ZH[label.toLowerCase()] ?? label;
		return color ? `${COLOR_ZH[color]}的${noun}` : noun;
	}
	return color ? `the ${color} ${label}` : `the ${label}`;
}

/** What the plugin says to describe an object. */
export interface DescribeFacts {
	label: string;
	color?: ColorName;
	/** 0–1. */
	confidence: number;
	/** The sound the object makes, when one was heard from it or the host declared one. */
	sound?: SoundClass | null;
}

/** "That's the red lamp (92% sure). It's making a humming sound." / "这是红色的台灯（把握 92%）。它在发出嗡嗡声。" */
export function describeSentence(facts: DescribeFacts, lang: ReplyLang): string {
	const percent = Math.round(Math.max(0, Math.min(1, facts.confidence)) * 100);
	const name = nameObject(facts.label, facts.color, lang);
	const sound = facts.sound && facts.sound !== 'silence' ? facts.sound : null;
	if (lang === 'zh') {
		const base = `这是${name}（把握 ${percent}%）。`;
		return sound ? `${base}它在发出${SOUND_ZH[sound]}。` : base;
	}
	const base = `That's ${name} (${percent}% sure).`;
	return sound ? `${base} It's making ${SOUND_EN[sound]}.` : base;
}

/** "Did you mean the red lamp?" / "你是说红色的台灯吗？" */
export function askSentence(label: string | null, color: ColorName | undefined, lang: ReplyLang): string {
	if (!label) return lang === 'zh' ? '你是说哪一个？' : 'Which one do you mean?';
	const name = nameObject(label, color, lang);
	return lang === 'zh' ? `你是说${name}吗？` : `Did you mean ${name}?`;
}

/** "I don't see a banana." / "我没看到香蕉。" — the answer when the named thing is not here. */
export function missingSentence(missing: string, lang: ReplyLang): string {
	if (lang === 'zh') {
		const [color, noun] = missing.includes(' ') ? missing.split(' ') : [null, missing];
		const zhNoun = LABEL_ZH[noun.toLowerCase()] ?? noun;
		return `我没看到${color ? `${COLOR_ZH[color as ColorName] ?? color}的` : ''}${zhNoun}。`;
	}
	const article = /^[aeiou]/i.test(missing) ? 'an' : 'a';
	return `I don't see ${article} ${missing}.`;
}
