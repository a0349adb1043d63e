import type { ColorName, SoundClass } from '../scenario.js';

/** How one object relates to another in a description ("the book on the couch"). */
export type RelationType = 'on' | 'in' | 'under' | 'near' | 'left' | 'right' | 'front' | 'behind';

/**
 * A referring expression as the parser read it: the words that pick out one object, in any
 * language. The same structure describes targets and destinations, so "the white one next to the
 * sink" is grounded the same way whichever role it plays.
 */
export interface Mention {
	/** The noun as said ("mug", "杯子"), for "I don't see a …"; null when none was said. */
	noun: string | null;
	/** Labels the noun can refer to; null: any object ("the red one", "that"). */
	labels: Set<string> | null;
	/** Names or labels of free-label objects the words matched directly (ids). */
	ids: Set<string> | null;
	/** The noun matched only by sound or spelling, not exactly. */
	fuzzy: boolean;
	/** The noun is known but no object here carries it. */
	absent: boolean;
	/** A content word no lexicon knows and nothing here sounds like (perhaps an unknown noun). */
	unknown?: string;
	color?: ColorName;
	/** The colour was only heard by sound ("ready" for "red"): a hint, not a constraint. */
	colorFuzzy?: boolean;
	/** The content words said for the noun ("exam table"), matched against host names. */
	words?: string[];
	/** "the white one", "小的那个": the noun is left unsaid, as if it were the other mention's. */
	anaphor?: boolean;
	side?: 'left' | 'right';
	distance?: 'near' | 'far';
	ordinal?: { k: number; from: 'left' | 'right' };
	size?: 'big' | 'small';
	height?: 'tall' | 'short';
	middle?: boolean;
	owner?: string;
	deixis?: 'this' | 'that' | 'it' | 'here' | 'there' | 'gaze';
	sound?: SoundClass | 'any';
	hidden?: boolean;
	relation?: { type: RelationType; ref: Mention };
}

export function emptyMention(): Mention {
	return { noun: null, labels: null, ids: null, fuzzy: false, absent: false };
}

/** Whether the mention says anything at all about which object. */
export function isInformative(m: Mention): boolean {
	return !!(
		m.noun ||
		m.color ||
		m.side ||
		m.distance ||
		m.ordinal ||
		m.size ||
		m.height ||
		m.middle ||
		m.owner ||
		m.deixis ||
		m.sound ||
		m.relation
	);
}
