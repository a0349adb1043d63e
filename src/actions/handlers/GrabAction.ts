import {
	type ActionHandler,
	type ActionOutcome,
	type ActionRequest,
	type ActionServices,
	fail,
} from '../ActionHandler.js';

/**
 * `grab` and `release`: the target attaches to the free controller or hand (the pointing one
 * first), keeping its world pose, and follows it; `release` lets go in place.
 *
 * ```ts
 * await sense.handleTranscript( 'pick up the red cup' ); // → 'grab' event, cup follows the hand
 * await sense.handleTranscript( 'let go' );              // → 'release' event
 * ```
 */
export class GrabAction implements ActionHandler {
	readonly intents = ['grab', 'release'] as const;

	execute(request: ActionRequest, services: ActionServices): ActionOutcome {
		return request.intent === 'grab' ? this.grab(request, services) : this.release(request, services);
	}

	private grab(request: ActionRequest, { hands, animator, pointingIndex }: ActionServices): ActionOutcome {
		const target = request.target;
		if (!target?.object3D) return fail('nothing to pick up');
		const by = request.via === 'gesture' ? 'gesture' : 'voice';
		const current = hands.holding(target);
		const slot =
			request.hand !== undefined
				? (hands.slots.find((s) => s.index === request.hand && s.connected && (!s.held || s.held === target)) ?? null)
				: (current ?? hands.choose(pointingIndex()));
		if (!slot) return fail('no free hand or controller');
		animator.finish(target.object3D);
		hands.grab(target, slot, by);
		return { ok: true, event: { type: 'grab', object: target, holder: slot.holder, handedness: slot.handedness, by } };
	}

	private release(request: ActionRequest, { hands, pointingIndex }: ActionServices): ActionOutcome {
		const held = hands.slots.filter((s) => s.held);
		const pointing = pointingIndex();
		const slot =
			(request.target ? hands.holding(request.target) : null) ??
			(request.hand !== undefined ? held.find((s) => s.index === request.hand) : undefined) ??
			held.find((s) => s.index === pointing) ??
			held[0];
		if (!slot) return fail('nothing is held');
		const handedness = slot.handedness;
		const object = hands.release(slot)!;
		return { ok: true, event: { type: 'release', object, handedness } };
	}
}
