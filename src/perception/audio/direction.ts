import type { Quaternion, Vector3 } from 'three';
import { gccPhat } from './gccPhat.js';
import { sanitizeSamples } from './sanitize.js';

/** Head model for turning interaural cues into an angle. */
export interface HeadModel {
	/** Head radius in metres (Woodworth's spherical head; 8.75 cm is the textbook adult). */
	radius: number;
	/** Speed of sound, m/s. */
	speedOfSound: number;
	/** Broadband level difference (dB) of a source at 90°; ILD is taken as `maxIld · sin θ`. */
	maxIld: number;
}

export const DEFAULT_HEAD: Readonly<HeadModel> = Object.freeze({ radius: 0.0875, speedOfSound: 343, maxIld: 12 });

/** A direction of arrival in the head frame, from one stereo block. */
export interface AzimuthEstimate {
	/**
	 * Radians, 0 = straight ahead, positive = right, negative = left, in [−π/2, π/2] (front assumed);
	 * null when the block holds no bearing: silence, or two identical channels (mono input, or a
	 * panner whose HRTF data has not loaded yet) — that is "unknown", not "straight ahead".
	 */
	azimuth: number | null;
	/** Interaural time difference, seconds, positive = right ear first. */
	itd: number;
	/** Interaural level difference, dB, positive = right louder. */
	ild: number;
	/**
	 * 0–1, from the correlation peak: its height times its lead over the next candidate delay (a
	 * tone's peak repeats every period, a diffuse sound has no clear one), lower when the level cue
	 * disagrees or the input clips; 0 when the bearing is unknown.
	 */
	confidence: number;
	/** True when more than 0.1 % of the samples were at full scale: the level cue is then only trusted for its sign. */
	clipped: boolean;
	/** Fraction of the block's samples (both channels) at or beyond full scale, 0–1. */
	clippedFraction: number;
}

/**
 * How far a frequency is from the low-frequency end of the ITD model, 0–1: 0 at and below 500 Hz
 * (ka ≈ 0.8, where a sphere's interaural delay is 3(r/c) sin θ — Kuhn's limit, half as large again
 * as at high frequencies), 1 at and above 3 kHz (Woodworth's (r/c)(θ + sin θ)), log-linear between.
 */
function highFrequencyShare(frequency: number): number {
	if (!(frequency > 500)) return frequency > 0 ? 0 : 1;
	return Math.min(1, Math.log(frequency / 500) / Math.log(6));
}

/** Interaural delay over r/c of a source at `azimuth` (0–π/2) heard at `frequency`. */
function itdFactor(azimuth: number, frequency: number): number {
	const b = highFrequencyShare(frequency);
	return (1 - b) * 3 * Math.sin(azimuth) + b * (azimuth + Math.sin(azimuth));
}

/**
 * Inverts the head's ITD model by bisection, clamped to ±90°. Broadband (no `frequency`, or 3 kHz
 * and above): Woodworth, ITD = (r/c)(θ + sin θ). A narrowband sound at `frequency` Hz below that
 * blends towards the low-frequency limit 3(r/c) sin θ: a 450 Hz ring from 50° arrives ~1.4× as
 * early at the near ear as a click from there would, and taking it for a click puts it at 90°.
 *
 * ```ts
 * itdToAzimuth( 440e-6 ); // ≈ 0.93 rad (53°), broadband
 * itdToAzimuth( 610e-6, DEFAULT_HEAD, 450 ); // ≈ 0.93 rad too, for a 450 Hz tone
 * ```
 */
export function itdToAzimuth(
	itd: number,
	head: HeadModel = DEFAULT_HEAD,
	frequency = Number.POSITIVE_INFINITY,
): number {
	const target = Math.abs(itd) / (head.radius / head.speedOfSound);
	let lo = 0;
	let hi = Math.PI / 2;
	if (target >= itdFactor(hi, frequency)) return Math.sign(itd) * hi;
	for (let i = 0; i < 40; i++) {
		const mid = (lo + hi) / 2;
		if (itdFactor(mid, frequency) < target) lo = mid;
		else hi = mid;
	}
	return Math.sign(itd) * (lo + hi) * 0.5;
}

/** Forward model of {@link itdToAzimuth} (Woodworth unless a narrowband `frequency` is given), for tests and synthesis. */
export function azimuthToItd(
	azimuth: number,
	head: HeadModel = DEFAULT_HEAD,
	frequency = Number.POSITIVE_INFINITY,
): number {
	return (head.radius / head.speedOfSound) * Math.sign(azimuth) * itdFactor(Math.abs(azimuth), frequency);
}

export function ildToAzimuth(ild: number, head: HeadModel = DEFAULT_HEAD): number {
	return Math.asin(Math.max(-1, Math.min(1, ild / head.maxIld)));
}

/** A level difference this large (dB) means one ear hears (nearly) nothing: the source is on the other side, whatever the timing says. */
const ONE_SIDED_DB = 20;
/** Candidate delays whose correlation peak is at least this fraction of the best are equally plausible timings. */
const RIVAL_FRACTION = 0.8;
/** Below this, the two channels are one signal: the difference's energy relative to the pair's. */
const IDENTICAL = 1e-9;

/**
 * Azimuth of the dominant source in a stereo block (left, right at `sampleRate`), from GCC-PHAT
 * ITD and broadband ILD.
 *
 * - Timing is the primary cue, searched only over delays a head can produce, and turned into an
 *   angle with the head model at the frequencies the correlation rests on (low tones arrive with
 *   larger delays than clicks).
 * - A narrowband source (a 1 kHz tone, a two-tone ring) correlates at every period: when several
 *   delays fit about equally, the level cue picks the one on its side.
 * - A (near) silent ear, or a level difference with no delay (amplitude panning), is followed by
 *   level; clipping compresses level differences but keeps their sign, so it is still used to pick a
 *   side, never to weight the angle, and the estimate says it clipped.
 * - Identical channels and silence give `azimuth: null`, confidence 0.
 *
 * ```ts
 * const { azimuth, confidence, clipped } = estimateAzimuth( left, right, 48000 ); // radians, negative = left
 * if ( azimuth === null ) console.log( 'bearing unknown' );
 * ```
 */
export function estimateAzimuth(
	leftIn: Float32Array,
	rightIn: Float32Array,
	sampleRate: number,
	head: HeadModel = DEFAULT_HEAD,
): AzimuthEstimate {
	const { samples: left, report: lr } = sanitizeSamples(leftIn);
	const { samples: right, report: rr } = sanitizeSamples(rightIn);
	const clippedFraction = (lr.clipped + rr.clipped) / Math.max(1, lr.length + rr.length);
	const clipped = clippedFraction > 0.001;
	let el = 0;
	let er = 0;
	let ed = 0;
	const length = Math.min(left.length, right.length);
	for (let i = 0; i < length; i++) {
		el += left[i] * left[i];
		er += right[i] * right[i];
		ed += (left[i] - right[i]) * (left[i] - right[i]);
	}
	if (el + er < 1e-12 || ed <= IDENTICAL * (el + er))
		return { azimuth: null, itd: 0, ild: 0, confidence: 0, clipped, clippedFraction };
	const ild = Math.max(-99, Math.min(99, 10 * Math.log10((er + 1e-12) / (el + 1e-12))));
	const azIld = ildToAzimuth(ild, head);
	if (Math.abs(ild) >= ONE_SIDED_DB) {
		// One ear (nearly) silent: no timing to measure, and no doubt about the side.
		const confidence = Math.min(0.9, 0.5 + (Math.abs(ild) - ONE_SIDED_DB) / 50);
		return { azimuth: Math.sign(ild) * (Math.PI / 2), itd: 0, ild, confidence, clipped, clippedFraction };
	}
	// The largest delay a head makes: (r/c)(π/2 + 1) for broadband sound, 3(r/c) at low frequencies;
	// 15 % beyond that, as real heads (and Chromium's HRTF set) are a little wider than the model's.
	const maxItd = (head.radius / head.speedOfSound) * 3;
	const gcc = gccPhat(left, right, { sampleRate, maxDelay: maxItd * 1.15 });
	const f = gcc.frequency;
	let delay = gcc.delay;
	let resolvedByLevel = 0;
	let rivals = 0;
	for (const p of gcc.peaks) if (p.height >= RIVAL_FRACTION * gcc.peak) rivals++;
	if (rivals > 1) {
		// Phase wrap: pick the rival delay whose azimuth the level difference agrees with best.
		let bestError = Number.POSITIVE_INFINITY;
		let nextError = Number.POSITIVE_INFINITY;
		for (let i = 0; i < rivals; i++) {
			const error = Math.abs(itdToAzimuth(gcc.peaks[i].delay, head, f) - azIld);
			if (error < bestError) {
				nextError = bestError;
				bestError = error;
				delay = gcc.peaks[i].delay;
			} else if (error < nextError) nextError = error;
		}
		// Clearly (the level's angle fits one rival only) or at least by side (clipping compresses the level).
		resolvedByLevel = nextError - bestError > 0.35 ? (bestError < 0.35 ? 0.5 : 0.25) : 0;
	}
	const azItd = itdToAzimuth(delay, head, f);
	// Amplitude panning (a stereo mix, three's 'equalpower' panner) has a level cue and no delay at
	// all; a real head never hears ~0 ITD with a large ILD, so then the level is the cue to follow.
	const panned = Math.abs(delay) < 30e-6 && Math.abs(ild) > 3;
	const wItd = panned ? 0.05 : Math.max(gcc.peak, 0.05);
	const wIld = panned ? 1 : clipped ? 0 : 0.25 * (1 - gcc.peak);
	const azimuth = (wItd * azItd + wIld * azIld) / (wItd + wIld);
	const agree = Math.sign(azItd) === Math.sign(azIld) || Math.abs(azItd - azIld) < 0.35;
	// A sharp peak leads every other candidate delay by far; a tone's or a diffuse sound's does not.
	// A split peak (two maxima within 120 µs, ~10° ahead) is one direction, not a rival.
	let second = 0;
	for (const p of gcc.peaks) if (Math.abs(p.delay - delay) > 120e-6) second = Math.max(second, p.height);
	const lead = gcc.peak > 0 ? Math.max(0, 1 - second / gcc.peak) : 0;
	const sharpness = panned ? Math.min(1, Math.abs(ild) / 12) : Math.max(lead, resolvedByLevel);
	const confidence = Math.min(1, gcc.peak * sharpness * (agree ? 1 : 0.5) * (clipped ? 0.8 : 1));
	return { azimuth, itd: delay, ild, confidence, clipped, clippedFraction };
}

/**
 * World-space unit direction of a head-frame azimuth, given the head orientation when the block was
 * captured (three.js camera convention: forward −Z, right +X).
 *
 * ```ts
 * azimuthToWorldDirection( estimate.azimuth, block.pose.quaternion, sound.direction );
 * ```
 */
export function azimuthToWorldDirection(azimuth: number, headQuaternion: Quaternion, target: Vector3): Vector3 {
	return target.set(Math.sin(azimuth), 0, -Math.cos(azimuth)).applyQuaternion(headQuaternion);
}
