import type { Ray } from '../fusion/scenario.js';
import type { ActingInput } from './ActionHandler.js';
import { deicticOffsets } from './phrases.js';

/**
 * "Put that there": gives "that" and "there" the pointer rays of the moments they were said —
 * looked up in `history` (`sense.poses`) at the words' estimated times when the utterance's `startTime` is known
 * (rays a word-timed recogniser already set are kept) — and makes the "that" ray the pointer the
 * model sees, so it resolves "that" with the ray it was said with. Without timing, "there" is the
 * pointer at the end of the utterance. Changes `input` in place.
 *
 * ```ts
 * stampDeixis( 'put that there', input, sense.poses ); // input.thatRay, input.thereRay, input.pointer
 * ```
 */
export function stampDeixis(text: string, input: ActingInput, history: { pointerAt(time: number): Ray | null }): void {
	const { that, there } = deicticOffsets(text);
	if (there === null) return;
	const end = input.time ?? performance.now();
	const start = input.startTime;
	if (start !== undefined && start < end) {
		if (input.thereRay === undefined) input.thereRay = history.pointerAt(start + there * (end - start));
		if (that !== null && input.thatRay === undefined) input.thatRay = history.pointerAt(start + that * (end - start));
	}
	if (input.thereRay === undefined) input.thereRay = input.pointer ?? null;
	if (input.thatRay) input.pointer = input.thatRay;
}
