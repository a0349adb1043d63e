import { EventDispatcher, Group } from 'three';
import type { ActingInput } from '../../src/actions/ActionHandler.js';
import { ActionStage } from '../../src/actions/ActionStage.js';
import { createTranscriptEvent } from '../../src/fusion/Interpreter.js';
import type { FusionAnswer } from '../../src/fusion/scenario.js';
import type { SceneUnderstandingEventMap } from '../../src/SceneUnderstanding.js';
import { PoseHistory } from '../../src/sources/xr/PoseHistory.js';
import type { WorldObject } from '../../src/world/WorldObject.js';
import { actionScene } from './actionScene.js';

/**
 * The acting stage's host: the scene, world and selection of `SceneUnderstanding`, and its
 * transcript → answer event sequence (`handleTranscript` with a fixed answer in place of the model;
 * the real pipeline with the trained model runs in the browser end-to-end test).
 */
export class Host extends EventDispatcher<SceneUnderstandingEventMap> {
	selected: WorldObject | null = null;
	readonly poses = new PoseHistory();
	readonly events: Array<{ type: string } & Record<string, unknown>> = [];
	constructor(readonly s: ReturnType<typeof actionScene>) {
		super();
		for (const type of [
			'intent',
			'grab',
			'release',
			'move',
			'delete',
			'undo',
			'ask',
			'confirm',
			'hide',
			'error',
			'actionfailed',
			'missing',
		] as const) {
			this.addEventListener(type, (e) => this.events.push({ ...e, type }));
		}
	}
	get scene() {
		return this.s.scene;
	}
	get world() {
		return this.s.world;
	}
	select(object: WorldObject | null) {
		this.selected = object;
		return object;
	}
	/** What `handleTranscript` does around the interpreter. */
	async hear(text: string, answer: FusionAnswer, input: ActingInput = {}): Promise<FusionAnswer> {
		const stamped: ActingInput = { viewer: { position: [0, 1.6, 0], forward: [0, 0, -1] }, pointer: null, ...input };
		const event = createTranscriptEvent(text, stamped);
		this.dispatchEvent(event);
		if (event.defaultPrevented) return event.answer ?? answer;
		const scenario = this.world.toScenario('u', text, stamped.viewer!, stamped.pointer ?? null);
		this.dispatchEvent({ type: 'answer', answer, scenario, input: stamped });
		await settle();
		return answer;
	}
	types() {
		return this.events.map((e) => e.type);
	}
}

export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
export async function setup(options: ConstructorParameters<typeof ActionStage>[0] = {}) {
	const s = actionScene();
	const host = new Host(s);
	const stage = new ActionStage({ speak: false, ...options });
	await stage.load(host);
	const right = new Group();
	right.position.set(1.5, 1.2, 0);
	s.scene.add(right);
	stage.hands!.add(right, 'right');
	s.scene.updateMatrixWorld(true);
	return { s, host, stage, right };
}
