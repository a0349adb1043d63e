import type { Object3D, Vector3 } from 'three';
import type { FusionAnswer, Intent, SoundClass } from '../fusion/scenario.js';
import type { WorldObject } from '../world/WorldObject.js';
import type { ActingInput } from './ActionHandler.js';
import type { ReplyLang } from './phrases.js';

/** The cancelable `intent` event: dispatched before a built-in action runs. */
export interface IntentEventData {
	intent: Intent;
	answer: FusionAnswer;
	/** The target object (`answer.target` resolved; three's EventDispatcher reserves `target` for the dispatcher). */
	object: WorldObject | null;
	/** The destination object of a `move`. */
	destination: WorldObject | null;
	transcript: string;
	input: ActingInput;
	via: 'voice' | 'gesture' | 'api';
	/** True once a listener called `preventDefault()`. */
	defaultPrevented: boolean;
	/** Stops the built-in action (the host handles the intent itself, or vetoes it). */
	preventDefault(): void;
}

/** Events of the acting stage, dispatched on `SceneUnderstanding`. */
export interface ActionEventMap {
	/** The model asked for an action; cancelable. */
	intent: IntentEventData;
	/** An object was grabbed (it now follows `holder`). */
	grab: { object: WorldObject; holder: Object3D; handedness: XRHandedness; by: 'voice' | 'gesture' };
	/** A held object was let go, in place. */
	release: { object: WorldObject; handedness: XRHandedness };
	/** An object was put somewhere; `position` is its new world position. */
	move: { object: WorldObject; destination: WorldObject | null; position: Vector3 };
	/** An object turned by `angle` radians about the vertical. */
	rotate: { object: WorldObject; angle: number };
	/** An object was scaled by `factor`. */
	scale: { object: WorldObject; factor: number };
	hide: { object: WorldObject };
	show: { object: WorldObject };
	/** An object was deleted (undo brings it back). */
	delete: { object: WorldObject };
	/** An action was taken back; `object` is the object as registered now. */
	undo: { intent: Intent; object: WorldObject | null };
	/** An object was described, shown in the scene and spoken when a voice was available. */
	describe: {
		object: WorldObject;
		text: string;
		lang: ReplyLang;
		spoken: boolean;
		sound: SoundClass | null;
		confidence: number;
	};
	/** The model was unsure: the plugin asked instead of acting; a yes/no answer follows. */
	ask: { question: string; answer: FusionAnswer; object: WorldObject | null; lang: ReplyLang };
	/** The user named something that is not in the scene; the plugin said so and did nothing. */
	missing: { missing: string; sentence: string; answer: FusionAnswer; lang: ReplyLang };
	/** The user answered a question: `accepted` runs the action, otherwise it is dropped. */
	confirm: { accepted: boolean; answer: FusionAnswer };
	/** An action could not be carried out (nothing to act on, no free hand…). */
	actionfailed: { intent: Intent; reason: string; object: WorldObject | null };
}

type CompletedAction = 'grab' | 'release' | 'move' | 'rotate' | 'scale' | 'hide' | 'show' | 'delete' | 'describe';

/** The event a handler reports when it completes. */
export type ActionEvent = { [K in CompletedAction]: { type: K } & ActionEventMap[K] }[CompletedAction];

/** Every action event type, and `select` (which the plugin dispatches): what a session records and replays. */
export const ACTION_EVENTS = [
	'select',
	'intent',
	'grab',
	'release',
	'move',
	'rotate',
	'scale',
	'hide',
	'show',
	'delete',
	'undo',
	'describe',
	'ask',
	'missing',
	'confirm',
	'actionfailed',
] as const satisfies ReadonlyArray<keyof ActionEventMap | 'select'>;
