import type { Object3D, Vector3 } from 'three';
import type { TranscriptInput } from '../fusion/Interpreter.js';
import type { FusionAnswer, Intent, Ray } from '../fusion/scenario.js';
import type { WorldModel } from '../world/WorldModel.js';
import type { WorldObject } from '../world/WorldObject.js';
import type { ActionEvent } from './ActionEvents.js';
import type { Animator } from './Animator.js';
import type { HandSlots } from './HandSlots.js';
import type { ReplyLang } from './phrases.js';
import type { UndoStack } from './UndoStack.js';

/**
 * A transcript's input as the acting stage reads it: the stamped viewer and pointer rays, plus the
 * rays at the moments the deictic words were said, when known. `SceneUnderstanding.handleTranscript`
 * passes every field through, so a transcript source with word timing can fill them.
 */
export interface ActingInput extends TranscriptInput {
	/** Pointer (or, without one, gaze) ray when "there" / "这里" / "那里" was said. */
	thereRay?: Ray | null;
	/** Pointer ray when "this" / "that" / "这个" / "那个" was said, before a "there". */
	thatRay?: Ray | null;
	/** `performance.now()` when the utterance started: lets the acting stage look rays up in its pointer history. */
	startTime?: number;
}

/** One action to carry out: the model's answer with its ids resolved to world objects. */
export interface ActionRequest {
	intent: Intent;
	answer: FusionAnswer;
	target: WorldObject | null;
	destination: WorldObject | null;
	/** The utterance ('' when the action came from a gesture or the API). */
	text: string;
	/** The language to reply in. */
	lang: ReplyLang;
	input: ActingInput;
	/** What asked for it. */
	via: 'voice' | 'gesture' | 'api';
	/** For a gesture: the hand slot index that made it. */
	hand?: number;
}

/** A surface hit along a ray. */
export interface SurfaceHit {
	point: Vector3;
	/** World-space face normal. */
	normal: Vector3;
	/** The world object hit, when the mesh belongs to one. */
	object: WorldObject | null;
}

/** What handlers may use: the scene, the world model, hands, animation, undo and feedback. */
export interface ActionServices {
	readonly scene: Object3D;
	readonly world: WorldModel;
	readonly hands: HandSlots;
	readonly animator: Animator;
	readonly undo: UndoStack;
	/** The XR input index the user points with now, or -1. */
	pointingIndex(): number;
	/** The selected object, or null. */
	selected(): WorldObject | null;
	select(object: WorldObject | null): void;
	/** Shows (in the scene) and speaks (where speech synthesis has a voice) a sentence; returns whether it was spoken. */
	tell(text: string, lang: ReplyLang, near: WorldObject | null): boolean;
	/** The first visible mesh hit along a ray, ignoring `exclude` and its descendants. */
	raycast(ray: Ray, exclude: Object3D | null): SurfaceHit | null;
}

/** What a handler did: the event to dispatch (null: none), or why it could not act. */
export type ActionOutcome = { ok: true; event: ActionEvent | null } | { ok: false; reason: string };

/**
 * Carries out one or more intents. The built-in handlers cover every intent; a host app replaces
 * one with `sense.actions.setHandler( handler )`.
 *
 * ```ts
 * sense.actions.setHandler( {
 *   intents: [ 'delete' ],
 *   execute( request ) { request.target?.object3D?.removeFromParent(); return { ok: true, event: null }; },
 * } );
 * ```
 */
export interface ActionHandler {
	readonly intents: readonly Intent[];
	/** Carries the action out; may resolve later (animations). */
	execute(request: ActionRequest, services: ActionServices): ActionOutcome | Promise<ActionOutcome>;
	dispose?(): void;
}

/** A failed outcome. */
export function fail(reason: string): ActionOutcome {
	return { ok: false, reason };
}
