/**
 * The length and character rule every transcript passes before it is understood. Spoken commands
 * are short (the longest of the 1,033 hand-written natural sentences has 75 characters), while a
 * stuck microphone, a pasted document or a hostile page can hand over megabytes, and Chinese word
 * segmentation grows faster than linearly with the length of a run of Han characters (100,000
 * characters take about a minute, `npm run bench transcripts`). So:
 *
 * - only the last {@link MAX_TRANSCRIPT_CHARS} code points are kept (the end, as the network's
 *   token window keeps the end: in a long run-on the request comes last), cut at a space where one
 *   is near so that no word is split;
 * - control characters become spaces, and bidirectional overrides are dropped (they would reverse
 *   the text shown on labels and panels);
 * - lone UTF-16 surrogates, which no speech recogniser produces, become U+FFFD.
 *
 * ```ts
 * clampTranscript( 'um\u0000 pick up the cup' ); // 'um  pick up the cup'
 * ```
 */
export const MAX_TRANSCRIPT_CHARS = 200;

const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function clampTranscript(text: string): string {
	let s = text;
	// Fast path for what people say: short enough that counting code points is not needed.
	if (s.length > MAX_TRANSCRIPT_CHARS) {
		const points = Array.from(s.slice(-4 * MAX_TRANSCRIPT_CHARS));
		if (points.length > MAX_TRANSCRIPT_CHARS) {
			s = points.slice(-MAX_TRANSCRIPT_CHARS).join('');
			const space = s.search(/\s/);
			if (space >= 0 && space < 24) s = s.slice(space + 1);
		}
	}
	return s.replace(LONE_SURROGATE, '\ufffd').replace(BIDI, '').replace(CONTROLS, ' ');
}
