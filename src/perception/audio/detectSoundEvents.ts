import { estimateAzimuth } from './direction.js';
import type { SoundEventClassifier } from './SoundEventClassifier.js';
import { rms } from './sanitize.js';
import type { ModelClass } from './soundEventModel.js';

export interface DetectOptions {
	/** Minimum class probability for an event of that class; a sound heard less surely is `unknown` (default 0.3; probabilities are calibrated, 13 classes). */
	threshold?: number;
	/** Level below which a patch is silence whatever the model says, dBFS RMS (default −60). */
	gateDb?: number;
}

/** A sound event heard in a recording or stream. */
export interface HeardSoundEvent {
	/** Start and end, seconds from the start of the signal. */
	time: number;
	end: number;
	/** A sound class, or `unknown`: a sound outside the classes, or one the model is unsure of. */
	class: Exclude<ModelClass, 'silence'>;
	/** Highest class probability over the event's patches. */
	score: number;
	/** Head-frame azimuth in radians (negative = left), or null when unknown (mono, or identical channels). */
	azimuth: number | null;
	/** Confidence of the direction, 0–1 (0 when unknown). */
	directionConfidence: number;
	/** True when the event's stereo input clipped (the bearing then rests on timing and the level cue's sign). */
	clipped: boolean;
}

/**
 * Turns a mono or stereo signal into sound events: classifies ~0.96 s patches (50 % overlap),
 * drops silence, quiet patches and unsure ones, merges consecutive patches of one class into one
 * event, and estimates each event's azimuth from the stereo pair over the event's span.
 *
 * ```ts
 * const events = await detectSoundEvents( classifier, [ left, right ], 48000 );
 * // [{ time: 0.48, end: 1.94, class: 'dog', score: 0.93, azimuth: -0.61, directionConfidence: 0.8, clipped: false }]
 * ```
 */
export async function detectSoundEvents(
	classifier: SoundEventClassifier,
	channels: Float32Array[],
	sampleRate: number,
	options: DetectOptions = {},
): Promise<HeardSoundEvent[]> {
	if (channels.length === 0) return [];
	const threshold = options.threshold ?? 0.3;
	const gate = 10 ** ((options.gateDb ?? -60) / 20);
	const length = Math.min(...channels.map((c) => c.length));
	const mono = new Float32Array(length);
	for (const channel of channels) for (let i = 0; i < length; i++) mono[i] += channel[i] / channels.length;
	const patches = await classifier.classify(mono, sampleRate);
	const events: HeardSoundEvent[] = [];
	let current: HeardSoundEvent | null = null;
	for (const patch of patches) {
		const from = Math.floor(patch.start * sampleRate);
		const to = Math.min(length, Math.ceil(patch.end * sampleRate));
		if (patch.class === 'silence' || rms(mono, from, to) < gate) {
			current = null;
			continue;
		}
		// Something was heard: the top class if the model is sure enough, else "none of these".
		const heardClass = patch.score >= threshold ? patch.class : 'unknown';
		if (current && current.class === heardClass && patch.start <= current.end) {
			current.end = patch.end;
			current.score = Math.max(current.score, patch.score);
		} else {
			current = {
				time: patch.start,
				end: patch.end,
				class: heardClass,
				score: patch.score,
				azimuth: null,
				directionConfidence: 0,
				clipped: false,
			};
			events.push(current);
		}
	}
	if (channels.length >= 2) {
		for (const event of events) {
			const from = Math.floor(event.time * sampleRate);
			const to = Math.min(length, Math.ceil(event.end * sampleRate));
			const estimate = estimateAzimuth(channels[0].subarray(from, to), channels[1].subarray(from, to), sampleRate);
			event.azimuth = estimate.azimuth;
			event.directionConfidence = estimate.confidence;
			event.clipped = estimate.clipped;
		}
	}
	return events;
}
