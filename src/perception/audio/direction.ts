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
	/** Radians, 0 = straight ahead, positive = right, negative = left, in [−π/2, π/2] (front assumed). */
	azimuth: number;
	/** Interaural time difference, seconds, positive = right ear first. */
	itd: number;
	/** Interaural level difference, dB, positive = right louder. */
	ild: number;
	/** 0–1: agreement and clarity of the cues. */
	confidence: number;
}

/** Woodworth: ITD = (r/c)(θ + sin θ); inverted by bisection, clamped to ±90°. */
export function itdToAzimuth(itd: number, head: HeadModel = DEFAULT_HEAD): number {
	const scale = head.radius / head.speedOfSound;
	const target = Math.min(Math.abs(itd) / scale, Math.PI / 2 + 1);
	let lo = 0;
	let hi = Math.PI / 2;
	for (let i = 0; i < 40; i++) {
		const mid = (lo + hi) / 2;
		if (mid + Math.sin(mid) < target) lo = mid;
		else hi = mid;
	}
	return Math.sign(itd) * (lo + hi) * 0.5;
}

/** Forward Woodworth model, for tests and synthesis. */
export function azimuthToItd(azimuth: number, head: HeadModel = DEFAULT_HEAD): number {
	return (head.radius / head.speedOfSound) * (azimuth + Math.sin(azimuth));
}

export function ildToAzimuth(ild: number, head: HeadModel = DEFAULT_HEAD): number {
	return Math.asin(Math.max(-1, Math.min(1, ild / head.maxIld)));
}

/**
 * Azimuth of the dominant source in a stereo block (left, right at `sampleRate`), from GCC-PHAT
 * ITD and broadband ILD. Timing is the primary cue; the level cue is weighted in by how weak the
 * correlation peak is, and dropped when either channel clips (clipping flattens level differences).
 *
 * ```ts
 * const { azimuth } = estimateAzimuth( left, right, 48000 ); // radians, negative = left
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
	let el = 0;
	let er = 0;
	for (let i = 0; i < left.length; i++) el += left[i] * left[i];
	for (let i = 0; i < right.length; i++) er += right[i] * right[i];
	if (el + er < 1e-12) return { azimuth: 0, itd: 0, ild: 0, confidence: 0 };
	const ild = 10 * Math.log10((er + 1e-12) / (el + 1e-12));
	const { delay, peak } = gccPhat(left, right, { sampleRate });
	const azItd = itdToAzimuth(delay, head);
	const azIld = ildToAzimuth(ild, head);
	const clipping = (lr.clipped + rr.clipped) / Math.max(1, lr.length + rr.length) > 0.001;
	// Amplitude panning (a stereo mix, three's 'equalpower' panner) has a level cue and no delay at
	// all; a real head never hears ~0 ITD with a large ILD, so then the level is the cue to follow.
	const panned = !clipping && Math.abs(delay) < 30e-6 && Math.abs(ild) > 3;
	const wItd = panned ? 0.05 : Math.max(peak, 0.05);
	const wIld = clipping ? 0 : panned ? 1 : 0.25 * (1 - peak);
	const azimuth = (wItd * azItd + wIld * azIld) / (wItd + wIld);
	const agree = Math.sign(azItd) === Math.sign(azIld) || Math.abs(azItd - azIld) < 0.35;
	return { azimuth, itd: delay, ild, confidence: Math.min(1, peak * (agree ? 1 : 0.5)) };
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
