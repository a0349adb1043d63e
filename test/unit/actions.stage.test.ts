import { Box3, Group, type Matrix4, type Object3D, PerspectiveCamera, Quaternion, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { ActionStage } from '../../src/actions/ActionStage.js';
import type { Intent } from '../../src/fusion/scenario.js';
import type { WorldObject } from '../../src/world/WorldObject.js';
import { Host, settle, setup } from './actionHost.js';
import { actionScene } from './actionScene.js';

const answer = (intent: Intent, target: string | null, destination: string | null = null, confidence = 0.9) => ({
	intent,
	target,
	destination,
	confidence,
});

function sceneState(root: Object3D) {
	const out: Array<[string, Matrix4, boolean, string | undefined]> = [];
	root.updateMatrixWorld(true);
	root.traverse((o) => {
		out.push([o.uuid, o.matrixWorld.clone(), o.visible, o.parent?.uuid]);
	});
	return out;
}

describe('ActionStage', () => {
	it('a cancelled intent leaves the scene unchanged', async () => {
		const { s, host } = await setup();
		host.addEventListener('intent', (e) => e.preventDefault());
		const before = sceneState(s.scene);
		await host.hear('pick up the red cup', answer('grab', 'red-cup'));
		await host.hear('delete the lamp', answer('delete', 'lamp'));
		await host.hear('put the plant on the table', answer('move', 'plant', 'table'));
		await host.hear('hide the vase', answer('hide', 'vase'));
		expect(sceneState(s.scene)).toEqual(before);
		expect(host.types()).toEqual(['intent', 'intent', 'intent', 'intent']);
		expect(host.events[0]).toMatchObject({ intent: 'grab', transcript: 'pick up the red cup' });
		expect((host.events[0].object as WorldObject).id).toBe('red-cup');
		expect(s.world.get('lamp')).toBeDefined();
	});

	it('runs the action and reports it when nobody objects; `none` does nothing', async () => {
		const { s, host, right } = await setup();
		await host.hear('pick up the red cup', answer('grab', 'red-cup'));
		expect(s.cup.parent).toBe(right);
		await host.hear('what a nice day', answer('none', null));
		expect(host.types()).toEqual(['intent', 'grab']);
	});

	it('a switched-off action still announces the intent but leaves it to the host', async () => {
		const { s, host, stage } = await setup({ enabled: { delete: false } });
		await host.hear('delete the lamp', answer('delete', 'lamp'));
		expect(s.lamp.parent).toBe(s.scene);
		expect(host.types()).toEqual(['intent']);
		stage.enabled.delete = true;
		await host.hear('delete the lamp', answer('delete', 'lamp'));
		expect(s.lamp.parent).toBeNull();
	});

	it('asks when unsure; "yes"/"对" completes, "no"/"不是" cancels, anything else moves on', async () => {
		const { s, host, stage, right } = await setup();
		await host.hear('pick up the cup', answer('grab', 'red-cup', null, 0.3));
		expect(s.cup.parent).toBe(s.tray);
		expect(host.events.at(-1)).toMatchObject({ type: 'ask', question: 'Did you mean the red cup?', lang: 'en' });
		expect(stage.panel).toBeNull(); // no camera in this host: the question travels by event only
		const yes = await host.hear('yes', answer('none', null));
		await settle();
		expect(yes).toMatchObject({ intent: 'grab', target: 'red-cup' });
		expect(s.cup.parent).toBe(right);
		expect(host.types().slice(-3)).toEqual(['confirm', 'intent', 'grab']);

		await host.hear('把台灯藏起来', answer('hide', 'lamp', null, 0.2));
		expect(host.events.at(-1)).toMatchObject({ type: 'ask', question: '你是说黄色的台灯吗？', lang: 'zh' });
		await host.hear('不是', answer('none', null));
		expect(host.events.at(-1)).toMatchObject({ type: 'confirm', accepted: false });
		expect(s.lamp.visible).toBe(true);
		expect(stage.pending).toBeNull();

		await host.hear('hide the plant', answer('hide', 'plant', null, 0.2));
		await host.hear('hide the vase', answer('hide', 'vase'));
		expect(stage.pending).toBeNull();
		expect(s.vase.visible).toBe(false);
		expect(s.plant.visible).toBe(true);
	});

	it('"undo", "撤销" and undo() take actions back without asking the model', async () => {
		const { s, host, stage } = await setup();
		await host.hear('delete the lamp', answer('delete', 'lamp'));
		await host.hear('hide the plant', answer('hide', 'plant'));
		expect(s.lamp.parent).toBeNull();
		const consumed = await host.hear('撤销', answer('delete', 'vase'));
		expect(consumed.intent).toBe('none');
		expect(s.plant.visible).toBe(true);
		await host.hear('undo', answer('delete', 'vase'));
		expect(s.lamp.parent).toBe(s.scene);
		expect(s.vase.parent).toBe(s.scene);
		expect(host.events.filter((e) => e.type === 'undo').map((e) => e.intent)).toEqual(['hide', 'delete']);
		expect(stage.undo()).toBeNull();
	});

	it('a malformed answer (unknown intent, unknown id) is reported and changes nothing', async () => {
		const { s, host } = await setup();
		const before = sceneState(s.scene);
		await host.hear('fly away', { intent: 'fly' as Intent, target: 'lamp', destination: null, confidence: 0.9 });
		await host.hear('delete the unicorn', answer('delete', 'unicorn'));
		expect(sceneState(s.scene)).toEqual(before);
		expect(host.events.map((e) => e.type)).toEqual(['error', 'intent', 'actionfailed']);
		expect((host.events[0].error as Error).message).toMatch(/unknown intent "fly"/);
		expect(host.events[2]).toMatchObject({ intent: 'delete', reason: 'nothing to delete' });
	});

	it('an undo that cannot be done is reported, not thrown', async () => {
		const { s, host, stage } = await setup();
		await host.hear('delete the lamp', answer('delete', 'lamp'));
		s.world.add({
			id: 'lamp',
			label: 'lamp',
			confidence: 1,
			position: s.lamp.position.clone(),
			size: s.lamp.scale.clone(),
			source: 'detector',
			object3D: null,
		});
		expect(stage.undo()).toBeNull();
		expect(host.events.at(-1)).toMatchObject({ type: 'error' });
		expect((host.events.at(-1)!.error as Error).message).toMatch(/duplicate object id "lamp"/);
		expect(s.lamp.parent).toBeNull();
	});

	it('a host handler replaces a built-in one', async () => {
		const { s, host, stage } = await setup();
		const seen: string[] = [];
		stage.setHandler({
			intents: ['delete'],
			execute: (request) => {
				seen.push(request.target!.id);
				return { ok: true, event: null };
			},
		});
		await host.hear('delete the lamp', answer('delete', 'lamp'));
		expect(seen).toEqual(['lamp']);
		expect(s.lamp.parent).toBe(s.scene);
	});

	it('"put that there": the model sees the ray from when "that" was said; the place is where "there" pointed', async () => {
		const { s, host } = await setup();
		const t0 = performance.now() - 2000;
		// 0–1 s the user points at the plant, 1–2 s at the floor at (0.5, 0, 1).
		const head = new Vector3(0, 1.6, 0);
		const still = new Quaternion();
		for (let t = 0; t <= 2000; t += 20) {
			if (t < 1000) host.poses.record(t0 + t, head, still, new Vector3(2, 1.5, 3), new Vector3(0, -0.9, -2));
			else host.poses.record(t0 + t, head, still, new Vector3(0.5, 1.5, 2), new Vector3(0, -1.5, -1));
		}
		let seenPointer: unknown = null;
		host.addEventListener('answer', (e) => {
			seenPointer = e.scenario.pointer ?? null;
		});
		await host.hear('put that there', answer('move', 'plant'), {
			startTime: t0,
			time: t0 + 2000,
			pointer: { position: [0.5, 1.5, 2], forward: [0, -1.5, -1] },
		});
		const seen = seenPointer as unknown as { position: number[]; forward: number[] };
		// The pose history stores float32.
		expect([...seen.position, ...seen.forward].map((v) => Math.round(v * 1e5) / 1e5)).toEqual([2, 1.5, 3, 0, -0.9, -2]);
		s.plant.updateMatrixWorld(true);
		const b = new Box3().setFromObject(s.plant);
		expect(b.min.y).toBeCloseTo(0.001, 4);
		expect((b.min.x + b.max.x) / 2).toBeCloseTo(0.5, 4);
		expect((b.min.z + b.max.z) / 2).toBeCloseTo(1, 4);
		expect(host.types()).toEqual(['intent', 'move']);
	});

	it('a squeeze grabs what the controller points at, and its end releases it', async () => {
		const { s, host, stage, right } = await setup();
		// Aim the right controller straight down at the lamp.
		right.position.set(-1.5, 1.5, -1);
		right.lookAt(-1.5, 0, -1);
		right.rotateY(Math.PI); // lookAt aims +z of a non-camera object; the ray is -z
		s.scene.updateMatrixWorld(true);
		const slot = stage.hands!.slots[0];
		stage.hands!.dispatchEvent({ type: 'gesturestart', slot });
		await settle();
		expect(s.lamp.parent).toBe(right);
		expect(host.events.at(-1)).toMatchObject({ type: 'grab', by: 'gesture' });
		stage.hands!.dispatchEvent({ type: 'gestureend', slot });
		await settle();
		expect(s.lamp.parent).toBe(s.scene);
		expect(host.events.at(-1)).toMatchObject({ type: 'release', handedness: 'right' });
	});

	it('dispose releases what is held and stops listening', async () => {
		const { s, host, stage } = await setup();
		await host.hear('pick up the red cup', answer('grab', 'red-cup'));
		stage.dispose();
		expect(s.cup.parent).toBe(s.tray);
		const count = host.events.length;
		await host.hear('delete the lamp', answer('delete', 'lamp'));
		expect(host.events.length).toBe(count);
		expect(s.lamp.parent).toBe(s.scene);
	});

	it('on a desktop without controllers, a voice grab holds the thing in front of the camera, which carries it', async () => {
		const s = actionScene();
		const host = new Host(s) as Host & { camera: PerspectiveCamera };
		host.camera = new PerspectiveCamera();
		host.camera.position.set(0, 1.6, 0);
		const stage = new ActionStage({ speak: false });
		await stage.load(host);
		await host.hear('pick up the red cup', answer('grab', 'red-cup'));
		expect(host.types()).toContain('grab');
		expect(s.cup.parent?.name).toBe('xr-sense desktop hand');
		const before = s.cup.getWorldPosition(new Vector3());
		host.camera.position.x += 1;
		stage.update(16);
		const after = s.cup.getWorldPosition(new Vector3());
		expect(after.x - before.x).toBeCloseTo(1, 5);
		// With a real controller connected, that one is used instead.
		await host.hear('drop it', answer('release', 'red-cup'));
		const right = new Group();
		s.scene.add(right);
		stage.hands!.add(right, 'right');
		await host.hear('pick up the lamp', answer('grab', 'lamp'));
		expect(s.lamp.parent).toBe(right);
		stage.dispose();
		expect(s.scene.getObjectByName('xr-sense desktop hand')).toBeUndefined();
	});

	it('in XR the desktop hand is neither connected nor chosen: only the real controllers count', async () => {
		const s = actionScene();
		const host = new Host(s) as Host & { camera: PerspectiveCamera };
		host.camera = new PerspectiveCamera();
		let presenting = false;
		const stage = new ActionStage({ speak: false });
		await stage.load(host);
		const hands = stage.hands!;
		const desktop = hands.slots.find((slot) => slot.holder.name === 'xr-sense desktop hand')!;
		desktop.available = () => !presenting;
		expect(hands.slots.filter((slot) => slot.connected)).toEqual([desktop]);
		presenting = true;
		expect(hands.slots.filter((slot) => slot.connected)).toEqual([]);
		expect(hands.choose()).toBeNull();
		stage.dispose();
	});

	it('a named thing that is not there is reported ("I don\'t see a banana"), and nothing moves', async () => {
		const { s, host } = await setup();
		const state = sceneState(s.scene);
		await host.hear('pick up the banana', { ...answer('grab', null), missing: 'banana' });
		expect(host.events.at(-1)).toMatchObject({ type: 'missing', missing: 'banana', sentence: "I don't see a banana." });
		expect(host.types()).not.toContain('grab');
		expect(sceneState(s.scene)).toEqual(state);
		await host.hear('把香蕉拿起来', { ...answer('grab', null), missing: 'banana' });
		expect(host.events.at(-1)).toMatchObject({ type: 'missing', sentence: '我没看到香蕉。' });
	});
});
