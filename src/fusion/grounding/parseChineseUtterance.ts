/**
 * Chinese: is this a request to the system, which verb, and which noun phrases? Handles the
 * 把 construction ("把[红杯子]放到[桌子]上"), verb-first ("拿起[红杯子]"), topic-first
 * ("[红杯子]放到[桌子]上") and bare places ("放到[桌子]上" with something in hand).
 */
import type { Intent } from '../scenario.js';
import { NounIndex } from './NounIndex.js';
import { chineseText } from './normalize.js';
import type { Parse } from './Parse.js';
import { readChineseMention } from './parseChinese.js';

interface VerbRule {
	re: RegExp;
	intent: Intent;
	weak?: boolean;
	movable?: boolean;
	showOrSelect?: boolean;
}

const RULES: VerbRule[] = [
	{ re: /(这|那|它)(个|是|东西|玩意)*(是|叫)(个)?(什么|啥)/, intent: 'describe' },
	{ re: /(是|叫)(个)?(什么|啥)/, intent: 'describe' },
	{ re: /什么(东西|玩意)/, intent: 'describe' },
	{ re: /我(正)?在?看(的|着)?(是)?(什么|啥)/, intent: 'describe' },
	{
		re: /(谁|什么|啥|哪个)(的\p{Script=Han}{1,3})?(东西)?在(说话|讲话|响|叫|放|唱|播|嗡|滴|敲|哔)/u,
		intent: 'describe',
	},
	{ re: /(哪|哪儿|哪里)(来|传来)?的\p{Script=Han}{0,2}(声音|声|音乐|铃声|响声)/u, intent: 'describe' },
	// "哪里在流水", "哪儿有水声", "哪边在响": where a sound is.
	{
		re: /(哪|哪儿|哪里|哪边)(在|有|一直在|传来|发出)\p{Script=Han}{0,2}(流水|滴水|水声|声音|声|响|叫|说话|讲话|音乐|放歌|唱歌|嗡|滴|哔|敲)/u,
		intent: 'describe',
	},
	{ re: /(干嘛|干什么|做什么|有什么|啥)用/, intent: 'describe' },
	{ re: /(声音|铃声|音乐|响声)是?(从)?(哪|什么)/, intent: 'describe' },
	{ re: /(介绍|描述|说说|讲讲|说一下|告诉我)/, intent: 'describe' },
	{
		re: /(取消隐藏|显示|显现|露出来|出现|恢复|别藏|不要藏|别隐藏|还原|拿回来|变回来|弄回来|找回来|回来)(?!的|器)/,
		intent: 'show',
	},
	{ re: /(给我看|让我看)/, intent: 'show', showOrSelect: true },
	{ re: /(隐藏|藏起来|藏|隐去|隐身|消失|看不见|不显示|别显示|遮住|遮起来)(?!的)/, intent: 'hide' },
	{ re: /(删除|删掉|删了|删|去掉|去除|移除|扔掉|丢掉|扔了|丢了|清除|干掉|拿走|不要了|处理掉)/, intent: 'delete' },
	{ re: /(放大|变大|大一点|大一些|大点|调大|弄大|加大|扩大|大些)(?!的|一点的|点的)/, intent: 'scale_up' },
	{ re: /(缩小|变小|小一点|小一些|小点|调小|弄小|缩一下|小些)(?!的|一点的|点的)/, intent: 'scale_down' },
	{ re: /(旋转|转一下|转一转|转个|转动|转过来|转过去|转圈|掉头|掉个头|翻转|翻过来|转)/, intent: 'rotate' },
	{ re: /(放下|松开|松手|放手|扔下|丢下|撒手)/, intent: 'release', movable: true },
	{
		re: /(放到|放在|放进|放回|放入|放去|搬到|搬去|搬进|移到|移动到|挪到|挪去|挪进|拿到|拿去|拿进|摆到|摆在|挂到|挂在|塞到|塞进|送到|扔到|扔进|丢到|丢进|推到|搁到|搁在|搁进|放|搬|移|挪|摆|搁)/,
		intent: 'move',
		movable: true,
	},
	{
		re: /(拿起|拿起来|捡起|抓起|抓住|抓|拿过来|拿来|拿给我|递给我|递过来|给我|拿一下|拿着|举起|提起|取|拿|递)/,
		intent: 'grab',
		movable: true,
	},
	{ re: /(选中|选择|选一下|选|高亮|标出|标记|指一下|圈出|找到|找一下|找出)/, intent: 'select' },
	{ re: /在哪/, intent: 'select', weak: true },
	{ re: /(我|我们)(要|想要|需要)(那|这|一)/, intent: 'grab', weak: true },
];

/** Words around the verb that ask, not describe: taken out of the noun phrases. */
const FRAME =
	/^(你好|现在|那么|好的|好|我想让你|我要你|我希望你|我需要你|让你|请你|请|麻烦你|麻烦|劳驾|帮我|帮忙|你能不能|你可不可以|你能|你可以|能不能|可不可以|可以|能|你帮我|给我|你|您|快|赶紧|再|先)+/;
const TAIL = /(好吗|好不好|可以吗|行吗|行不行|谢谢|一下|起来|过来|出来|回去|过去|来|去|吧|了|掉|下)+$/;

const STATEMENT =
	/^(我|我们|他|她|他们|她们|咱们|妈妈|爸爸|老师|医生|护士|同学|大家|你们|宝宝|孩子|它)(?!(要|想要|需要)(那|这|一)|想把|要把|把|们?的|旁边|面前|左边|右边|前面|后面|手里|手上|看着|指着|的|拿着|正在看|在看)/;
const TEMPORAL =
	/([一两三四五六七八九十几半\d]+(个)?(分钟|秒钟|秒|小时|钟头)|过夜|整夜|一晚上|(明天|昨天|前天|后天|待会|等会|一会儿|回头|下午|晚上|早上|中午|周[一二三四五六日末]|星期|礼拜|点钟|([0-9]+|[两三四五六七八九十]|十[一二])点(钟|半|前|后|左右|以前|以后)?(?!儿)|以后|之前|上次|下次|今晚|改天|下周|上周|下个月|去年|明年))/;
const PEOPLE =
	/^(喂|同学们(?!的)|大家|宝贝|亲爱的|老公|老婆|妈|爸|哥|姐|阿姨|叔叔|小朋友们|各位|(小|老|阿)\p{Script=Han}{1,2}(你|，|,| ))/u;
const QUESTION =
	/(哪(儿|里)?买|谁(?!的\p{Script=Han}{1,3}在)|怎么|为什么|什么时候|是不是|有没有|多少|几点|好不好吃|对不对)/u;
const IDIOMS = [
	/(坐下|请坐|转告|转身|转学|转账|转机|放心|放学|放假|放松|拿主意|拿不准|搬家|移民|选课|选举|删帖|翻到|打开书|收起来)/,
];

export function parseChineseUtterance(text: string, nouns: NounIndex): Parse {
	const t = chineseText(text);
	const english = new NounIndex('en', nouns.objects);
	const parse: Parse = { lang: 'zh', intent: null, addressed: 1, readings: [] };
	// The last verb is the main one: an earlier one is usually a first step ("拿起杯子放到桌子上").
	// A verb inside a relative clause describes the object ("藏起来的架子", "放在桌上的瓶子转一下"),
	// so it counts only when no other verb follows.
	type Found = { rule: VerbRule; index: number; match: RegExpExecArray } | null;
	let best: Found = null;
	let fallback: Found = null;
	const all = RULES.flatMap((rule) => matches(rule.re, t).map((x) => ({ rule, ...x })));
	// A verb inside a longer verb phrase of another rule is part of it: 藏 in 别藏了, 放 in 什么在放音乐.
	const inside = (m: RegExpExecArray, rule: VerbRule) =>
		all.some(
			(o) =>
				o.rule !== rule &&
				o.match[0].length > m[0].length &&
				o.match.index <= m.index &&
				o.match.index + o.match[0].length >= m.index + m[0].length,
		);
	for (const { rule, match: m, relative } of all) {
		if (inside(m, rule)) continue;
		{
			const better = (b: Found) => !b || m.index > b.index || (m.index === b.index && m[0].length > b.match[0].length);
			const relevant = relative && (rule.intent === 'hide' || rule.intent === 'show' || rule.intent === 'move');
			if (relevant) {
				if (better(fallback)) fallback = { rule, index: m.index, match: m };
			} else if (better(best)) best = { rule, index: m.index, match: m };
		}
	}
	best ??= fallback;
	// A sentence with both a grab and a place is a move ("拿起杯子放到桌子上").
	const move = RULES.find((r) => r.intent === 'move')!.re.exec(t);
	if (best && move && best.rule.intent === 'grab' && /(到|在|进|回|入)/.test(move[0]))
		best = { rule: RULES.find((r) => r.intent === 'move')!, index: move.index, match: move };
	if (!best) {
		parse.addressed = 0.2;
		parse.reason = 'no command';
		return parse;
	}
	const { rule } = best;
	parse.intent = rule.intent;
	parse.showOrSelect = rule.showOrSelect;
	const describe = rule.intent === 'describe';
	let addressed = rule.weak ? 0.85 : 1;
	const body = t.replace(FRAME, '');
	// "老师桌上的电脑", "医生那把椅子": a possessor before a noun or a demonstrative, not a subject.
	const subject = STATEMENT.exec(body);
	const possessor =
		!!subject &&
		(/^(那|这)/.test(body.slice(subject[0].length)) ||
			[1, 2, 3].some((n) => {
				const hit = nouns.exact(body.slice(subject[0].length, subject[0].length + n));
				return !!hit && (hit.labels.size > 0 || hit.ids.size > 0);
			}));
	if (subject && !possessor && !describe && !/^我(要|想要|需要)/.test(body)) {
		addressed = 0.15;
		parse.reason = 'a statement';
	}
	if (TEMPORAL.test(t)) {
		addressed = Math.min(addressed, 0.2);
		parse.reason = 'about another time';
	}
	if (PEOPLE.test(t) && !describe) {
		addressed = Math.min(addressed, 0.35);
		parse.reason = 'said to someone';
	}
	if (QUESTION.test(t) && !describe) {
		addressed = Math.min(addressed, 0.3);
		parse.reason = 'a question';
	}
	if (IDIOMS.some((re) => re.test(t))) {
		addressed = Math.min(addressed, 0.1);
		parse.reason = 'an idiom';
	}
	parse.addressed = addressed;
	const before = clean(t.slice(0, best.index));
	const after = clean(t.slice(best.index + best.match[0].length));
	const read = (s: string) => readChineseMention(s, nouns, english);
	// A grab or a release takes a place only with one ("拿到桌子上", "放下在…" is rare); a move verb always may.
	const placeSaid = rule.intent === 'move' || /(到|在|进|回|入|去)$/.test(best.match[0]);
	if (rule.movable && placeSaid) {
		// 把 [target] 放到 [destination] 上 / [target] 放到 [destination] / 放到 [destination]
		const target = before.replace(BA, '');
		const dest = after.replace(/(上面|上边|上头|上|里面|里边|里头|里|旁边|边上|下面|那儿|这儿|那里|这里|去|来)+$/, '');
		const destLoc =
			/(那儿|这儿|那里|这里|那边|这边)$/.test(after) && !dest.replace(/(那儿|这儿|那里|这里|那边|这边)$/, '')
				? 'there'
				: null;
		const relation = /旁边|边上|附近/.test(after) ? 'near' : /下面|底下/.test(after) ? 'under' : null;
		const d = destLoc
			? { noun: null, labels: null, ids: null, fuzzy: false, absent: false, deixis: 'there' as const }
			: dest
				? read(dest)
				: null;
		if (d && relation && d.noun) {
			// "放到白色那个旁边": the place is the thing the destination is next to; keep it as the destination.
		}
		if (d) parse.readings.push({ target: read(target || ''), destination: d });
	}
	// The target: in a 把 sentence before the verb, otherwise after it (or before, topic first).
	const baMatch = /^(?:.*?(?<![一二两三四五六七八九十几这那哪每第\d])[把将])(.+)$/.exec(before);
	const region = baMatch
		? baMatch[1]
		: after && readChineseMention(after, nouns, english).noun
			? after
			: `${before}${after}`;
	parse.readings.push({ target: read(region), destination: null });
	// "哪来的水声", "什么在嗡嗡响": the verb phrase itself names the sound.
	if (describe) {
		const said = readChineseMention(best.match[0], nouns, english);
		for (const r of parse.readings) if (!r.target.sound && said.sound) r.target.sound = said.sound;
	}
	// "我在看啥": the verb phrase itself says the thing is where the viewer looks.
	if (describe && /我(正)?在?看/.test(best.match[0]))
		for (const r of parse.readings) if (!r.target.noun && !r.target.deixis) r.target.deixis = 'gaze';
	return parse;
}

/** Up to the 把 (or 将) that marks the object; "第三把椅子", "那把椅子" use 把 as a measure word. */
const BA = /^(?:.*?(?<![一二两三四五六七八九十几这那哪每第\d]))?[把将](?=.)/;

function clean(s: string): string {
	return s
		.replace(FRAME, '')
		.replace(TAIL, '')
		.replace(/^(把|将)$/, '')
		.trim();
}

/** Every match of `re`, each flagged when it sits in a relative clause ("藏起来的", "放在桌上的"). */
function matches(re: RegExp, text: string): { match: RegExpExecArray; relative: boolean }[] {
	const global = new RegExp(re.source, `${re.flags.replace('g', '')}g`);
	const out: { match: RegExpExecArray; relative: boolean }[] = [];
	for (let m = global.exec(text); m; m = global.exec(text)) {
		const rest = text.slice(m.index + m[0].length);
		const relative =
			/^(起来)?的/.test(rest) || /^[^的把将]{1,8}(上|里|旁边|下面|前面|后面|边上|上面|里面)的/.test(rest);
		out.push({ match: m, relative });
		if (m[0].length === 0) global.lastIndex++;
	}
	return out;
}
