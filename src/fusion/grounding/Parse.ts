import type { Intent } from '../scenario.js';
import type { Mention, RelationType } from './Mention.js';

/** Part of a noun-phrase region, opened by a preposition (null for the first). */
export interface Segment {
	prep: RelationType | 'to' | null;
	/** The preposition as said ("onto", "next to"). */
	said?: string;
	words: string[];
}

/** A target and destination reading of a `move` ("put [the book on the couch] [on the shelf]"). */
export interface MoveReading {
	target: Mention;
	destination: Mention | null;
}

/**
 * What the grammar read from an utterance. `intent` null: it found no command it knows, and the
 * network decides. `addressed` says how sure it is that the words are a request to the system at
 * all (not a phone call, a remark, a sentence to another person).
 */
export interface Parse {
	lang: 'en' | 'zh';
	intent: Intent | null;
	/** 0–1: a clear request (1), a request-like remark (~0.5), a statement to someone else (0). */
	addressed: number;
	/** Why it is not a command, when `addressed` is low. */
	reason?: string;
	/** `show` said of something not hidden means `select` ("show me the lamp"). */
	showOrSelect?: boolean;
	/** Readings of the noun phrases, best first; one for non-move intents. */
	readings: MoveReading[];
}
