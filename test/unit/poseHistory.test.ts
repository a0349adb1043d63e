import { Matrix4, Quaternion, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { type HeadPose, PoseHistory } from '../../src/sources/xr/PoseHistory.js';

const yaw = (deg: number) => new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), (deg * Math.PI) / 180);

describe('PoseHistory', () => {
	it('interpolates the head pose between frames and clamps outside its span', () => {
		const h = new PoseHistory(8);
		h.record(100, new Vector3(0, 1.6, 0), yaw(0));
		h.record(200, new Vector3(1, 1.6, 0), yaw(90));
		const pose: HeadPose = { position: new Vector3(), quaternion: new Quaternion() };
		expect(h.sample(150, pose)).toBe(true);
		expect(pose.position.x).toBeCloseTo(0.5);
		expect(pose.quaternion.angleTo(yaw(45))).toBeLessThan(1e-3);
		h.sample(1000, pose);
		expect(pose.position.x).toBeCloseTo(1);
		h.sample(0, pose);
		expect(pose.position.x).toBeCloseTo(0);
		const m = new Matrix4();
		expect(h.sampleMatrix(150, m)).toBe(true);
		expect(new Vector3().setFromMatrixPosition(m).x).toBeCloseTo(0.5);
		const gaze = h.viewerAt(200)!;
		expect(gaze.forward[0]).toBeCloseTo(-1);
	});

	it('returns the pointer of the moment asked, and null when nothing pointed or it is too old', () => {
		const h = new PoseHistory(4);
		const head = new Vector3();
		h.record(0, head, yaw(0), new Vector3(0, 1, 0), new Vector3(0, 0, -1));
		h.record(10, head, yaw(0), null, null);
		h.record(20, head, yaw(0), new Vector3(0, 1, 0), new Vector3(1, 0, 0));
		expect(h.pointerAt(1)?.forward).toEqual([0, 0, -1]);
		expect(h.pointerAt(11)).toBeNull();
		expect(h.pointerAt(30)?.forward).toEqual([1, 0, 0]);
		// The ring drops the oldest records once full.
		h.record(30, head, yaw(0));
		h.record(40, head, yaw(0));
		expect(h.oldest).toBe(10);
		expect(h.pointerAt(-500)).toBeNull();
		expect(new PoseHistory().viewerAt(0)).toBeNull();
	});
});
