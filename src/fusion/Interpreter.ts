import type { FusionAnswer, Scenario } from './scenario.js';

/**
 * Turns a scenario (what is around, where the user points, what was heard and said) into an
 * answer. The fusion model is the default; a host can plug in its own.
 *
 * ```ts
 * const answer = await interpreter.interpret( sense.world.toScenario( 'u1', 'pick up the red cup', viewer, pointer ) );
 * ```
 */
export interface Interpreter {
	interpret(scenario: Scenario): Promise<FusionAnswer>;
}

/** A transcript handed to `SceneUnderstanding.handleTranscript`, with when and how it was said. */
export interface TranscriptInput {
	/** BCP 47 language tag, when the recogniser knows it. */
	lang?: Scenario['lang'];
	/** `performance.now()` time the utterance ended; defaults to now. */
	time?: number;
	/** Head pose when the utterance ended; defaults to the pose now. */
	viewer?: Scenario['viewer'];
	/** Pointer ray when the utterance ended; defaults to the ray now (null: none). */
	pointer?: Scenario['pointer'];
	/** Where the text came from (e.g. 'speech', 'typed', 'api'). */
	source?: string;
}

/**
 * The `transcript` event of `SceneUnderstanding`: listeners may refine `input` (the rays the model
 * sees), or consume the text (a yes/no answer, "undo") with `preventDefault()` and an `answer`.
 */
export interface TranscriptEvent {
	type: 'transcript';
	text: string;
	input: TranscriptInput;
	defaultPrevented: boolean;
	answer: FusionAnswer | null;
	preventDefault(): void;
}

/** A fresh, cancelable `transcript` event. */
export function createTranscriptEvent(text: string, input: TranscriptInput): TranscriptEvent {
	const event: TranscriptEvent = {
		type: 'transcript',
		text,
		input,
		defaultPrevented: false,
		answer: null,
		preventDefault() {
			event.defaultPrevented = true;
		},
	};
	return event;
}
