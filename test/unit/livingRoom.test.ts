import { Box3, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { createLivingRoom } from '../../scenes/livingRoom.js';
import { LIVING_ROOM } from '../../scenes/livingRoomLayout.js';
import { WorldModel } from '../../src/world/WorldModel.js';

describe('the living room scene', () => {
	it('has the objects the demo promises, each named after what it is', () => {
		const labels = new Set(LIVING_ROOM.map((o) => o.label));
		for (const l of ['couch', 'table', 'lamp', 'potted plant', 'cup', 'book', 'tv', 'clock', 'cell phone'])
			expect(labels).toContain(l);
		expect(LIVING_ROOM.filter((o) => o.label === 'cup').map((o) => o.color)).toContain('red');
		for (const o of LIVING_ROOM) expect(o.name).toBe(`${o.color} ${o.name.split(' ').slice(1).join(' ')}`);
		expect(new Set(LIVING_ROOM.map((o) => o.name)).size).toBe(LIVING_ROOM.length);
	});

	it('builds meshes whose boxes match the layout, resting on their supports', () => {
		const scene = new Scene();
		scene.add(createLivingRoom());
		scene.updateMatrixWorld(true);
		const world = new WorldModel();
		expect(world.registerSceneObjects(scene)).toBe(LIVING_ROOM.length);
		for (const spec of LIVING_ROOM) {
			const built = new Box3().setFromObject(scene.getObjectByName(spec.name)!);
			// The drawn object stays inside its declared box (within 2 cm) and fills most of its height.
			expect(built.min.y).toBeGreaterThanOrEqual(spec.position[1] - spec.size[1] / 2 - 0.02);
			expect(built.max.y).toBeLessThanOrEqual(spec.position[1] + spec.size[1] / 2 + 0.02);
			if (spec.on) {
				const support = LIVING_ROOM.find((o) => o.name === spec.on)!;
				const top = support.position[1] + support.size[1] / 2;
				expect(spec.position[1] - spec.size[1] / 2).toBeCloseTo(top, 3);
			}
		}
	});
});
