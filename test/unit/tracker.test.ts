import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { ObjectTracker, type Observation } from '../../src/world/ObjectTracker.js';
import { WorldModel } from '../../src/world/WorldModel.js';

/** Deterministic pseudo-random jitter (no flaky tests). */
function jitter(seed: number): () => number {
	let s = seed;
	return () => {
		s = (s * 1103515245 + 12345) % 2147483648;
		return s / 2147483648 - 0.5;
	};
}

function obs(label: string, x: number, y: number, z: number, confidence = 0.8): Observation {
	return { label, confidence, position: new Vector3(x, y, z), size: new Vector3(0.3, 0.3, 0.3), color: 'red' };
}

describe('ObjectTracker', () => {
	it('records what lifted a track, from its latest sighting', () => {
		const world = new WorldModel();
		const tracker = new ObjectTracker(world);
		tracker.update([{ ...obs('cup', 1, 0.8, -1), liftedBy: 'plane' }]);
		tracker.update([{ ...obs('cup', 1, 0.8, -1), liftedBy: 'hit-test' }]);
		const [cup] = world.objects.values();
		expect(cup.liftedBy).toBe('hit-test');
		tracker.update([{ ...obs('cup', 1, 0.8, -1), liftedBy: 'depth' }]);
		expect(cup.liftedBy).toBe('depth');
	});

	it('keeps ids stable under jitter and smooths positions', () => {
		const world = new WorldModel();
		const tracker = new ObjectTracker(world);
		const rand = jitter(7);
		for (let i = 0; i < 30; i++) {
			tracker.update([
				obs('cup', 1 + rand() * 0.1, 0.8 + rand() * 0.1, -1 + rand() * 0.1),
				obs('chair', -1 + rand() * 0.1, 0.45, -2 + rand() * 0.1),
				obs('cup', 1.4 + rand() * 0.1, 0.8, -1 + rand() * 0.1), // a second cup 40 cm away
			]);
		}
		const objects = [...world.objects.values()];
		expect(objects.map((o) => o.label).sort()).toEqual(['chair', 'cup', 'cup']);
		const ids = objects.map((o) => o.id);
		const cups = objects.filter((o) => o.label === 'cup').sort((a, b) => a.position.x - b.position.x);
		for (let i = 0; i < 30; i++) {
			tracker.update([
				obs('cup', 1 + rand() * 0.1, 0.8, -1 + rand() * 0.1),
				obs('cup', 1.4 + rand() * 0.1, 0.8, -1 + rand() * 0.1),
				obs('chair', -1 + rand() * 0.1, 0.45, -2),
			]);
			expect([...world.objects.keys()]).toEqual(ids);
		}
		expect(cups[0].position.distanceTo(new Vector3(1, 0.8, -1))).toBeLessThan(0.06);
		expect(cups[1].position.distanceTo(new Vector3(1.4, 0.8, -1))).toBeLessThan(0.06);
		expect(cups[0].color).toBe('red');
		expect(cups[0].source).toBe('detector');
	});

	it('adds a track only after repeated sightings and removes it only after repeated misses in view', () => {
		const world = new WorldModel();
		const tracker = new ObjectTracker(world, { confirmHits: 2, removeMisses: 3 });
		const labels: string[] = [];
		tracker.addEventListener('label', (e) => labels.push(e.label));
		tracker.update([obs('bottle', 0, 1, -1)]);
		expect(world.objects.size).toBe(0); // one sighting is not enough
		tracker.update([]); // a one-off false positive is forgotten
		tracker.update([obs('bottle', 0, 1, -1)]);
		expect(world.objects.size).toBe(0);
		tracker.update([obs('bottle', 0.02, 1, -1)]);
		expect(world.objects.size).toBe(1);
		expect(labels).toEqual(['bottle']);
		const id = [...world.objects.keys()][0];
		tracker.update([]);
		tracker.update([]);
		expect(world.get(id)).toBeDefined(); // two misses: still there
		tracker.update([obs('bottle', 0, 1, -1)]); // seen again: misses reset
		tracker.update([]);
		tracker.update([]);
		expect(world.get(id)).toBeDefined();
		// out of view, misses do not count
		for (let i = 0; i < 10; i++) tracker.update([], () => false);
		expect(world.get(id)).toBeDefined();
		tracker.update([]);
		expect(world.get(id)).toBeUndefined();
	});

	it('forgets an unconfirmed sighting after a while even out of view, but never a confirmed track', () => {
		const world = new WorldModel();
		const tracker = new ObjectTracker(world, { tentativeRounds: 3 });
		const leftOnly = (p: Vector3) => p.x < 1; // the vase, at x = 2, is out of view from now on
		tracker.update([obs('vase', 2, 1, -1)]);
		tracker.update([obs('cup', 0, 1, -1)], leftOnly);
		tracker.update([obs('cup', 0, 1, -1)], leftOnly);
		expect(tracker.trackCount).toBe(2); // the cup is confirmed, the vase still tentative
		for (let i = 0; i < 3; i++) tracker.update([], () => false);
		expect(tracker.trackCount).toBe(1);
		expect([...world.objects.values()].map((o) => o.label)).toEqual(['cup']);
	});

	it('smooths label confidence and relabels only when another label wins over time', () => {
		const world = new WorldModel();
		const tracker = new ObjectTracker(world);
		const events: string[] = [];
		tracker.addEventListener('label', (e) => events.push(e.label));
		for (let i = 0; i < 6; i++) tracker.update([obs('cup', 0, 1, -1, 0.9)]);
		const object = [...world.objects.values()][0];
		tracker.update([obs('bowl', 0.01, 1, -1, 0.5)]); // one hesitation
		expect(object.label).toBe('cup');
		for (let i = 0; i < 8; i++) tracker.update([obs('bowl', 0, 1, -1, 0.9)]);
		expect(object.label).toBe('bowl');
		expect(events).toEqual(['cup', 'bowl']);
		expect(object.confidence).toBeGreaterThan(0.6);
		expect([...world.objects.keys()]).toEqual([object.id]);
	});

	it('syncs platform planes by identity', () => {
		const world = new WorldModel();
		const tracker = new ObjectTracker(world);
		const floor = {};
		const table = {};
		const s = (key: object, label: string) => ({ key, label, position: new Vector3(), size: new Vector3(1, 0, 1) });
		tracker.syncSurfaces('plane', [s(floor, 'floor'), s(table, 'table')]);
		const ids = [...world.objects.keys()];
		expect([...world.objects.values()].map((o) => [o.label, o.source])).toEqual([
			['floor', 'plane'],
			['table', 'plane'],
		]);
		tracker.syncSurfaces('plane', [s(floor, 'floor')]);
		expect([...world.objects.keys()]).toEqual([ids[0]]);
		tracker.clear();
		expect(world.objects.size).toBe(0);
	});
});
