import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { SoundSourceTracker } from '../../src/world/SoundSourceTracker.js';
import { WorldModel } from '../../src/world/WorldModel.js';

const schema = JSON.parse(readFileSync(new URL('../../../shared/scenario.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

/** World direction of a bearing (degrees, positive = right) for a listener looking down −Z. */
const bearing = (deg: number) => new Vector3(Math.sin((deg * Math.PI) / 180), 0, -Math.cos((deg * Math.PI) / 180));
const degOf = (v: Vector3) => (Math.atan2(v.x, -v.z) * 180) / Math.PI;

describe('SoundSourceTracker', () => {
	it('two phones ringing from two sides are two sources; each follows its own events', () => {
		const tracker = new SoundSourceTracker();
		// Alternating rings from −50° and +40°, each estimate a few degrees off.
		const heard = [-50, 40, -46, 43, -53, 38, -49, 41];
		for (const [i, deg] of heard.entries())
			tracker.update({ class: 'phone_ring', direction: bearing(deg), confidence: 0.9, time: i * 500, objectId: null });
		expect(tracker.sources).toHaveLength(2);
		const [left, right] = tracker.sources;
		expect(left.id).not.toBe(right.id);
		expect(Math.abs(degOf(left.direction) + 50)).toBeLessThan(4);
		expect(Math.abs(degOf(right.direction) - 40)).toBeLessThan(4);
		expect([left.count, right.count]).toEqual([4, 4]);
		expect([left.firstHeard, left.lastHeard]).toEqual([0, 3000]);
		expect([right.firstHeard, right.lastHeard]).toEqual([500, 3500]);
	});

	it('another class from the same direction is another source; an unknown bearing joins none', () => {
		const tracker = new SoundSourceTracker();
		tracker.update({ class: 'phone_ring', direction: bearing(10), confidence: 1, time: 0, objectId: null });
		tracker.update({ class: 'knock', direction: bearing(12), confidence: 1, time: 1, objectId: null });
		expect(tracker.update({ class: 'phone_ring', direction: null, confidence: 1, time: 2, objectId: null })).toBeNull();
		expect(tracker.sources.map((s) => [s.class, s.count])).toEqual([
			['phone_ring', 1],
			['knock', 1],
		]);
	});

	it('an event attributed to an object snaps its source to it and names the object', () => {
		const tracker = new SoundSourceTracker();
		tracker.update({ class: 'alarm', direction: bearing(30), confidence: 0.7, time: 0, objectId: null });
		const source = tracker.update({
			class: 'alarm',
			direction: bearing(20),
			confidence: 0.9,
			time: 1,
			objectId: 'clock',
		});
		expect(source?.objectId).toBe('clock');
		expect(degOf(source!.direction)).toBeCloseTo(20, 3);
		// Later estimates of the attributed source keep the attribution.
		tracker.update({ class: 'alarm', direction: bearing(24), confidence: 0.9, time: 2, objectId: null });
		expect(tracker.sources).toHaveLength(1);
		expect(tracker.sources[0].objectId).toBe('clock');
	});

	it('forgets sources not heard within the window', () => {
		const tracker = new SoundSourceTracker();
		tracker.update({ class: 'dog', direction: bearing(-80), confidence: 1, time: 0, objectId: null });
		tracker.update({ class: 'dog', direction: bearing(80), confidence: 1, time: 5000, objectId: null });
		tracker.prune(9000, 8000);
		expect(tracker.sources.map((s) => Math.round(degOf(s.direction)))).toEqual([80]);
	});
});

describe('WorldModel sound sources', () => {
	it('exports both phones of two ringing in different directions, valid against the shared schema', () => {
		const world = new WorldModel();
		for (let i = 0; i < 6; i++) {
			const deg = i % 2 ? 60 : -45;
			world.addSound({ class: 'phone_ring', direction: bearing(deg), confidence: 0.9, time: i * 400, objectId: null });
		}
		expect(world.sources).toHaveLength(2);
		const scenario = world.toScenario(
			'two-phones',
			"what's that ringing",
			{ position: [0, 1.6, 0], forward: [0, 0, -1] },
			null,
		);
		expect(validate(scenario), JSON.stringify(validate.errors)).toBe(true);
		const bearings = scenario.sounds!.map((s) => Math.round(degOf(new Vector3(...s.direction))));
		expect(bearings.sort((a, b) => a - b)).toEqual([-45, 60]);
		world.refresh(2000 + world.soundWindowMs + 1);
		expect(world.sources).toHaveLength(0);
		world.clear();
		expect(world.toScenario('x', '', { position: [0, 1.6, 0], forward: [0, 0, -1] }, null).sounds).toEqual([]);
	});
});
