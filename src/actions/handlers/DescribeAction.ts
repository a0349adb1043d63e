import { SOUND_CLASSES, type SoundClass } from '../../fusion/scenario.js';
import type { WorldObject } from '../../world/WorldObject.js';
import {
	type ActionHandler,
	type ActionOutcome,
	type ActionRequest,
	type ActionServices,
	fail,
} from '../ActionHandler.js';
import { describeSentence } from '../phrases.js';

/**
 * `describe`: says what the target is — label, colour, how sure the plugin is, the sound it makes
 * if one was heard from it (or the host declared one in `userData.sound`) — in the language of the
 * utterance, on an in-scene panel and through `speechSynthesis` where a voice is available.
 *
 * ```ts
 * sense.addEventListener( 'describe', ( e ) => console.log( e.text ) ); // "That's the red lamp (100% sure)."
 * await sense.handleTranscript( 'what is that' );
 * ```
 */
export class DescribeAction implements ActionHandler {
	readonly intents = ['describe'] as const;

	execute(request: ActionRequest, { world, tell }: ActionServices): ActionOutcome {
		const target = request.target;
		if (!target) return fail('nothing to describe');
		const sound = soundOf(target, world.sounds);
		const confidence = target.confidence;
		const text = describeSentence({ label: target.label, color: target.color, confidence, sound }, request.lang);
		const spoken = tell(text, request.lang, target);
		return {
			ok: true,
			event: { type: 'describe', object: target, text, lang: request.lang, spoken, sound, confidence },
		};
	}
}

/** The newest sound heard from the object, else the one the host declared on it. */
function soundOf(
	object: WorldObject,
	sounds: ReadonlyArray<{ class: SoundClass; objectId: string | null }>,
): SoundClass | null {
	for (let i = sounds.length - 1; i >= 0; i--) if (sounds[i].objectId === object.id) return sounds[i].class;
	const declared = object.object3D?.userData.sound;
	return (SOUND_CLASSES as readonly string[]).includes(declared) ? (declared as SoundClass) : null;
}
