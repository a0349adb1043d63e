import { type Camera, type Object3D, Vector3, type WebGLRenderer } from 'three';
import { type FusionAnswer, INTENTS, type Intent } from '../fusion/scenario.js';
import type { SceneUnderstanding, SceneUnderstandingEventMap } from '../SceneUnderstanding.js';
import type { SenseStage } from '../SenseStage.js';
import type { PoseHistory } from '../sources/xr/PoseHistory.js';
import type { XRPointers } from '../sources/xr/XRPointers.js';
import type { WorldObject } from '../world/WorldObject.js';
import type { IntentEventData } from './ActionEvents.js';
import type { ActingInput, ActionHandler, ActionOutcome, ActionRequest, ActionServices } from './ActionHandler.js';
import { Animator } from './Animator.js';
import { HandSlots } from './HandSlots.js';
import { DeleteAction } from './handlers/DeleteAction.js';
import { DescribeAction } from './handlers/DescribeAction.js';
import { GrabAction } from './handlers/GrabAction.js';
import { MoveAction } from './handlers/MoveAction.js';
import { SelectAction } from './handlers/SelectAction.js';
import { TransformAction } from './handlers/TransformAction.js';
import { VisibilityAction } from './handlers/VisibilityAction.js';
import { MessagePanel } from './MessagePanel.js';
import { askSentence, isUndo, missingSentence, type ReplyLang, replyLanguage, yesOrNo } from './phrases.js';
import { raycastSurface } from './raycastSurface.js';
import { speak } from './speak.js';
import { stampDeixis } from './stampDeixis.js';
import { type UndoEntry, UndoStack } from './UndoStack.js';

/** What the acting stage needs from its host; `SceneUnderstanding` is one. */
export type ActionHost = Pick<
	SceneUnderstanding,
	'scene' | 'world' | 'selected' | 'select' | 'addEventListener' | 'removeEventListener' | 'dispatchEvent'
> & { renderer?: WebGLRenderer; camera?: Camera; pointers?: XRPointers; poses?: PoseHistory };

export interface ActionStageOptions {
	/** Built-in actions to switch off or on, e.g. `{ delete: false }` (default: all on). */
	enabled?: Partial<Record<Intent, boolean>>;
	/** Below this answer confidence the plugin asks before acting (default 0.5; 0 never asks). */
	askBelow?: number;
	/**
	 * Outside XR, hold grabbed things in front of the camera when no controller is connected
	 * (default true), so typed "pick up the cup" works on a desktop.
	 */
	desktopHand?: boolean;
	/** Handlers replacing the built-in ones for their intents. */
	handlers?: ActionHandler[];
	/** Speak answers and questions with speech synthesis where a voice exists (default true). */
	speak?: boolean;
}

const _origin = new Vector3();
const _direction = new Vector3();
const _top = new Vector3();
const NONE: FusionAnswer = { intent: 'none', target: null, destination: null, confidence: 1 };

/**
 * The end of the pipeline: turns the interpreter's answers into actions in the three.js scene.
 * For each answer it dispatches a cancelable `intent` event, asks first when the model is unsure
 * ("Did you mean the red lamp?" — "yes"/"对" runs it, "no"/"不是" drops it), runs the handler for
 * the intent and dispatches the completed action's event. It also handles "undo" / "撤销", grabs
 * with a squeeze or pinch, and gives deictic words ("that … there") the pointer ray of the moment
 * they were said. `SceneUnderstanding` creates one as `sense.actions` unless `actions: false`.
 *
 * ```ts
 * const sense = new SceneUnderstanding( { renderer, scene, camera, actions: { enabled: { delete: false } } } );
 * sense.addEventListener( 'intent', ( e ) => { if ( e.intent === 'hide' ) e.preventDefault(); } );
 * sense.addEventListener( 'grab', ( e ) => console.log( 'holding', e.object.label ) );
 * await sense.load();
 * await sense.handleTranscript( 'pick up the red cup' );
 * sense.actions.undo();
 * ```
 */
export class ActionStage implements SenseStage {
	readonly name = 'actions';
	/** Which built-in actions run (an intent switched off still dispatches `intent`). */
	readonly enabled: Record<Intent, boolean>;
	/** Below this answer confidence the plugin asks before acting. */
	askBelow: number;
	/** Whether a desktop hand holds grabbed things outside XR. */
	readonly desktopHand: boolean;
	/** Speak answers aloud where possible. */
	speakAloud: boolean;
	readonly animator = new Animator();
	readonly undoStack = new UndoStack();
	/** The controllers and hands; created by `load()`. */
	hands: HandSlots | null = null;
	/** The in-scene panel for answers and questions; created by `load()`. */
	panel: MessagePanel | null = null;
	/** The action waiting for a yes/no answer, or null. */
	pending: ActionRequest | null = null;

	private sense: ActionHost | null = null;
	private services: ActionServices | null = null;
	private readonly handlers = new Map<Intent, ActionHandler>();
	private readonly cleanups: Array<() => void> = [];
	private lastTime = -1;

	constructor(options: ActionStageOptions = {}) {
		this.enabled = Object.fromEntries(INTENTS.map((i) => [i, options.enabled?.[i] ?? true])) as Record<Intent, boolean>;
		this.askBelow = options.askBelow ?? 0.5;
		this.desktopHand = options.desktopHand ?? true;
		this.speakAloud = options.speak ?? true;
		const builtIn = [
			new SelectAction(),
			new GrabAction(),
			new MoveAction(),
			new TransformAction(),
			new VisibilityAction(),
			new DeleteAction(),
			new DescribeAction(),
		];
		for (const handler of [...builtIn, ...(options.handlers ?? [])]) this.setHandler(handler);
	}

	/** Uses `handler` for its intents from now on (replacing the built-in ones). */
	setHandler(handler: ActionHandler): void {
		for (const intent of handler.intents) this.handlers.set(intent, handler);
	}

	async load(sense: ActionHost): Promise<void> {
		this.sense = sense;
		const hands = new HandSlots(sense.scene);
		this.hands = hands;
		// The session may have started before load() finished: the pointers heard its input sources.
		const pointers = sense.pointers;
		if (sense.renderer) hands.connectXR(sense.renderer, pointers ? (i) => pointers.inputSource(i) : undefined);
		// On a desktop without controllers, things picked up by voice are held in front of the camera.
		if (sense.camera && this.desktopHand) hands.addCameraHand(sense.camera, () => !sense.renderer?.xr.isPresenting);
		const viewer = () => (sense.renderer?.xr.isPresenting ? sense.renderer.xr.getCamera() : sense.camera);
		this.panel = sense.camera ? new MessagePanel(sense.scene, () => viewer()!) : null;
		this.services = this.createServices(sense, hands);
		const onTranscript = (e: SceneUnderstandingEventMap['transcript']) => this.onTranscript(e);
		const onAnswer = (e: SceneUnderstandingEventMap['answer']) =>
			this.onAnswer(e.answer, e.scenario.transcript, e.input);
		sense.addEventListener('transcript', onTranscript);
		sense.addEventListener('answer', onAnswer);
		this.cleanups.push(() => {
			sense.removeEventListener('transcript', onTranscript);
			sense.removeEventListener('answer', onAnswer);
		});
		const onGestureStart = (e: { slot: { index: number; held: WorldObject | null; holder: Object3D } }) =>
			this.onGesture(e.slot.index, e.slot.holder, e.slot.held, true);
		const onGestureEnd = (e: { slot: { index: number; held: WorldObject | null; holder: Object3D; by: string } }) => {
			if (e.slot.held && e.slot.by === 'gesture') this.onGesture(e.slot.index, e.slot.holder, e.slot.held, false);
		};
		hands.addEventListener('gesturestart', onGestureStart);
		hands.addEventListener('gestureend', onGestureEnd);
	}

	update(time: number): void {
		const delta = this.lastTime < 0 ? 0 : Math.min(0.1, Math.max(0, (time - this.lastTime) / 1000));
		this.lastTime = time;
		this.animator.update(delta);
		this.hands?.followCamera();
		this.panel?.update(delta);
	}

	/**
	 * Carries out an answer now (no question asked): dispatches `intent`, runs the handler and the
	 * completed event. Resolves with the outcome, or null when vetoed, switched off or `none`.
	 */
	perform(
		answer: FusionAnswer,
		options: { text?: string; input?: ActingInput; via?: ActionRequest['via']; hand?: number } = {},
	): Promise<ActionOutcome | null> {
		const text = options.text ?? '';
		return this.run(this.resolve(answer, text, options.input ?? {}, options.via ?? 'api', options.hand));
	}

	/** Takes back the newest action (delete, move, hide, show, rotate, scale); dispatches `undo`. */
	undo(): UndoEntry | null {
		let entry: UndoEntry | null;
		try {
			entry = this.undoStack.undo();
		} catch (error) {
			// E.g. a deleted object's id was taken meanwhile: report it, keep the rest working.
			this.sense?.dispatchEvent({ type: 'error', error: error as Error, stage: this.name });
			return null;
		}
		if (entry) this.sense?.dispatchEvent({ type: 'undo', intent: entry.intent, object: entry.object });
		return entry;
	}

	dispose(): void {
		for (const cleanup of this.cleanups) cleanup();
		this.cleanups.length = 0;
		this.animator.dispose();
		this.hands?.dispose();
		this.panel?.dispose();
		for (const handler of new Set(this.handlers.values())) handler.dispose?.();
		this.undoStack.clear();
		this.pending = null;
		this.sense = null;
	}

	private onTranscript(e: {
		text: string;
		input: ActingInput;
		preventDefault(): void;
		answer: FusionAnswer | null;
	}): void {
		const pending = this.pending;
		if (pending) {
			this.pending = null;
			const reply = yesOrNo(e.text);
			if (reply) {
				e.preventDefault();
				// The question is answered: take it down.
				this.panel?.hide();
				e.answer = reply === 'yes' ? pending.answer : NONE;
				this.sense?.dispatchEvent({ type: 'confirm', accepted: reply === 'yes', answer: pending.answer });
				if (reply === 'yes') void this.run(pending);
				return;
			}
		}
		if (isUndo(e.text)) {
			e.preventDefault();
			e.answer = NONE;
			this.undo();
			return;
		}
		if (this.sense?.poses) stampDeixis(e.text, e.input, this.sense.poses);
	}

	private onAnswer(answer: FusionAnswer, text: string, input: ActingInput): void {
		if (answer.intent === 'none') return;
		if (answer.missing && !answer.target) {
			// Named but not here: say so rather than act on the nearest lookalike.
			const lang = replyLanguage(text, input.lang);
			const sentence = missingSentence(answer.missing, lang);
			this.services?.tell(sentence, lang, null);
			this.sense?.dispatchEvent({ type: 'missing', missing: answer.missing, sentence, answer, lang });
			return;
		}
		const request = this.resolve(answer, text, input, 'voice');
		if (answer.confidence < this.askBelow) {
			this.ask(request);
			return;
		}
		void this.run(request);
	}

	private ask(request: ActionRequest): void {
		this.pending = request;
		const { target, lang, answer } = request;
		const question = askSentence(target?.label ?? null, target?.color, lang);
		this.services?.tell(question, lang, target);
		this.sense?.dispatchEvent({ type: 'ask', question, answer, object: target, lang });
	}

	private resolve(
		answer: FusionAnswer,
		text: string,
		input: ActingInput,
		via: ActionRequest['via'],
		hand?: number,
	): ActionRequest {
		const world = this.sense?.world;
		const target = (answer.target && world?.get(answer.target)) || null;
		const destination = (answer.destination && world?.get(answer.destination)) || null;
		const lang: ReplyLang = replyLanguage(text, input.lang);
		return { intent: answer.intent, answer, target, destination, text, lang, input, via, hand };
	}

	private async run(request: ActionRequest): Promise<ActionOutcome | null> {
		const sense = this.sense;
		const services = this.services;
		if (!sense || !services || request.intent === 'none') return null;
		if (!(INTENTS as readonly string[]).includes(request.intent)) {
			const error = new Error(
				`ActionStage: unknown intent "${String(request.intent)}" (expected one of ${INTENTS.join(', ')})`,
			);
			sense.dispatchEvent({ type: 'error', error, stage: this.name });
			return null;
		}
		const event: { type: 'intent' } & IntentEventData = {
			type: 'intent',
			intent: request.intent,
			answer: request.answer,
			object: request.target,
			destination: request.destination,
			transcript: request.text,
			input: request.input,
			via: request.via,
			defaultPrevented: false,
			preventDefault() {
				event.defaultPrevented = true;
			},
		};
		sense.dispatchEvent(event);
		const handler = this.handlers.get(request.intent);
		if (event.defaultPrevented || !this.enabled[request.intent] || !handler) return null;
		let outcome: ActionOutcome;
		try {
			outcome = await handler.execute(request, services);
		} catch (error) {
			sense.dispatchEvent({ type: 'error', error: error as Error, stage: this.name });
			return null;
		}
		if (!this.sense) return outcome;
		if (!outcome.ok) {
			sense.dispatchEvent({
				type: 'actionfailed',
				intent: request.intent,
				reason: outcome.reason,
				object: request.target,
			});
		} else if (outcome.event) {
			sense.dispatchEvent(outcome.event as Parameters<ActionHost['dispatchEvent']>[0]);
		}
		return outcome;
	}

	private onGesture(index: number, holder: Object3D, held: WorldObject | null, start: boolean): void {
		if (start) {
			if (held) return;
			holder.updateWorldMatrix(true, false);
			_origin.setFromMatrixPosition(holder.matrixWorld);
			_direction.set(0, 0, -1).transformDirection(holder.matrixWorld);
			const hit = this.services?.raycast({ position: _origin.toArray(), forward: _direction.toArray() }, null);
			if (!hit?.object) return;
			const answer: FusionAnswer = { intent: 'grab', target: hit.object.id, destination: null, confidence: 1 };
			void this.run(this.resolve(answer, '', {}, 'gesture', index));
		} else if (held) {
			const answer: FusionAnswer = { intent: 'release', target: held.id, destination: null, confidence: 1 };
			void this.run(this.resolve(answer, '', {}, 'gesture', index));
		}
	}

	private createServices(sense: ActionHost, hands: HandSlots): ActionServices {
		return {
			scene: sense.scene,
			world: sense.world,
			hands,
			animator: this.animator,
			undo: this.undoStack,
			pointingIndex: () => sense.pointers?.activeController ?? -1,
			selected: () => sense.selected,
			select: (object) => sense.select(object, 'voice'),
			tell: (text, lang, near) => {
				this.panel?.show(text, near ? _top.copy(near.position).setY(near.position.y + near.size.y / 2) : null);
				return this.speakAloud && speak(text, lang);
			},
			raycast: (ray, exclude) =>
				raycastSurface(sense.scene, sense.world, ray, [
					...(exclude ? [exclude] : []),
					...hands.slots.map((s) => s.holder),
				]),
		};
	}
}
