import {
	type ActionHandler,
	type ActionOutcome,
	type ActionRequest,
	type ActionServices,
	fail,
} from '../ActionHandler.js';

/**
 * `select`: highlights the target; a new selection replaces the old one. The `select` event comes
 * from `SceneUnderstanding.select`.
 *
 * ```ts
 * sense.actions.setHandler( new SelectAction() );
 * ```
 */
export class SelectAction implements ActionHandler {
	readonly intents = ['select'] as const;

	execute(request: ActionRequest, services: ActionServices): ActionOutcome {
		if (!request.target) return fail('nothing to select');
		services.select(request.target);
		return { ok: true, event: null };
	}
}
