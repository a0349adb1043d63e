import { Quaternion, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { type HeadPose, PoseHistory } from '../../src/sources/xr/PoseHistory.js';
import { ObjectTracker, type Observation } from '../../src/world/ObjectTracker.js';
import { WorldModel } from '../../src/world/WorldModel.js';

// NaN and Infinity from a runtime glitch (a pose), a lift gone wrong or a detector score never reach
// the history or the world: they are dropped, and what came before stands.

const bad = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe('non-finite poses', () => {
	it('are not recorded: samples interpolate between the good ones', () => {
		const h = new PoseHistory(8);
		h.record(0, new Vector3(0, 1.6, 0), new Quaternion());
		for (const x of bad) {
			h.record(50, new Vector3(x, 1.6, 0), new Quaternion());
			h.record(60, new Vector3(0, 1.6, 0), new Quaternion(x, 0, 0, 1));
			h.record(x, new Vector3(5, 5, 5), new Quaternion());
		}
		h.record(100, new Vector3(1, 1.6, 0), new Quaternion());
		const pose: HeadPose = { position: new Vector3(), quaternion: new Quaternion() };
		expect(h.sample(50, pose)).toBe(true);
		expect(pose.position.x).toBeCloseTo(0.5, 6);
		expect(pose.position.y).toBeCloseTo(1.6, 6);
		expect(pose.quaternion.toArray()).toEqual([0, 0, 0, 1]);
	});

	it('a non-finite pointer ray counts as nothing pointed', () => {
		const h = new PoseHistory(8);
		h.record(0, new Vector3(), new Quaternion(), new Vector3(0, 1, Number.NaN), new Vector3(0, 0, -1));
		expect(h.pointerAt(0)).toBeNull();
		expect(h.viewerAt(0)?.position).toEqual([0, 0, 0]);
	});
});

describe('non-finite observations', () => {
	const obs = (position: Vector3, size = new Vector3(0.2, 0.2, 0.2), confidence = 0.9): Observation => ({
		label: 'cup',
		confidence,
		position,
		size,
	});

	it('never create or move a world object', () => {
		const world = new WorldModel();
		const tracker = new ObjectTracker(world);
		for (let i = 0; i < 5; i++) tracker.update([obs(new Vector3(1, 0.8, -1))]);
		expect(world.objects.size).toBe(1);
		const [cup] = world.objects.values();
		const before = cup.position.toArray();
		for (const x of bad)
			for (let i = 0; i < 5; i++)
				tracker.update([
					obs(new Vector3(1, 0.8, -1)),
					obs(new Vector3(1, x, -1)),
					obs(new Vector3(3, 0.8, -1), new Vector3(x, 0.2, 0.2)),
					obs(new Vector3(-3, 0.8, -1), undefined, x),
				]);
		expect(world.objects.size).toBe(1);
		expect(cup.position.toArray()).toEqual(before);
		for (const o of world.objects.values())
			expect([...o.position.toArray(), ...o.size.toArray()].every(Number.isFinite)).toBe(true);
	});
});
