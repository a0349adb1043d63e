import { azimuthToItd, DEFAULT_HEAD } from '../../src/perception/audio/direction.js';
import { gccPhat } from '../../src/perception/audio/gccPhat.js';

/**
 * A mono source placed at `deg` azimuth (positive: left) at `rate` Hz: the head model's interaural
 * time difference in whole samples and its level difference.
 */
export function placeSource(mono: Float32Array, rate: number, deg: number): [Float32Array, Float32Array] {
	const az = (deg * Math.PI) / 180;
	// A head delays low sounds more than clicks: the model's ITD at the frequencies the correlation
	// of this sound rests on (the same weighting the estimator uses), as one whole-sample shift.
	const { frequency } = gccPhat(mono, mono, { sampleRate: rate });
	const shift = Math.round(azimuthToItd(az, DEFAULT_HEAD, frequency) * rate);
	const ild = DEFAULT_HEAD.maxIld * Math.sin(az);
	const left = new Float32Array(mono.length);
	const right = new Float32Array(mono.length);
	for (let i = 0; i < mono.length; i++) {
		left[i] = (mono[i - Math.max(0, shift)] ?? 0) * 10 ** (Math.min(0, -ild) / 20);
		right[i] = (mono[i - Math.max(0, -shift)] ?? 0) * 10 ** (Math.min(0, ild) / 20);
	}
	return [left, right];
}
