/** The synthetic sound-event splits used by training, the held-out test and the bench (Node only). */
import { synthesizeCorpus } from '../../src/perception/audio/corpus/synthesizeClip.js';
import { logMelSpectrogram } from '../../src/perception/audio/logMel.js';
import { PATCH_FRAMES, PATCH_SAMPLES } from '../../src/perception/audio/soundEventModel.js';
import { espeakSpeech } from './espeak.js';

/** How a split is made; recorded in metrics.json so a test can rebuild the exact held-out split. */
export interface SplitSpec {
	seed: number;
	perClass: number;
	/** Seed and size of the espeak-ng utterance pool the speech clips draw from. */
	speechSeed: number;
	speechCount: number;
}

export interface Split {
	/** `count × PATCH_FRAMES × 64` log-mel patches. */
	features: Float32Array;
	labels: number[];
	count: number;
	bands: number;
}

/** Synthesises a split and turns every clip into one log-mel patch. */
export function buildSplit(spec: SplitSpec): Split {
	const speech = espeakSpeech(spec.speechSeed, spec.speechCount);
	const { clips, labels } = synthesizeCorpus(spec.perClass, spec.seed, { rate: 16000, length: PATCH_SAMPLES, speech });
	const first = logMelSpectrogram(clips[0]);
	if (first.frames !== PATCH_FRAMES) throw new Error(`corpus: clip gives ${first.frames} frames, not ${PATCH_FRAMES}`);
	const size = PATCH_FRAMES * first.bands;
	const features = new Float32Array(clips.length * size);
	clips.forEach((clip, i) => {
		features.set(logMelSpectrogram(clip).data, i * size);
	});
	return { features, labels, count: clips.length, bands: first.bands };
}
