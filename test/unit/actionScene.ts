/**
 * A bare three.js room for the action-handler tests: a table with a vase in its middle, a red
 * cup on a tray, a lamp, a plant, and two controllers — with the real world model, hands,
 * animator, undo stack, selection highlight and surface raycast the acting stage uses.
 */
import {
	BoxGeometry,
	CylinderGeometry,
	Group,
	Mesh,
	MeshStandardMaterial,
	Object3D,
	PlaneGeometry,
	Scene,
} from 'three';
import type { ActingInput, ActionRequest, ActionServices } from '../../src/actions/ActionHandler.js';
import { Animator } from '../../src/actions/Animator.js';
import { HandSlots } from '../../src/actions/HandSlots.js';
import { raycastSurface } from '../../src/actions/raycastSurface.js';
import { SelectionHighlight } from '../../src/actions/SelectionHighlight.js';
import { UndoStack } from '../../src/actions/UndoStack.js';
import type { Intent } from '../../src/fusion/scenario.js';
import { WorldModel } from '../../src/world/WorldModel.js';
import type { WorldObject } from '../../src/world/WorldObject.js';

export function box(
	name: string,
	w: number,
	h: number,
	d: number,
	x: number,
	bottom: number,
	z: number,
	label?: string,
) {
	const mesh = new Mesh(new BoxGeometry(w, h, d), new MeshStandardMaterial({ color: 0x886644 }));
	mesh.name = name;
	mesh.position.set(x, bottom + h / 2, z);
	if (label) mesh.userData.label = label;
	return mesh;
}

export function actionScene() {
	const scene = new Scene();
	const floor = new Mesh(new PlaneGeometry(20, 20), new MeshStandardMaterial());
	floor.rotation.x = -Math.PI / 2;
	floor.name = 'floor';
	scene.add(floor);
	const table = box('table', 1.2, 0.75, 0.8, 0, 0, -1.5, 'table');
	const vase = box('vase', 0.12, 0.3, 0.12, 0, 0.75, -1.5, 'vase');
	// The cup sits on a tray that is itself moved and turned: grabbing must keep the world pose, and
	// releasing or undoing must bring the cup back under the tray.
	const tray = new Group();
	tray.name = 'tray';
	tray.position.set(1.5, 0.4, -1);
	tray.rotation.y = 0.3;
	scene.add(tray);
	const cup = new Mesh(new CylinderGeometry(0.04, 0.04, 0.1, 16), new MeshStandardMaterial({ color: 0xff0000 }));
	cup.name = 'red cup';
	cup.userData = { label: 'cup', color: 'red' };
	cup.position.set(0.1, 0.05, 0);
	tray.add(new Object3D(), cup);
	const lamp = box('lamp', 0.2, 0.5, 0.2, -1.5, 0, -1, 'lamp');
	lamp.userData.color = 'yellow';
	lamp.userData.sound = 'hum';
	const plant = box('plant', 0.3, 0.6, 0.3, 2, 0, 1, 'potted plant');
	scene.add(table, vase, lamp, plant);
	scene.updateMatrixWorld(true);

	const world = new WorldModel();
	world.registerSceneObjects(scene);
	const hands = new HandSlots(scene);
	const right = new Group();
	right.name = 'right controller';
	right.position.set(0.3, 1.2, -0.3);
	right.rotation.set(-0.4, 0.2, 0.1);
	const left = new Group();
	left.name = 'left controller';
	left.position.set(-0.3, 1.2, -0.3);
	scene.add(right, left);
	scene.updateMatrixWorld(true);
	hands.add(left, 'left');
	hands.add(right, 'right');
	const animator = new Animator();
	const undo = new UndoStack();
	const highlight = new SelectionHighlight(scene);
	const told: string[] = [];
	const state = { selected: null as WorldObject | null, pointing: -1 };
	const services: ActionServices = {
		scene,
		world,
		hands,
		animator,
		undo,
		pointingIndex: () => state.pointing,
		selected: () => state.selected,
		select: (object) => {
			state.selected = object;
			highlight.show(object?.object3D ?? null);
		},
		tell: (text) => {
			told.push(text);
			return false;
		},
		raycast: (ray, exclude) =>
			raycastSurface(scene, world, ray, [...(exclude ? [exclude] : []), ...hands.slots.map((s) => s.holder)]),
	};
	const get = (id: string) => {
		const o = world.get(id);
		if (!o) throw new Error(`no world object ${id}`);
		return o;
	};
	const request = (
		intent: Intent,
		target: WorldObject | null,
		destination: WorldObject | null = null,
		text = '',
		input: ActingInput = {},
	): ActionRequest => ({
		intent,
		answer: { intent, target: target?.id ?? null, destination: destination?.id ?? null, confidence: 0.9 },
		target,
		destination,
		text,
		lang: /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en',
		input,
		via: 'voice',
	});
	return {
		scene,
		world,
		hands,
		animator,
		undo,
		highlight,
		told,
		state,
		services,
		get,
		request,
		table,
		vase,
		tray,
		cup,
		lamp,
		plant,
		right,
		left,
	};
}
