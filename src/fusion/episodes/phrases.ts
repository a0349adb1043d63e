/**
 * The paraphrase grammar of the episode generator, English and Chinese: command templates per
 * intent, politeness/question wrappers and referring expressions per phenomenon. In every list of
 * four or more, the last entry is a held-out family: it appears only in the test split, so the test
 * measures phrasings the model never trained on.
 */
import type { Intent } from '../scenario.js';

export type Language = 'en' | 'zh';
type ByLang<T> = Record<Language, T>;

export const COMMANDS: ByLang<Record<Exclude<Intent, 'none'>, string[]>> = {
	en: {
		select: ['select {T}', 'choose {T}', 'highlight {T}', 'pick {T}', 'mark {T}', 'focus on {T}'],
		grab: ['pick up {T}', 'pick {T} up', 'grab {T}', 'take {T}', 'hold {T}', '{T} pick it up', 'get {T}', 'lift {T}'],
		release: [
			'let go',
			'drop it',
			'release it',
			'let go of {T}',
			'drop {T}',
			'put it down',
			'release {T}',
			'put {T} down',
		],
		move: [
			'put {T} on {D}',
			'place {T} on {D}',
			'move {T} to {D}',
			'set {T} on {D}',
			'put {T} onto {D}',
			'bring {T} to {D}',
			'take {T} over to {D}',
		],
		rotate: ['rotate {T}', 'turn {T}', 'spin {T}', 'turn {T} around', '{T} rotate it', 'rotate {T} a bit', 'twist {T}'],
		scale_up: [
			'make {T} bigger',
			'enlarge {T}',
			'scale up {T}',
			'make {T} larger',
			'{T} make it bigger',
			'increase the size of {T}',
			'grow {T}',
		],
		scale_down: [
			'make {T} smaller',
			'shrink {T}',
			'scale down {T}',
			'make {T} tiny',
			'{T} make it smaller',
			'reduce the size of {T}',
			'make {T} a little smaller',
		],
		hide: ['hide {T}', 'make {T} disappear', 'make {T} invisible', '{T} hide it', 'conceal {T}', 'hide away {T}'],
		show: [
			'show {T}',
			'show {T} again',
			'unhide {T}',
			'bring back {T}',
			'make {T} visible',
			'reveal {T}',
			'show me {T} again',
		],
		delete: [
			'delete {T}',
			'remove {T}',
			'get rid of {T}',
			'erase {T}',
			'{T} delete it',
			'throw away {T}',
			'destroy {T}',
		],
		describe: [
			'what is {T}',
			'describe {T}',
			'tell me about {T}',
			'what kind of thing is {T}',
			'identify {T}',
			'what do you call {T}',
		],
	},
	zh: {
		select: ['选择{T}', '选中{T}', '选{T}', '高亮{T}', '标记一下{T}'],
		grab: ['拿起{T}', '把{T}拿起来', '拿{T}', '抓住{T}', '{T}拿起来', '捡起{T}', '把{T}捡起来', '拿一下{T}'],
		release: ['放下', '放手', '松手', '把{T}放下', '放下{T}', '丢下{T}', '松开{T}', '把它放下'],
		move: [
			'把{T}放到{D}上',
			'把{T}放在{D}上',
			'把{T}移到{D}上',
			'将{T}放到{D}上面',
			'把{T}搬到{D}上',
			'把{T}挪到{D}上',
		],
		rotate: ['旋转{T}', '把{T}转一下', '转动{T}', '{T}转一下', '把{T}转过来', '让{T}转一转'],
		scale_up: ['放大{T}', '把{T}放大', '把{T}变大', '{T}放大一点', '让{T}大一点', '把{T}弄大一些'],
		scale_down: ['缩小{T}', '把{T}缩小', '把{T}变小', '{T}缩小一点', '让{T}小一点', '把{T}弄小一些'],
		hide: ['隐藏{T}', '把{T}藏起来', '把{T}隐藏', '{T}藏起来', '让{T}消失', '藏起{T}'],
		show: ['显示{T}', '把{T}显示出来', '让{T}出现', '重新显示{T}', '把{T}找回来', '让{T}重新出现'],
		delete: ['删除{T}', '删掉{T}', '把{T}删了', '{T}删掉', '去掉{T}', '把{T}移除', '把{T}扔掉'],
		describe: ['{T}是什么', '介绍一下{T}', '描述一下{T}', '告诉我{T}是什么', '{T}是什么东西', '{T}是啥'],
	},
};

/** "Put it there": the destination is where the user points. */
export const MOVE_THERE: ByLang<string[]> = {
	en: ['put {T} there', 'move {T} over there', 'place {T} there', 'put {T} right there', 'drop {T} over there'],
	zh: ['把{T}放到那里', '把{T}放这里', '把{T}放到那边', '把{T}放在那儿', '把{T}移到这儿'],
};

export const WRAPPERS: ByLang<{ command: string[]; question: string[] }> = {
	en: {
		command: [
			'{C}',
			'please {C}',
			'{C} please',
			'can you {C}',
			'could you {C}',
			'could you please {C}',
			'i want you to {C}',
			'go ahead and {C}',
			'hey {C}',
			'okay {C}',
			'i need you to {C}',
			'{C} now',
			'would you {C} for me',
		],
		question: ['{C}', 'hey {C}', 'okay {C}', 'so {C}', 'excuse me {C}'],
	},
	zh: {
		command: [
			'{C}',
			'请{C}',
			'{C}吧',
			'帮我{C}',
			'麻烦你{C}',
			'能不能{C}',
			'你可以{C}吗',
			'请你{C}',
			'我想让你{C}',
			'快{C}',
			'现在{C}',
		],
		question: ['{C}', '请问{C}', '你好{C}', '那么{C}', '好的{C}'],
	},
};

/** Referring expressions: {n} noun, {c} colour, {side} left/right, {sup} superlative, {k} ordinal, {s} support noun, {snd} sound. */
export const REFS: ByLang<Record<string, string[]>> = {
	en: {
		category: ['the {n}', '{n}', 'the {n} in the room', 'my {n}', 'the {n} in here'],
		color: ['the {c} {n}', 'the {n} that is {c}', 'the {c} colored {n}', 'the {n} which is {c}'],
		side: [
			'the {n} on the {side}',
			'the {side} {n}',
			'the {n} to the {side}',
			'the {n} on my {side}',
			'the {n} over on the {side}',
		],
		near: ['the {sup} {n}', 'the {n} {sup} to me', 'the {n} that is {sup} to me', 'the {n} {sup} to where i am'],
		far: ['the {sup} {n}', 'the {n} {sup} from me', 'the {n} that is {sup} away', 'the {n} {sup} from where i am'],
		ordinal: [
			'the {k} {n} from the {side}',
			'the {n} {k} from the {side}',
			'the {k} {n} counting from the {side}',
			'counting from the {side} the {k} {n}',
		],
		size: ['the {sup} {n}', 'the {n} that is {sup}', 'the {sup} {n} there', 'the {n} which is {sup}'],
		support: [
			'the {n} on the {s}',
			'the {n} that is on the {s}',
			'the {n} sitting on the {s}',
			'the {n} on top of the {s}',
		],
		pointer: [
			'this',
			'that',
			'this {n}',
			'that {n}',
			'this one',
			'the {n} i am pointing at',
			'the one i am pointing at',
			'that one there',
		],
		gaze: ['this', 'that', 'this {n}', 'that {n}', 'this one', 'the one i am looking at', 'the {n} in front of me'],
		sound: [
			'the {snd} thing',
			'the thing that is {snd}',
			'whatever is {snd}',
			'the {n} that is {snd}',
			'the thing {snd} over there',
		],
		soundPhrase: [
			'the thing that is {snd}',
			'whatever is {snd}',
			'the {n} that is {snd}',
			'the thing {snd} over there',
		],
		noise: [
			'the thing making that noise',
			'that noise',
			'the thing making that sound',
			'that sound',
			'what is making that noise',
		],
		held: ['it', 'this', 'the {n}', 'the {n} in my hand', 'what i am holding', 'the thing i am holding'],
		hidden: ['the {n}', 'the hidden {n}', 'the {n} i hid', 'the {n} that is hidden'],
	},
	zh: {
		category: ['{n}', '那个{n}', '房间里的{n}', '我的{n}'],
		color: ['{c}的{n}', '{c}{n}', '那个{c}的{n}', '颜色是{c}的{n}'],
		side: ['{side}边的{n}', '在{side}边的{n}', '最{side}边的{n}', '{side}手边的{n}', '{n}{side}边那个'],
		near: ['最近的{n}', '离我最近的{n}', '离我近的那个{n}', '我旁边的{n}'],
		far: ['最远的{n}', '离我最远的{n}', '远处的{n}', '离我远的那个{n}'],
		ordinal: ['{side}边第{k}个{n}', '从{side}边数第{k}个{n}', '从{side}数第{k}个{n}', '{side}起第{k}个{n}'],
		big: ['大的{n}', '比较大的{n}', '大一点的{n}', '最大的{n}'],
		small: ['小的{n}', '比较小的{n}', '小一点的{n}', '最小的{n}'],
		support: ['{s}上的{n}', '在{s}上的{n}', '{s}上面的{n}', '放在{s}上的{n}'],
		pointer: ['这个', '那个', '这个{n}', '那个{n}', '我指的这个', '我指着的{n}', '那边那个'],
		gaze: ['这个', '那个', '这个{n}', '我看着的这个', '眼前的{n}', '前面这个{n}'],
		sound: ['{snd}东西', '那个{snd}东西', '{snd}{n}', '正在{snd}那个'],
		noise: ['发出声音的东西', '那个声音', '在发声的东西', '响的那个东西'],
		held: ['它', '这个', '手里的{n}', '我拿着的东西', '{n}', '我手上的{n}'],
		hidden: ['{n}', '隐藏的{n}', '藏起来的{n}', '刚才藏的{n}'],
	},
};

export const WORDS = {
	en: {
		left: 'left',
		right: 'right',
		near: ['nearest', 'closest'],
		far: ['farthest', 'furthest'],
		big: ['big', 'large', 'bigger', 'larger'],
		small: ['small', 'little', 'smaller', 'tiny'],
		ordinals: ['first', 'second', 'third'],
	},
	zh: { left: '左', right: '右', ordinals: ['一', '二', '三'] },
};

export const CHITCHAT: ByLang<string[]> = {
	en: [
		'hello',
		'how are you',
		'what time is it',
		'tell me a joke',
		'thank you',
		'thanks a lot',
		'never mind',
		'i am so tired today',
		'what is the weather like',
		'good morning',
		'this room looks nice',
		'i like this song',
		'okay',
		'cool',
		'who are you',
		'can you hear me',
		'i had coffee this morning',
		'my friend is coming over later',
		'that was fun',
		'nothing',
		'wait a second',
		'good night',
	],
	zh: [
		'你好',
		'你好吗',
		'现在几点了',
		'讲个笑话',
		'谢谢',
		'非常感谢',
		'算了',
		'我今天好累',
		'今天天气怎么样',
		'早上好',
		'这个房间挺好看',
		'我喜欢这首歌',
		'好的',
		'酷',
		'你是谁',
		'听得到吗',
		'我早上喝了咖啡',
		'我朋友等会儿过来',
		'太好玩了',
		'没什么',
		'等一下',
		'晚安',
	],
};

/** Speech-recognition slips: a word heard as another. */
export const SLIPS: ByLang<Record<string, string>> = {
	en: {
		red: 'read',
		right: 'write',
		cup: 'cop',
		the: 'a',
		two: 'too',
		pick: 'peak',
		phone: 'fone',
		book: 'brook',
		lamp: 'lump',
		hide: 'height',
		chair: 'cheer',
	},
	zh: {
		杯子: '被子',
		桌子: '卓子',
		左边: '左变',
		右边: '又边',
		放大: '放打',
		椅子: '一子',
		删除: '山除',
		拿起: '那起',
	},
};

export const HESITATIONS: ByLang<string[]> = {
	en: ['um', 'uh', 'er', 'hmm', 'like', 'you know'],
	zh: ['嗯', '呃', '就是', '然后'],
};
