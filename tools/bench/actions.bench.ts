/**
 * The acting stage's cost on the frame loop and per command, side by side:
 * - `ActionStage.update` (animations + pointer history) idle and with 8 / 32 objects animating
 *   (rotation and scale each);
 * - placing a cup on a table with 0 / 9 / 25 things standing in a block around the spot asked for,
 *   so the search has to walk outwards.
 */
import { Box3, EventDispatcher, Group, type Object3D, Quaternion, Scene, Vector3 } from 'three';
import { ActionStage } from '../../src/actions/ActionStage.js';
import { findRestingPlace } from '../../src/actions/placement.js';
import type { SceneUnderstandingEventMap } from '../../src/SceneUnderstanding.js';
import { WorldModel } from '../../src/world/WorldModel.js';
import { summarize, table, time } from './_stats.js';

const FRAMES = 2000;

async function stageWith(tweens: number) {
	const scene = new Scene();
	const host = Object.assign(new EventDispatcher<SceneUnderstandingEventMap>(), {
		scene,
		world: new WorldModel(),
		selected: null,
		select: () => null,
	});
	const stage = new ActionStage({ speak: false });
	await stage.load(host);
	const objects: Object3D[] = [];
	for (let i = 0; i < tweens; i++) {
		const o = new Group();
		scene.add(o);
		objects.push(o);
	}
	const restart = () => {
		for (const o of objects) {
			o.scale.setScalar(1);
			void stage.animator.to(o, 'scale', new Vector3(2, 2, 2), 1e9);
			void stage.animator.to(o, 'quaternion', new Quaternion(0, 1, 0, 0), 1e9);
		}
	};
	restart();
	let t = 0;
	return () => {
		for (let f = 0; f < FRAMES; f++) {
			t += 11.1;
			stage.update(t);
		}
	};
}

function placementWith(obstacles: number) {
	const table = new Box3(new Vector3(-0.7, 0, -0.4), new Vector3(0.7, 0.75, 0.4));
	const cup = new Box3(new Vector3(2, 1, 2), new Vector3(2.09, 1.12, 2.09));
	const boxes: Box3[] = [];
	const side = Math.round(Math.sqrt(obstacles));
	for (let i = 0; i < side; i++) {
		for (let j = 0; j < side; j++) {
			const x = (i - (side - 1) / 2) * 0.1;
			const z = (j - (side - 1) / 2) * 0.1;
			boxes.push(new Box3(new Vector3(x - 0.045, 0.75, z - 0.045), new Vector3(x + 0.045, 0.9, z + 0.045)));
		}
	}
	const out = new Vector3();
	return () => {
		for (let i = 0; i < 200; i++) findRestingPlace(cup, 0.75, table, 0, 0, boxes, out);
	};
}

export async function run(): Promise<void> {
	const rows: Array<Array<string | number>> = [];
	const idle = summarize(await time(await stageWith(0), 15)).median / FRAMES;
	for (const n of [0, 8, 32]) {
		const stage = summarize(await time(await stageWith(n), 15)).median / FRAMES;
		rows.push([`${n} objects`, stage * 1000, (stage / idle).toFixed(2)]);
	}
	console.log('ActionStage.update per frame (animations + pointer history)\n');
	console.log(table(['animating', 'µs / frame', '× idle'], rows));
	const base = summarize(await time(placementWith(0), 15)).median / 200;
	const place: Array<Array<string | number>> = [];
	for (const n of [0, 9, 25]) {
		const ms = summarize(await time(placementWith(n), 15)).median / 200;
		place.push([n, ms * 1000, (ms / base).toFixed(2)]);
	}
	console.log('\nfindRestingPlace: a cup onto a table\n');
	console.log(table(['things around the spot', 'µs / placement', '× empty table'], place));
}
