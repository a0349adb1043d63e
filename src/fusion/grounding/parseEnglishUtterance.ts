/**
 * English: is this a request to the system, which verb, and which noun phrases? The verb rules
 * are ordered; the one found earliest in the sentence wins (ties: list order), so "grab the bigger
 * backpack" is a grab and "make the lamp bigger" a scale.
 */
import type { Intent } from '../scenario.js';
import type { NounIndex } from './NounIndex.js';
import { englishWords } from './normalize.js';
import type { Parse } from './Parse.js';
import { chainEnglish, segmentEnglish } from './parseEnglish.js';

interface VerbRule {
	re: RegExp;
	intent: Intent;
	/** A verb that also means other things ("get", "turn"): a request, but less sure. */
	weak?: boolean;
	/** Becomes `move` when a destination is said. */
	movable?: boolean;
	/** `show`, or `select` when the thing is not hidden. */
	showOrSelect?: boolean;
}

const SOUND_VERBS =
	'talking|speaking|singing|ringing|beeping|buzzing|playing|making|barking|knocking|humming|chiming|dinging|dripping|going off|tapping|clapping|squeaking|bleeping';

/** What may follow the size word of a scale request. */
const SIZE_END =
	'( (a|a little|a bit|a lot|little|bit|lot|much|way|even|some|again|now|please|for me|than (it is|that|before|now)|too|more|(one|two|three|\\w+) times|twice))*( please)?( (so|because|since|while|until|and|then|but) .*)?$';

const RULES: VerbRule[] = [
	{ re: /\bwhat (is|are) (this|that|these|those|it)\b/, intent: 'describe' },
	{ re: /\bwhat am i (looking|staring|pointing) at\b/, intent: 'describe' },
	{ re: /\bwhat (is|am) i (seeing|holding)\b/, intent: 'describe' },
	{ re: new RegExp(`\\b(who|what) is ((that|this|it|there|so|still) )?(${SOUND_VERBS})\\b`), intent: 'describe' },
	{
		re: /\bwhat is (that|the|this) (noise|sound|racket|music|song|ringing|beeping|buzzing|voice)\b/,
		intent: 'describe',
	},
	{ re: /\bwhere is (that|the|this) (noise|sound|music|ringing|beeping|voice|buzzing|song)\b/, intent: 'describe' },
	{
		re: /\b(where|what) is (that|the|this|it) (\w+ )?(coming|come|running|dripping|leaking|playing|ringing|beeping|buzzing|humming) from\b/,
		intent: 'describe',
	},
	{ re: /\bwhat (kind|sort|type) of\b/, intent: 'describe' },
	{ re: /\b(tell me (about|what)|describe|identify|name)\b/, intent: 'describe' },
	{ re: /\bwhat is (the|that|this)\b/, intent: 'describe' },
	{ re: /^what is\b/, intent: 'describe' },
	{ re: /\bwhat do you (see|call)\b/, intent: 'describe' },
	{ re: /\b(unhide|unhid|unhidden|reveal|uncover)\b/, intent: 'show' },
	{ re: /\b(on|un|an) hide\b/, intent: 'show' },
	{ re: /\bbring\b.*\bback\b/, intent: 'show' },
	{ re: /\bget\b.*\bback\b/, intent: 'show' },
	{ re: /\bmake\b.*\b(visible|appear|reappear|come back)\b/, intent: 'show' },
	{ re: /\b(show|display)\b/, intent: 'show', showOrSelect: true },
	{ re: /\blet me see\b/, intent: 'show', showOrSelect: true },
	{ re: /\bhide\b/, intent: 'hide' },
	{ re: /\bmake\b.*\b(invisible|disappear|vanish|go away)\b/, intent: 'hide' },
	{ re: /\b(conceal|cover up)\b/, intent: 'hide' },
	{ re: /\bout of (my )?(sight|view)\b/, intent: 'hide' },
	{ re: /\b(delete|remove|erase|destroy|discard|eliminate|ditch)\b/, intent: 'delete' },
	{ re: /\b(trash|dump|bin) (the|that|this|it|those|these)\b/, intent: 'delete' },
	{ re: /\bget rid of\b/, intent: 'delete' },
	{ re: /\b(throw|toss|chuck)\b.*\b(away|out)\b/, intent: 'delete' },
	{ re: /\btake\b.*\baway\b/, intent: 'delete' },
	{ re: /\bscale\b.*\bup\b/, intent: 'scale_up' },
	{ re: /\bscale\b.*\bdown\b/, intent: 'scale_down' },
	// The size word ends the request ("make the big plant a bit smaller"): earlier, it describes
	// the thing ("turn the shorter plant").
	{
		re: new RegExp(
			`\\b(make|get|turn|scale|resize)\\b.*\\b(bigger|larger|huge|big|large|taller|wider|enormous|massive)${SIZE_END}`,
		),
		intent: 'scale_up',
	},
	{
		re: new RegExp(`\\b(make|get|turn|scale|resize)\\b.*\\b(smaller|tinier|little|small|shorter|tiny|mini)${SIZE_END}`),
		intent: 'scale_down',
	},
	{ re: /\b(enlarge|magnify|upscale|expand|grow|increase|supersize|blow up)\b/, intent: 'scale_up' },
	{ re: /\b(shrink|reduce|decrease|downsize|minimize|minimise)\b/, intent: 'scale_down' },
	{ re: /\b(bigger|larger)( please)?$/, intent: 'scale_up' },
	{ re: /\b(smaller|tinier)( please)?$/, intent: 'scale_down' },
	{ re: /\b(rotate|spin|twist|swivel|flip|revolve)\b/, intent: 'rotate' },
	{
		re: /\bturn\b.*\b(around|round|over|sideways|degrees|clockwise|counterclockwise|anticlockwise|other way)\b/,
		intent: 'rotate',
	},
	{ re: /\bpick\b.*\bup\b/, intent: 'grab' },
	{ re: /\b(grab|grasp|fetch|snatch|lift|hold|catch|collect|nab)\b/, intent: 'grab' },
	{ re: /\b(hand|pass|give|bring|toss|throw|fetch|grab|get) (me|us)\b/, intent: 'grab' },
	{ re: /\b(hand|pass|give) (it|that|this|them|the .+) (to me|over)\b/, intent: 'grab' },
	{ re: /\bcan i (have|get|grab|take|borrow)\b/, intent: 'grab' },
	{
		re: /\b(i|we) (would like|want|need|d like|wanna have) (the|that|this|those|these)\b/,
		intent: 'grab',
		weak: true,
	},
	// "I need a new chair": a wish for one of a kind, not a request for one that is here.
	{ re: /\b(i|we) (would like|want|need|d like|wanna have) (a|an)\b/, intent: 'grab', weak: true },
	{ re: /\b(drop|release)\b/, intent: 'release', movable: true },
	{ re: /\blet\b.*\bgo\b/, intent: 'release' },
	{ re: /\b(put|set|place|lay)\b.*\bdown$/, intent: 'release', movable: true },
	{
		re: /\b(put|place|move|set|stick|lay|shift|slide|push|carry|hang|stack|return|transfer|position|relocate|drag|park|pop|plop|stand|leave|stuff|shove|tuck|rest|throw|toss|chuck)\b/,
		intent: 'move',
		movable: true,
	},
	{ re: /\b(bring|take|get)\b/, intent: 'grab', weak: true, movable: true },
	{ re: /\bturn\b/, intent: 'rotate', weak: true },
	{ re: /\b(select|choose|highlight|outline|mark|circle|target|click|tap)\b/, intent: 'select' },
	{ re: /\bpick\b/, intent: 'select' },
	{ re: /\bpoint (at|to|out)\b/, intent: 'select' },
	{ re: /\bfocus on\b/, intent: 'select' },
	{ re: /\bfind\b/, intent: 'select', weak: true },
	{ re: /\b(where|which) (is|are) (the|my|that)\b/, intent: 'select', weak: true },
];

/** A request frame before the verb: taken off, and it makes the sentence a request. */
const FRAMES =
	/^((hey|okay|ok|so|now|alright|right|and|then|next|also|please|pls|kindly)\s+)*((can|could|would|will|wo) (you|u|ya)( please)?( maybe)?|would you mind|do you mind|i (want|need|would like|d like) you to|i need you to|go ahead and|let us|try to|help me|do me a favor and|be a dear and|please|i want to|i would like to|i d like to)?\s*/;

/** Sentences that use a command verb but are about something else. */
const IDIOMS = [
	/\b(take|have|grab) an? (\w+ )?(seat|look|break|breath|nap|rest|shower|walk|minute|second|moment|chair|bite|picture|photo|selfie|number|guess)\b/,
	/\b(hold|hang) on\b/,
	/\blet (me|us) (?!see\b|have\b)\w+/,
	/\b(smell|smells|smelled|smelling|taste|tastes|tasted|delicious|yummy)\b/,
	/\bhold (that thought|the line|still)\b/,
	/\bgive (me|us|it) (a|one|two|some|five|ten) (second|sec|minute|moment|break|call|try|chance|hand)\b/,
	/\bturn to page\b/,
	/\bpick (you|him|her|them|us|the kids) up\b/,
	/\bpick up (the )?(kids|milk|groceries|pace|slack|dinner|lunch|food)\b/,
	/\bget (some|a|the) (rest|sleep|coffee|life|grip|clue|chance|kids)\b/,
	/\btake (care|it easy|your time|turns|notes|a guess|the bus|the train|the day off)\b/,
	/\b(put|raise) (your|their) hands?\b/,
	/\bturn (it|this|that)? ?(on|off|up|down)\b/,
	/\blet (me|us) (know|think|guess|check)\b/,
	/\bshow (up|off)\b/,
	/\bbring (it )?on\b/,
	/\bi will (call|text|see|show|get|bring|take)\b/,
];

const TEMPORAL =
	/\b((once|twice|three times|\w+ times) (a|an|per|every) \w+|every (day|morning|night|evening|week|hour)|(a|per) day|tomorrow|tonight|yesterday|later|afterwards|someday|last (night|week|time|year|month)|next (week|time|month|year)|o clock|this (morning|afternoon|evening|weekend)|(on|by|before|after|until|till) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|dinner|lunch|breakfast|class|school|work|the weekend)|in (an|a|two|five|ten|a few) (hour|hours|minute|minutes|days|weeks)|\d+ ?(am|pm)|at (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight|\d+))\b/;

/** Statements: a subject that is not the system, then a verb. */
const STATEMENT =
	/^((i|we|he|she|they|mom|dad|mum|the kids|everyone|everybody|somebody|someone|nobody|there)\b(?! (would like|want|need|d like) (the|that|this|those|these|a|an|you)\b)|(it|this|that|my \w+|our \w+|his \w+|her \w+|their \w+|the \w+) (is|was|looks|seems|has|had|belongs|used|came|goes|went|needs|should|will|would|can|could|might|must)\b)/;
const QUESTION = /^(did|does|do|have|has|had|are|were|was|is|how|why|when|should|shall|may|might|who|whose)\b/;
const ASKING_PEOPLE = /^(who can|can anyone|does anyone|anyone|who wants to|who knows)\b/;
/** Said to a person in the room: a vocative, a question to the class, a possessive "your". */
const PEOPLE =
	/(^(honey|sweetie|babe|buddy|guys|class|everyone|kids|mom|dad|mum|sir|madam|folks|dear|darling|students|children|who can|can anyone|does anyone|anyone)\b)|(\b(honey|sweetie|babe|buddy|guys|class|everyone|kids|mom|dad|mum|sir|madam|folks|dear|darling)$)|\b(your|yours)\b/;

/** Words a verb rule may contain that still describe the object. */
const KEEP = new Set([
	'the',
	'a',
	'that',
	'this',
	'these',
	'those',
	'it',
	'them',
	'is',
	'are',
	'of',
	'you',
	'i',
	'noise',
	'sound',
	'music',
	'song',
	'ringing',
	'beeping',
	'buzzing',
	'voice',
	'racket',
	'talking',
	'playing',
	'making',
	'barking',
	'knocking',
	'humming',
	'chiming',
	'speaking',
	'singing',
	'dinging',
	'dripping',
	'tapping',
	'clapping',
]);

export function parseEnglishUtterance(text: string, nouns: NounIndex): Parse {
	const words = englishWords(text);
	// "take the green book and put it on the desk": the last command is the one to do, and its
	// "it" is what the first one named.
	const joined = words.join(' ');
	const clauses = joined.split(/ (?:and then|and|then) /);
	if (clauses.length > 1) {
		const last = parseWords(clauses[clauses.length - 1].split(' '), nouns);
		const first = parseWords(clauses.slice(0, -1).join(' and ').split(' '), nouns);
		if (last.intent && first.intent) {
			const named = first.readings[first.readings.length - 1].target;
			for (const r of last.readings)
				if (!r.target.noun && (!r.target.deixis || r.target.deixis === 'it')) r.target = named;
			last.addressed = Math.min(first.addressed, Math.max(last.addressed, first.addressed));
			return last;
		}
	}
	return parseWords(words, nouns);
}

function parseWords(all: string[], nouns: NounIndex): Parse {
	const joined = all.join(' ');
	const frame = FRAMES.exec(joined)?.[0] ?? '';
	const framed = frame.trim().length > 0;
	const body = joined.slice(frame.length);
	const parse: Parse = { lang: 'en', intent: null, addressed: 1, readings: [] };
	let best: { rule: VerbRule; index: number; match: RegExpExecArray } | null = null;
	for (const rule of RULES) {
		const m = rule.re.exec(body);
		if (m && (!best || m.index < best.index)) best = { rule, index: m.index, match: m };
	}
	if (!best) {
		parse.addressed = 0.2;
		parse.reason = 'no command';
		return parse;
	}
	const { rule } = best;
	parse.intent = rule.intent;
	parse.showOrSelect = rule.showOrSelect;
	// How sure that this is a request: a verb first (after a request frame), a question about the
	// scene, or a request said to the system, against statements, idioms, plans and other people.
	const describe = rule.intent === 'describe';
	let addressed = best.index === 0 || describe ? 1 : best.index < 12 ? 0.8 : 0.6;
	if (rule.weak) addressed *= 0.85;
	if (rule.weak && /\b(a|an)$/.test(best.match[0])) addressed *= 0.55;
	if (!framed && STATEMENT.test(body) && !describe) {
		addressed = Math.min(addressed, 0.15);
		parse.reason = 'a statement';
	}
	if (!framed && QUESTION.test(body) && !describe) {
		addressed = Math.min(addressed, 0.2);
		parse.reason = 'a question';
	}
	if (IDIOMS.some((re) => re.test(joined))) {
		addressed = Math.min(addressed, 0.1);
		parse.reason = 'an idiom';
	}
	if (TEMPORAL.test(joined)) {
		addressed = Math.min(addressed, 0.2);
		parse.reason = 'about another time';
	}
	if (ASKING_PEOPLE.test(joined)) {
		addressed = Math.min(addressed, 0.2);
		parse.reason = 'a question to people';
	}
	if (PEOPLE.test(joined) && !describe) {
		addressed = Math.min(addressed, 0.4);
		parse.reason = 'said to someone';
	}
	parse.addressed = addressed;
	// The noun-phrase region: the body without the verb words.
	const source = rule.re.source.replace(/\\b/g, ' ');
	const verbWords = new Set(
		best.match[0].split(' ').filter((w) => !KEEP.has(w) && new RegExp(`(^|[^a-z])${w}([^a-z]|$)`).test(source)),
	);
	// A reason or a purpose after the command describes nothing to act on: "turn the armchair
	// around so it faces the tv", "… because it is in the way". "The chair the patient sits on" is
	// the patient's chair, and "the desk the scissors are on" the desk with the scissors.
	const said = body
		.replace(/ (so that|so it|so they|so i|so we|because|since|until|while|in order to) .*$/, '')
		.replace(/(?<=\w \w+) (it|they) (faces|face|points|point|looks|look|fits|fit|is|are|can|will) .*$/, '')
		.replace(
			/\b(?:that |which )?the (\w+) (sits|sit|uses|use|sleeps|works|lies|owns|reads|drinks|eats) (on|in|at|from|with)\b/,
			(_, who) => `${who} s`,
		)
		.replace(/\b(the|a) (\w+(?: \w+)?) (is|are|sits|sit|lies|lie|stands|stand) (on|in|at)$/, 'with $1 $2');
	const region = said
		.split(' ')
		.filter((w, i, ws) => !(verbWords.has(w) && isInMatch(ws, i, best!)))
		.filter((w) => w);
	const segments = segmentEnglish(region, nouns);
	if (rule.movable || rule.intent === 'move') {
		// A grab verb ("take", "bring") takes a place only with a direction: "take the cup to the
		// sink", not "get the book on the shelf".
		// "from", "off" and "out of" say where the thing is, never where it goes. The earliest
		// place is tried first: a later phrase usually describes it ("on the table in front of the
		// couch"); readings whose relations hold nowhere lose when grounded.
		const placeFor = (seg: { said?: string }) =>
			!/^(from|off|off of|out of)$/.test(seg.said ?? '') &&
			(rule.intent !== 'grab' || /^(to|into|onto|over to|towards|toward)$/.test(seg.said ?? ''));
		for (let d = 1; d < segments.length; d++)
			if (placeFor(segments[d]))
				parse.readings.push({
					target: chainEnglish(segments.slice(0, d), nouns),
					destination: chainEnglish(segments.slice(d), nouns),
				});
		// "put it there": the place is where the pointer is.
		const there = segments[0].words.findIndex(
			(w) => w === 'there' || w === 'here' || w === 'over_there' || w === 'right_there',
		);
		if (there > 0 || (there === 0 && segments[0].words.length === 1))
			parse.readings.push({
				target: chainEnglish([{ prep: null, words: segments[0].words.filter((_, i) => i !== there) }], nouns),
				destination: { noun: null, labels: null, ids: null, fuzzy: false, absent: false, deixis: 'there' },
			});
	}
	parse.readings.push({ target: chainEnglish(segments, nouns), destination: null });
	return parse;
}

/** Whether word `i` of the body lies inside the verb rule's match. */
function isInMatch(words: string[], i: number, best: { index: number; match: RegExpExecArray }): boolean {
	const start = words.slice(0, i).join(' ').length + (i ? 1 : 0);
	return start >= best.index && start < best.index + best.match[0].length;
}
