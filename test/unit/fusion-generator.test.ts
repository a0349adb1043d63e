import { describe, expect, it } from 'vitest';
import { LIVING_ROOM } from '../../scenes/livingRoomLayout.js';
import { generateEpisode, PHENOMENA, type Phenomenon } from '../../src/fusion/episodes/generateEpisode.js';
import { nounMatches, resolve } from '../../src/fusion/episodes/reference.js';
import { isTestFamily } from '../../src/fusion/episodes/render.js';
import { toView, viewFrame } from '../../src/fusion/geometry.js';
import { validateScenario } from '../../src/fusion/validateScenario.js';
import { Rng } from '../../src/runtime/Rng.js';

const episodes = (split: 'train' | 'test', n: number, seed: number, only?: Phenomenon) => {
	const rng = new Rng(seed);
	return Array.from({ length: n }, (_, i) => generateEpisode(rng, split, i, { only }));
};

describe('episode generator', () => {
	const train = episodes('train', 600, 11);
	const test = episodes('test', 300, 12);

	it('writes valid scenarios with the phenomenon in the id', () => {
		for (const ep of [...train, ...test]) {
			expect(validateScenario(ep.scenario)).toEqual([]);
			expect(ep.scenario.id.endsWith(`-${ep.phenomenon}`)).toBe(true);
			expect(ep.scenario.objects.length).toBeGreaterThanOrEqual(3);
			expect(ep.scenario.objects.length).toBeLessThanOrEqual(16);
		}
	});

	it('is unambiguous: each description picks out exactly the expected object', () => {
		for (const ep of [...train, ...test]) {
			const e = ep.scenario.expect!;
			if (ep.ref === null) {
				expect(e.intent).toBe('none');
				expect(e.target).toBeNull();
				continue;
			}
			const found = resolve(ep.ref, ep.context);
			expect(found).toEqual([ep.target]);
			if (ep.destRef) expect(resolve(ep.destRef, ep.context)).toEqual([ep.destination]);
			expect(e.target).not.toBeNull();
		}
	});

	it('checks unambiguity independently for colour and side descriptions', () => {
		for (const ep of episodes('train', 60, 13, 'color')) {
			if (ep.ref?.type !== 'color') continue;
			const ref = ep.ref;
			const same = ep.items.filter((i) => nounMatches(i, ref.noun, ep.context.lang) && i.color === ref.color);
			expect(same).toEqual([ep.target]);
		}
		for (const ep of episodes('train', 60, 14, 'side')) {
			if (ep.ref?.type !== 'side') continue;
			const ref = ep.ref;
			const frame = viewFrame(ep.context.viewer);
			const xs = ep.items
				.filter((i) => nounMatches(i, ref.noun, ep.context.lang))
				.map((i) => toView(frame, i.position)[0]);
			const tx = toView(frame, ep.target!.position)[0];
			expect(ref.side === 'left' ? Math.min(...xs) : Math.max(...xs)).toBe(tx);
			expect(xs.filter((x) => Math.abs(x - tx) < 0.25).length).toBe(1);
		}
	});

	it('covers every phenomenon, both languages', () => {
		const seen = new Set(train.map((e) => e.phenomenon));
		for (const p of Object.keys(PHENOMENA)) expect(seen.has(p as Phenomenon)).toBe(true);
		const zh = train.filter((e) => /\p{Script=Han}/u.test(e.scenario.transcript)).length;
		expect(zh / train.length).toBeGreaterThan(0.3);
		expect(zh / train.length).toBeLessThan(0.6);
	});

	it('keeps test phrasings (template combinations) out of training', () => {
		const trainFamilies = new Set(train.map((e) => e.family));
		for (const e of test) {
			expect(isTestFamily(e.family) || e.phenomenon === 'none').toBe(true);
			expect(trainFamilies.has(e.family)).toBe(false);
		}
		for (const e of train) if (e.phenomenon !== 'none') expect(isTestFamily(e.family)).toBe(false);
		const trainText = new Set(train.map((e) => e.scenario.transcript));
		const overlap = test.filter((e) => e.scenario.transcript && trainText.has(e.scenario.transcript)).length;
		expect(overlap / test.length).toBeLessThan(0.05);
	});

	it('sets episodes in the demo living room without changing it', () => {
		const rng = new Rng(21);
		const layout = { scene: 'livingroom', objects: LIVING_ROOM };
		for (let i = 0; i < 80; i++) {
			const ep = generateEpisode(rng, 'test', i, { layout });
			expect(ep.scenario.id).toMatch(/-livingroom-/);
			expect(ep.scenario.objects.length).toBe(LIVING_ROOM.length);
			if (ep.ref) expect(resolve(ep.ref, ep.context)).toEqual([ep.target]);
		}
	});

	it('is reproducible from a seed', () => {
		expect(episodes('train', 20, 5).map((e) => e.scenario)).toEqual(episodes('train', 20, 5).map((e) => e.scenario));
	});
});
