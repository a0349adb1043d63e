/**
 * What a speech recogniser's text becomes before parsing: English words lower-cased with fillers,
 * stutters and restarts taken out; Chinese with punctuation and fillers taken out. Plus the two
 * keys that let a misheard word still find the object it meant: an English sound-alike key
 * ("read" ≈ "red", "sync" ≈ "sink", "disk" ≈ "desk") and a fuzzy toneless pinyin key for Chinese
 * ("平果" ≈ "苹果", "被子" ≈ "杯子", "作子" ≈ "桌子"), computed by `pinyin-pro`.
 */
import { pinyin } from 'pinyin-pro';
import { lookupTable } from '../../runtime/lookupTable.js';

const EN_FILLERS = new Set([
	'um',
	'umm',
	'uh',
	'uhh',
	'uhm',
	'er',
	'erm',
	'ah',
	'hmm',
	'hm',
	'mm',
	'like',
	'okay',
	'ok',
	'oh',
	'so',
	'well',
	'hey',
	'yeah',
	'alright',
]);
/** Fillers only when several words long. */
const EN_FILLER_PHRASES = [
	/\byou know\b/g,
	/\bi mean\b/g,
	/(?<!what )\bkind of\b/g,
	/(?<!what )\bsort of\b/g,
	/\bactually\b/g,
	/\bjust\b/g,
	/\breal quick\b/g,
];

const CONTRACTIONS: Record<string, string> = lookupTable({
	"what's": 'what is',
	"that's": 'that is',
	"it's": 'it is',
	"there's": 'there is',
	"who's": 'who is',
	"where's": 'where is',
	"how's": 'how is',
	"here's": 'here is',
	"let's": 'let us',
	"i'm": 'i am',
	"i'll": 'i will',
	"i've": 'i have',
	"i'd": 'i would',
	"we'll": 'we will',
	"we're": 'we are',
	"you'll": 'you will',
	"you're": 'you are',
	"they're": 'they are',
	"he's": 'he is',
	"she's": 'she is',
	"don't": 'do not',
	"doesn't": 'does not',
	"didn't": 'did not',
	"can't": 'can not',
	cannot: 'can not',
	"won't": 'will not',
	"isn't": 'is not',
	"wasn't": 'was not',
	"shouldn't": 'should not',
	"wouldn't": 'would not',
	"couldn't": 'could not',
	gonna: 'going to',
	wanna: 'want to',
	gimme: 'give me',
	lemme: 'let me',
	"'em": 'them',
});

/** Command verbs as recognisers mishear them. */
const VERB_SLIPS: Record<string, string> = lookupTable({
	peak: 'pick',
	peek: 'pick',
	pic: 'pick',
	grap: 'grab',
	crab: 'grab',
	hyde: 'hide',
	shoe: 'show',
	moove: 'move',
	unhyde: 'unhide',
});

const ORDINAL_DIGITS: Record<string, string> = lookupTable({
	'1st': 'first',
	'2nd': 'second',
	'3rd': 'third',
	'4th': 'fourth',
	'5th': 'fifth',
	'6th': 'sixth',
});

/**
 * English words of a transcript: lower-case, contractions expanded, fillers dropped, stutters
 * ("the the", "the, the") and immediate restarts ("pick up the- grab the") collapsed.
 */
export function englishWords(text: string): string[] {
	let t = text.toLowerCase().replace(/[’`]/g, "'");
	t = t.replace(/[a-z]+'[a-z]+|gonna|wanna|gimme|lemme|cannot/g, (w) => CONTRACTIONS[w] ?? w.replace(/'s$/, ' s'));
	t = t.replace(/(\d)(st|nd|rd|th)\b/g, (m) => ORDINAL_DIGITS[m] ?? m);
	for (const p of EN_FILLER_PHRASES) t = t.replace(p, ' ');
	const words = t
		.replace(/[^a-z0-9\s'-]/g, ' ')
		.replace(/(^|\s)-+|-+(\s|$)/g, ' ')
		.split(/[\s-]+/)
		.filter((w) => w && w !== "'" && !EN_FILLERS.has(w));
	const out: string[] = [];
	for (const said of words) {
		const w = VERB_SLIPS[said] ?? said;
		if (out[out.length - 1] !== w) out.push(w);
	}
	return out;
}

/** Chinese text with punctuation, spaces around Han characters and fillers removed; Latin words kept. */
export function chineseText(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/[，。！？、；：“”‘’（）《》…,.!?;:"()~～\u3000]/g, ' ')
			.replace(/(嗯+|呃+|额+|唉+|哎+|诶+|哦+|喔+|啊+|呀+|吧+|呢+|(?<!干)嘛+|啦+)/g, ' ')
			// "滴滴滴地响": 地 before a sound verb is an adverb's ending, not the floor.
			.replace(/地(?=(在)?(响|叫))/g, ' ')
			.replace(/(那个|这个){2,}/g, '$1')
			.replace(/就是说|就是|然后呢|然后|怎么说呢|对了/g, ' ')
			.replace(/\s*(\p{Script=Han})\s*/gu, '$1')
			.replace(/(\p{Script=Han}{1,3})\1+/gu, '$1')
			.trim()
	);
}

/**
 * An English sound-alike key: consonant skeleton with common spelling variants folded, so words
 * a recogniser confuses share it ("read"/"red" → `rd`, "sync"/"sink" → `snk`, "cheer"/"chair").
 */
export function soundKey(word: string): string {
	let w = word.toLowerCase().replace(/[^a-z]/g, '');
	if (!w) return '';
	w = w
		.replace(/^kn/, 'n')
		.replace(/^wr/, 'r')
		.replace(/^wh/, 'w')
		.replace(/ph/g, 'f')
		.replace(/gh/g, '')
		.replace(/ck/g, 'k')
		.replace(/dg/g, 'j')
		.replace(/ch/g, 'X')
		.replace(/sh/g, 'X')
		.replace(/th/g, '0')
		.replace(/c(?=[eiy])/g, 's')
		.replace(/[cq]/g, 'k')
		.replace(/x/g, 'ks')
		.replace(/z/g, 's')
		.replace(/e$/, '');
	const first = /[aeiouy]/.test(w[0]) ? 'a' : w[0];
	let rest = w
		.slice(1)
		.replace(/w(?![aeiou])/g, '')
		.replace(/[aeiouyhw]/g, '');
	rest = rest.replace(/(.)\1+/g, '$1');
	return (first + rest).replace(/^(.)\1/, '$1');
}

/** Fuzzy toneless pinyin of Chinese text, one syllable per character (Latin passes through). */
export function pinyinKey(text: string): string[] {
	if (!text) return [];
	return (pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[]).map(fuzzySyllable);
}

/** Folds what speakers and recognisers confuse: zh/z, ch/c, sh/s, -ng/-n, l/n. */
function fuzzySyllable(s: string): string {
	return s
		.toLowerCase()
		.replace(/^zh/, 'z')
		.replace(/^ch/, 'c')
		.replace(/^sh/, 's')
		.replace(/^n/, 'l')
		.replace(/ng$/, 'n');
}

/** Optimal-string-alignment edit distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	const d: number[][] = [];
	for (let i = 0; i <= a.length; i++) d.push([i, ...new Array(b.length).fill(0)]);
	for (let j = 0; j <= b.length; j++) d[0][j] = j;
	for (let i = 1; i <= a.length; i++)
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
		}
	return d[a.length][b.length];
}
