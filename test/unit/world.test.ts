import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { BoxGeometry, Group, Mesh, MeshBasicMaterial, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { WorldModel } from '../../src/world/WorldModel.js';

const schema = JSON.parse(readFileSync(new URL('../../../shared/scenario.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

function box(name: string, label: string | undefined, x: number) {
	const g = new Group();
	g.name = name;
	if (label) g.userData.label = label;
	g.userData.color = 'red';
	const mesh = new Mesh(new BoxGeometry(0.2, 0.4, 0.2), new MeshBasicMaterial());
	g.add(mesh);
	g.position.set(x, 1, -2);
	return g;
}

describe('WorldModel', () => {
	it('registers labelled scene objects with stable ids and their bounding boxes', () => {
		const scene = new Scene();
		scene.add(box('red cup', 'cup', 0.5), box('unlabelled', undefined, 0), box('red cup', 'cup', -0.5));
		const world = new WorldModel();
		expect(world.registerSceneObjects(scene)).toBe(2);
		expect([...world.objects.keys()]).toEqual(['red-cup', 'red-cup-2']);
		const cup = world.get('red-cup')!;
		expect(cup.label).toBe('cup');
		expect(cup.color).toBe('red');
		expect(cup.position.toArray()).toEqual([0.5, 1, -2]);
		expect(cup.size.x).toBeCloseTo(0.2);
		expect(cup.size.y).toBeCloseTo(0.4);
		// Registering twice adds nothing.
		expect(world.registerSceneObjects(scene)).toBe(0);
	});

	it('follows moved and hidden objects on refresh', () => {
		const scene = new Scene();
		const cup = box('cup', 'cup', 0);
		scene.add(cup);
		const world = new WorldModel();
		world.registerSceneObjects(scene);
		cup.position.set(1, 2, 3);
		cup.visible = false;
		world.refresh();
		const o = world.get('cup')!;
		expect(o.position.toArray()).toEqual([1, 2, 3]);
		expect(o.hidden).toBe(true);
	});

	it('finds the world object of a picked child mesh', () => {
		const scene = new Scene();
		const cup = box('cup', 'cup', 0);
		scene.add(cup);
		const world = new WorldModel();
		world.registerSceneObjects(scene);
		expect(world.findByObject3D(cup.children[0])?.id).toBe('cup');
		expect(world.findByObject3D(scene)).toBeUndefined();
	});

	it('freezes into a scenario that validates against the shared schema', () => {
		const scene = new Scene();
		scene.add(box('red cup', 'cup', 0.5));
		const world = new WorldModel();
		world.registerSceneObjects(scene);
		world.get('red-cup')!.held = true;
		world.addSound({
			class: 'phone_ring',
			direction: world.get('red-cup')!.position.clone(),
			confidence: 0.9,
			time: performance.now(),
			objectId: 'red-cup',
		});
		const scenario = world.toScenario(
			'u1',
			'pick up the red cup',
			{ position: [0, 1.6, 0], forward: [0, 0, -1] },
			null,
			'en',
		);
		expect(validate(scenario), JSON.stringify(validate.errors)).toBe(true);
		expect(scenario.objects[0]).toMatchObject({ id: 'red-cup', label: 'cup', color: 'red', held: true });
		expect(scenario.sounds).toHaveLength(1);
	});

	it('gives the scenario one sound per tracked source, smoothed, and none without a bearing', () => {
		const world = new WorldModel();
		const at = (x: number) => new Group().position.set(x, 0, -1);
		world.addSound({ class: 'phone_ring', direction: at(0), confidence: 1, time: 0, objectId: null });
		world.addSound({ class: 'knock', direction: at(2), confidence: 1, time: 10, objectId: null });
		world.addSound({ class: 'phone_ring', direction: at(0.1), confidence: 0.8, time: 20, objectId: null });
		world.addSound({ class: 'bell', direction: null, confidence: 0.9, time: 30, objectId: null });
		const scenario = world.toScenario('u', '', { position: [0, 1.6, 0], forward: [0, 0, -1] }, null, 'en');
		expect(validate(scenario), JSON.stringify(validate.errors)).toBe(true);
		expect(scenario.sounds?.map((s) => s.class)).toEqual(['knock', 'phone_ring']);
		const ring = scenario.sounds![1];
		// Between the two estimates (0° and ~5.7°), nearer the first, and unit length.
		expect(ring.direction[0]).toBeGreaterThan(0);
		expect(ring.direction[0]).toBeLessThan(0.06);
		expect(Math.hypot(...ring.direction)).toBeCloseTo(1, 2);
		expect(ring.confidence).toBeCloseTo(0.92, 2);
		expect(world.sounds).toHaveLength(4); // the bell was heard, only its bearing is unknown
	});

	it('drops sounds older than its window and rejects duplicate ids', () => {
		const world = new WorldModel();
		world.soundWindowMs = 1000;
		const direction = new Group().position;
		world.addSound({ class: 'bell', direction, confidence: 1, time: 0, objectId: null });
		world.addSound({ class: 'knock', direction, confidence: 1, time: 5000, objectId: null });
		world.refresh(5500);
		expect(world.sounds.map((s) => s.class)).toEqual(['knock']);
		const g = box('x', 'cup', 0);
		world.add({
			id: 'a',
			label: 'cup',
			confidence: 1,
			position: g.position,
			size: g.scale,
			source: 'detector',
			object3D: null,
		});
		expect(() =>
			world.add({
				id: 'a',
				label: 'cup',
				confidence: 1,
				position: g.position,
				size: g.scale,
				source: 'detector',
				object3D: null,
			}),
		).toThrow(/duplicate/);
	});
});

describe('WorldModel.toScenario with detections', () => {
	it('keeps a detection of something new, and drops one that re-sees a registered object', () => {
		const scene = new Scene();
		scene.add(box('red cup', 'cup', 0.5));
		const world = new WorldModel();
		world.registerSceneObjects(scene);
		const at = (x: number, y: number, z: number) => new Group().position.set(x, y, z);
		world.add({
			id: 'det-cup',
			label: 'cup',
			confidence: 0.6,
			position: at(0.52, 1.05, -2),
			size: at(0.2, 0.4, 0.2),
			source: 'detector',
			object3D: null,
		});
		world.add({
			id: 'det-chair',
			label: 'chair',
			confidence: 0.8,
			position: at(-1, 0.5, -2),
			size: at(0.5, 1, 0.5),
			source: 'detector',
			object3D: null,
		});
		const ids = world
			.toScenario('u', 'x', { position: [0, 1.6, 0], forward: [0, 0, -1] }, null)
			.objects.map((o) => o.id);
		expect(ids).toEqual(['red-cup', 'det-chair']);
	});
});
