import {
	type ActionHandler,
	type ActionOutcome,
	type ActionRequest,
	type ActionServices,
	fail,
} from '../ActionHandler.js';

/**
 * `hide` and `show`: toggles the target's visibility (undoable).
 *
 * ```ts
 * await sense.handleTranscript( 'hide the plant' ); // → 'hide' event
 * ```
 */
export class VisibilityAction implements ActionHandler {
	readonly intents = ['hide', 'show'] as const;

	execute(request: ActionRequest, { undo }: ActionServices): ActionOutcome {
		const target = request.target;
		const o3 = target?.object3D;
		if (!target || !o3) return fail(`nothing to ${request.intent}`);
		const visible = request.intent === 'show';
		const was = o3.visible;
		o3.visible = visible;
		target.hidden = !visible;
		undo.push({
			intent: request.intent,
			object: target,
			undo: () => {
				o3.visible = was;
				target.hidden = !was;
				return target;
			},
		});
		return { ok: true, event: { type: visible ? 'show' : 'hide', object: target } };
	}
}
