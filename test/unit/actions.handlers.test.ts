import { Box3, Matrix4, type Mesh, MeshBasicMaterial, Quaternion, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { DeleteAction } from '../../src/actions/handlers/DeleteAction.js';
import { DescribeAction } from '../../src/actions/handlers/DescribeAction.js';
import { GrabAction } from '../../src/actions/handlers/GrabAction.js';
import { MoveAction } from '../../src/actions/handlers/MoveAction.js';
import { SelectAction } from '../../src/actions/handlers/SelectAction.js';
import { TransformAction } from '../../src/actions/handlers/TransformAction.js';
import { VisibilityAction } from '../../src/actions/handlers/VisibilityAction.js';
import { actionScene } from './actionScene.js';

function expectSameMatrix(a: Matrix4, b: Matrix4) {
	for (let i = 0; i < 16; i++) expect(a.elements[i]).toBeCloseTo(b.elements[i], 6);
}

function worldBox(o: Parameters<Box3['setFromObject']>[0]): Box3 {
	o.updateWorldMatrix(true, true);
	return new Box3().setFromObject(o, true);
}

describe('GrabAction', () => {
	it('attaches the target to the free right controller keeping its world pose, follows it, and releases in place', () => {
		const s = actionScene();
		const grab = new GrabAction();
		const cup = s.get('red-cup');
		const before = s.cup.matrixWorld.clone();
		const outcome = grab.execute(s.request('grab', cup), s.services);
		expect(outcome).toMatchObject({ ok: true, event: { type: 'grab', handedness: 'right', by: 'voice' } });
		expect(s.cup.parent).toBe(s.right);
		expect(cup.held).toBe(true);
		s.scene.updateMatrixWorld(true);
		expectSameMatrix(s.cup.matrixWorld, before);

		// The controller moves and turns: the cup keeps its offset in the controller's frame.
		const offset = new Matrix4().copy(s.right.matrixWorld).invert().multiply(s.cup.matrixWorld);
		s.right.position.add(new Vector3(0.4, -0.2, 0.3));
		s.right.rotation.y += 1;
		s.scene.updateMatrixWorld(true);
		expectSameMatrix(s.cup.matrixWorld, new Matrix4().multiplyMatrices(s.right.matrixWorld, offset));
		const moved = s.cup.matrixWorld.clone();

		const released = grab.execute(s.request('release', null), s.services);
		expect(released).toMatchObject({ ok: true, event: { type: 'release', object: cup, handedness: 'right' } });
		expect(s.cup.parent).toBe(s.tray);
		expect(cup.held).toBe(false);
		s.scene.updateMatrixWorld(true);
		expectSameMatrix(s.cup.matrixWorld, moved);
	});

	it('uses the pointing controller first, the other hand next, and fails when both hands are full', () => {
		const s = actionScene();
		const grab = new GrabAction();
		s.state.pointing = 0; // the left controller points
		expect(grab.execute(s.request('grab', s.get('red-cup')), s.services)).toMatchObject({
			ok: true,
			event: { handedness: 'left' },
		});
		expect(grab.execute(s.request('grab', s.get('lamp')), s.services)).toMatchObject({
			ok: true,
			event: { handedness: 'right' },
		});
		expect(s.lamp.parent).toBe(s.right);
		expect(grab.execute(s.request('grab', s.get('plant')), s.services)).toEqual({
			ok: false,
			reason: 'no free hand or controller',
		});
		expect(s.plant.parent).toBe(s.scene);
		// "let go of the lamp" releases that one; the cup stays in the left hand.
		grab.execute(s.request('release', s.get('lamp')), s.services);
		expect(s.lamp.parent).toBe(s.scene);
		expect(s.cup.parent).toBe(s.left);
	});

	it('grabs with a tracked hand slot when a pinch asks for it, and ignores disconnected inputs', () => {
		const s = actionScene();
		s.hands.slots[1].connected = false; // right hand lost tracking
		s.hands.slots[0].isHand = true;
		const outcome = new GrabAction().execute(
			{ ...s.request('grab', s.get('red-cup')), via: 'gesture', hand: 0 },
			s.services,
		);
		expect(outcome).toMatchObject({ ok: true, event: { handedness: 'left', by: 'gesture' } });
		expect(s.hands.slots[0].by).toBe('gesture');
	});

	it('fails without a target or with nothing held', () => {
		const s = actionScene();
		const grab = new GrabAction();
		expect(grab.execute(s.request('grab', null), s.services).ok).toBe(false);
		expect(grab.execute(s.request('release', null), s.services)).toEqual({ ok: false, reason: 'nothing is held' });
	});
});

describe('MoveAction', () => {
	it('rests a held cup on the table top, clear of the vase, and undo puts it back on its tray', () => {
		const s = actionScene();
		const cup = s.get('red-cup');
		const original = s.cup.matrixWorld.clone();
		new GrabAction().execute(s.request('grab', cup), s.services);
		const outcome = new MoveAction().execute(s.request('move', cup, s.get('table'), 'put it on the table'), s.services);
		expect(outcome).toMatchObject({ ok: true, event: { type: 'move', object: cup } });
		expect(s.cup.parent).toBe(s.tray);
		expect(cup.held).toBe(false);
		const cupBox = worldBox(s.cup);
		const tableBox = worldBox(s.table);
		expect(cupBox.min.y).toBeGreaterThanOrEqual(tableBox.max.y - 1e-6);
		expect(cupBox.min.y).toBeLessThan(tableBox.max.y + 0.005);
		expect(cupBox.min.x).toBeGreaterThanOrEqual(tableBox.min.x);
		expect(cupBox.max.x).toBeLessThanOrEqual(tableBox.max.x);
		expect(cupBox.min.z).toBeGreaterThanOrEqual(tableBox.min.z);
		expect(cupBox.max.z).toBeLessThanOrEqual(tableBox.max.z);
		expect(cupBox.intersectsBox(worldBox(s.vase).expandByScalar(-1e-4))).toBe(false);

		s.undo.undo();
		expect(s.cup.parent).toBe(s.tray);
		s.scene.updateMatrixWorld(true);
		expectSameMatrix(s.cup.matrixWorld, original);
	});

	it('"put that there" puts the target where the stamped ray hit when "there" was said', () => {
		const s = actionScene();
		const lamp = s.get('lamp');
		// The pointer at the end of the utterance aims elsewhere; the ray stamped at "there" hits the floor at (1, 0, 1).
		const thereRay = {
			position: [1, 1.5, 0] as [number, number, number],
			forward: [0, -1.5, 1] as [number, number, number],
		};
		const elsewhere = {
			position: [0, 1.5, 0] as [number, number, number],
			forward: [0, 0, -1] as [number, number, number],
		};
		const outcome = new MoveAction().execute(
			s.request('move', lamp, null, 'put that there', { thereRay, pointer: elsewhere }),
			s.services,
		);
		expect(outcome.ok).toBe(true);
		const b = worldBox(s.lamp);
		expect(b.min.y).toBeCloseTo(0.001, 4);
		expect((b.min.x + b.max.x) / 2).toBeCloseTo(1, 4);
		expect((b.min.z + b.max.z) / 2).toBeCloseTo(1, 4);
	});

	it('"把那个放到桌子上" with a pointer at the table top rests the target at the pointed spot', () => {
		const s = actionScene();
		const plant = s.get('plant');
		const pointer = {
			position: [0.4, 1.6, -0.5] as [number, number, number],
			forward: [0, -0.85, -1.3] as [number, number, number],
		};
		const outcome = new MoveAction().execute(
			s.request('move', plant, s.get('table'), '把那个放到这里', { pointer }),
			s.services,
		);
		expect(outcome.ok).toBe(true);
		const b = worldBox(s.plant);
		expect(b.min.y).toBeCloseTo(0.751, 4);
		expect((b.min.x + b.max.x) / 2).toBeCloseTo(0.4, 1);
	});

	it('fails, leaving the scene unchanged, when there is nowhere to put it', () => {
		const s = actionScene();
		const before = s.cup.matrixWorld.clone();
		expect(new MoveAction().execute(s.request('move', s.get('red-cup'), null, 'move it'), s.services).ok).toBe(false);
		expectSameMatrix(s.cup.matrixWorld, before);
		expect(s.undo.size).toBe(0);
	});
});

describe('TransformAction', () => {
	it('rotates by 45° about the vertical and scales by 1.25, animated, and undo restores', async () => {
		const s = actionScene();
		const lamp = s.get('lamp');
		const action = new TransformAction();
		const q0 = s.lamp.quaternion.clone();
		const rotating = action.execute(s.request('rotate', lamp), s.services);
		s.animator.update(0.1);
		const halfway = s.lamp.quaternion.angleTo(q0);
		expect(halfway).toBeGreaterThan(0);
		expect(halfway).toBeLessThan(Math.PI / 4);
		s.animator.update(0.3);
		expect(await rotating).toMatchObject({ ok: true, event: { type: 'rotate', angle: Math.PI / 4 } });
		const expected = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), Math.PI / 4).multiply(q0);
		expect(s.lamp.quaternion.angleTo(expected)).toBeLessThan(1e-6);

		const growing = action.execute(s.request('scale_up', lamp), s.services);
		s.animator.update(1);
		expect(await growing).toMatchObject({ ok: true, event: { type: 'scale', factor: 1.25 } });
		expect(s.lamp.scale.x).toBeCloseTo(1.25, 6);
		const shrinking = action.execute(s.request('scale_down', lamp), s.services);
		s.animator.update(1);
		expect(await shrinking).toMatchObject({ ok: true, event: { type: 'scale', factor: 0.8 } });
		expect(s.lamp.scale.y).toBeCloseTo(1, 6);

		s.undo.undo();
		s.undo.undo();
		expect(s.lamp.scale.x).toBeCloseTo(1, 6);
		s.undo.undo();
		expect(s.lamp.quaternion.angleTo(q0)).toBeLessThan(1e-6);
	});

	it('stops at the largest size', async () => {
		const s = actionScene();
		s.lamp.scale.setScalar(20);
		expect(await new TransformAction().execute(s.request('scale_up', s.get('lamp')), s.services)).toEqual({
			ok: false,
			reason: 'already at the largest size',
		});
	});
});

describe('VisibilityAction', () => {
	it('hides and shows, marks the world object, and undo reverts', () => {
		const s = actionScene();
		const plant = s.get('plant');
		const action = new VisibilityAction();
		expect(action.execute(s.request('hide', plant), s.services)).toMatchObject({ ok: true, event: { type: 'hide' } });
		expect(s.plant.visible).toBe(false);
		expect(plant.hidden).toBe(true);
		expect(action.execute(s.request('show', plant), s.services)).toMatchObject({ ok: true, event: { type: 'show' } });
		expect(s.plant.visible).toBe(true);
		s.undo.undo();
		expect(s.plant.visible).toBe(false);
	});
});

describe('DeleteAction', () => {
	it('removes the object from scene and world; undo restores it with its parent, place, pose and material', () => {
		const s = actionScene();
		const cup = s.get('red-cup');
		const material = (s.cup as Mesh).material;
		const index = s.tray.children.indexOf(s.cup);
		const pose = s.cup.matrixWorld.clone();
		s.services.select(cup);
		expect(new DeleteAction().execute(s.request('delete', cup), s.services)).toMatchObject({
			ok: true,
			event: { type: 'delete', object: cup },
		});
		expect(s.cup.parent).toBeNull();
		expect(s.world.get('red-cup')).toBeUndefined();
		expect(s.state.selected).toBeNull();
		// Something swaps the material while it is gone; undo brings the original back.
		(s.cup as Mesh).material = new MeshBasicMaterial();

		const entry = s.undo.undo();
		expect(entry?.intent).toBe('delete');
		expect(s.cup.parent).toBe(s.tray);
		expect(s.tray.children.indexOf(s.cup)).toBe(index);
		expect((s.cup as Mesh).material).toBe(material);
		s.scene.updateMatrixWorld(true);
		expectSameMatrix(s.cup.matrixWorld, pose);
		const restored = s.world.get('red-cup');
		expect(restored).toBe(entry?.object);
		expect(restored).toMatchObject({ label: 'cup', color: 'red', object3D: s.cup });
	});

	it('deleting a held object frees the hand; undo puts it back where it was picked up', () => {
		const s = actionScene();
		const cup = s.get('red-cup');
		const pose = s.cup.matrixWorld.clone();
		new GrabAction().execute(s.request('grab', cup), s.services);
		s.right.position.x += 1;
		s.scene.updateMatrixWorld(true);
		new DeleteAction().execute(s.request('delete', cup), s.services);
		expect(s.hands.slots[1].held).toBeNull();
		expect(s.right.children).not.toContain(s.cup);
		s.undo.undo();
		s.scene.updateMatrixWorld(true);
		expect(s.cup.parent).toBe(s.tray);
		expectSameMatrix(s.cup.matrixWorld, pose);
	});
});

describe('DescribeAction', () => {
	it('names label, colour, confidence and the sound, in English or Chinese', () => {
		const s = actionScene();
		const lamp = s.get('lamp');
		const action = new DescribeAction();
		expect(action.execute(s.request('describe', lamp, null, "what's that"), s.services)).toMatchObject({
			ok: true,
			event: {
				type: 'describe',
				object: lamp,
				lang: 'en',
				spoken: false,
				sound: 'hum',
				text: "That's the yellow lamp (100% sure). It's making a humming sound.",
			},
		});
		const cup = s.get('red-cup');
		s.world.addSound({
			class: 'phone_ring',
			direction: new Vector3(1, 0, 0),
			confidence: 0.8,
			time: 0,
			objectId: cup.id,
		});
		expect(action.execute(s.request('describe', cup, null, '这是什么'), s.services)).toMatchObject({
			ok: true,
			event: { lang: 'zh', sound: 'phone_ring', text: '这是红色的杯子（把握 100%）。它在发出铃声。' },
		});
		expect(s.told).toHaveLength(2);
	});
});

describe('SelectAction', () => {
	it('highlights the target and moves the highlight on a new selection', () => {
		const s = actionScene();
		const select = new SelectAction();
		select.execute(s.request('select', s.get('lamp')), s.services);
		expect(s.highlight.target).toBe(s.lamp);
		select.execute(s.request('select', s.get('plant')), s.services);
		expect(s.highlight.target).toBe(s.plant);
		expect(s.state.selected?.id).toBe('plant');
		expect(select.execute(s.request('select', null), s.services).ok).toBe(false);
	});
});
