/** Episodes → training arrays (features + answer indices) for the fusion network. */

import { LIVING_ROOM } from '../../scenes/livingRoomLayout.js';
import { KINDS } from '../../src/fusion/episodes/catalog.js';
import { type Episode, generateEpisode, type Split } from '../../src/fusion/episodes/generateEpisode.js';
import { extractFeatures, type FusionFeatures, MAX_OBJECTS } from '../../src/fusion/features.js';
import { INTENTS } from '../../src/fusion/scenario.js';
import type { Vocabulary } from '../../src/perception/tokenizer.js';
import { Rng } from '../../src/runtime/Rng.js';

/** Canonical labels of the refined-label head; free host labels map to 'other'. */
export const LABEL_CLASSES = [...new Set(KINDS.map((k) => k.labels[0])), 'other'];

export interface Dataset {
	features: FusionFeatures[];
	intent: Int32Array;
	target: Int32Array;
	destination: Int32Array;
	label: Int32Array;
	labelMask: Float32Array;
}

/**
 * Episodes of a split. The test split sets `livingRoomShare` of its episodes in the demo's living
 * room, a scene training never sees (split by scene as well as by phrasing).
 */
export function generateEpisodes(
	split: Split,
	count: number,
	seed: number,
	livingRoomShare = split === 'test' ? 0.2 : 0,
): Episode[] {
	const rng = new Rng(seed);
	const out: Episode[] = [];
	const layout = { scene: 'livingroom', objects: LIVING_ROOM };
	for (let i = 0; i < count; i++)
		out.push(generateEpisode(rng, split, i, rng.chance(livingRoomShare) ? { layout } : {}));
	return out;
}

export function toDataset(episodes: Episode[], vocab: Vocabulary): Dataset {
	const n = episodes.length;
	const ds: Dataset = {
		features: [],
		intent: new Int32Array(n),
		target: new Int32Array(n),
		destination: new Int32Array(n),
		label: new Int32Array(n * MAX_OBJECTS),
		labelMask: new Float32Array(n * MAX_OBJECTS),
	};
	episodes.forEach((ep, i) => {
		const f = extractFeatures(ep.scenario, vocab);
		ds.features.push(f);
		const e = ep.scenario.expect!;
		ds.intent[i] = INTENTS.indexOf(e.intent);
		ds.target[i] = slot(f, e.target);
		ds.destination[i] = slot(f, e.destination);
		f.ids.forEach((id, s) => {
			const c = LABEL_CLASSES.indexOf(ep.trueLabel[id]);
			ds.label[i * MAX_OBJECTS + s] = c >= 0 ? c : LABEL_CLASSES.length - 1;
			ds.labelMask[i * MAX_OBJECTS + s] = 1;
		});
	});
	return ds;
}

function slot(f: FusionFeatures, id: string | null | undefined): number {
	if (!id) return MAX_OBJECTS;
	const s = f.ids.indexOf(id);
	return s >= 0 ? s : MAX_OBJECTS;
}
