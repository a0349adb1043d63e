import {
	type ActionHandler,
	type ActionOutcome,
	type ActionRequest,
	type ActionServices,
	fail,
} from '../ActionHandler.js';
import { ObjectSnapshot } from '../ObjectSnapshot.js';

/**
 * `delete`: takes the target out of the scene and the world model. Undo ("undo", "撤销",
 * `sense.actions.undo()`) puts it back under its parent, with its pose and materials, under the
 * same id. Nothing is disposed: the geometry and materials stay the host's.
 *
 * ```ts
 * await sense.handleTranscript( 'delete the plant' ); // 'delete' event
 * sense.actions.undo();                              // 'undo' event, the plant is back
 * ```
 */
export class DeleteAction implements ActionHandler {
	readonly intents = ['delete'] as const;

	execute(request: ActionRequest, { animator, hands, world, undo, selected, select }: ActionServices): ActionOutcome {
		const target = request.target;
		const o3 = target?.object3D;
		if (!target || !o3) return fail('nothing to delete');
		animator.finish(o3);
		// A held object comes back where it was before it was picked up.
		const before = hands.releaseObject(target) ?? new ObjectSnapshot(o3);
		if (selected() === target) select(null);
		o3.removeFromParent();
		world.remove(target.id);
		undo.push({
			intent: 'delete',
			object: target,
			undo: () => {
				// Into the world model first: if that fails (the id was taken meanwhile) the scene stays as it is.
				const restored = world.add({
					id: target.id,
					label: target.label,
					confidence: target.confidence,
					color: target.color,
					name: target.name,
					position: target.position.clone(),
					size: target.size.clone(),
					source: target.source,
					object3D: o3,
				});
				before.restore();
				world.refresh();
				return restored;
			},
		});
		return { ok: true, event: { type: 'delete', object: target } };
	}
}
