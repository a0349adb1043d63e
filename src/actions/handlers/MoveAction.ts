import { Box3, Vector3 } from 'three';
import type { WorldObject } from '../../world/WorldObject.js';
import {
	type ActionHandler,
	type ActionOutcome,
	type ActionRequest,
	type ActionServices,
	fail,
	type SurfaceHit,
} from '../ActionHandler.js';
import { ObjectSnapshot } from '../ObjectSnapshot.js';
import { hasDeicticPlace } from '../phrases.js';
import { findRestingPlace, placeAgainst, translateWorld } from '../placement.js';

const _box = new Box3();
const _surface = new Box3();
const _delta = new Vector3();
const _half = new Vector3();
// A horizontal region with no bounds, for a floor or ground hit that belongs to no object.
const _unbounded = new Box3(new Vector3(-1e6, -1e6, -1e6), new Vector3(1e6, 1e6, 1e6));

/**
 * `move`: "put the book on the shelf" rests the target on the destination's top surface, clear of
 * what already stands there; "put that there" / "把那个放到那里" puts it where the pointer (or, without
 * one, the gaze) hit when "there" was said. A held object is released first. Undoable.
 *
 * ```ts
 * await sense.handleTranscript( 'put it on the table' ); // 'move' event
 * ```
 */
export class MoveAction implements ActionHandler {
	readonly intents = ['move'] as const;

	execute(request: ActionRequest, services: ActionServices): ActionOutcome {
		const { target, destination, input } = request;
		const o3 = target?.object3D;
		if (!target || !o3) return fail('nothing to move');
		const { hands, animator, world, undo, raycast } = services;
		// "There": the ray of the moment it was said when known (null then: the gaze), else the one stamped at the end.
		const stamped = input.thereRay !== undefined ? (input.thereRay ?? input.viewer) : (input.pointer ?? input.viewer);
		const ray = hasDeicticPlace(request.text) ? (stamped ?? null) : null;
		const hit = ray ? raycast(ray, o3) : null;
		if (!hit && (!destination || destination === target)) return fail('no place to put it');
		animator.finish(o3);
		const before = hands.releaseObject(target) ?? new ObjectSnapshot(o3);
		world.refresh();
		o3.updateWorldMatrix(true, true);
		_box.setFromObject(o3, true);
		if (destination && destination !== target && (!hit || hit.object === destination)) {
			restOn(destination, hit, target, world.objects.values());
		} else {
			placeAtHit(hit!, target, world.objects.values());
		}
		translateWorld(o3, _delta);
		undo.push({
			intent: 'move',
			object: target,
			undo: () => {
				animator.finish(o3);
				hands.releaseObject(target);
				before.restore();
				return target;
			},
		});
		world.refresh();
		return {
			ok: true,
			event: { type: 'move', object: target, destination, position: o3.getWorldPosition(new Vector3()) },
		};
	}
}

/** Rests the target on the destination's top, at the pointed spot when there is one (writes `_delta`). */
function restOn(
	destination: WorldObject,
	hit: SurfaceHit | null,
	target: WorldObject,
	objects: Iterable<WorldObject>,
): void {
	boxOf(destination, _surface);
	const top = _surface.max.y;
	const x = hit ? hit.point.x : (_surface.min.x + _surface.max.x) / 2;
	const z = hit ? hit.point.z : (_surface.min.z + _surface.max.z) / 2;
	findRestingPlace(_box, top, _surface, x, z, obstaclesOn(_surface, top, objects, target, destination), _delta);
}

/** Puts the target at a pointed surface: standing on it when it faces up, against it otherwise (writes `_delta`). */
function placeAtHit(hit: SurfaceHit, target: WorldObject, objects: Iterable<WorldObject>): void {
	if (hit.normal.y <= 0.7) {
		placeAgainst(_box, hit.point, hit.normal, _delta);
		return;
	}
	const region = hit.object ? boxOf(hit.object, _surface) : _surface.copy(_unbounded);
	const top = hit.point.y;
	const obstacles = obstaclesOn(region, top, objects, target, hit.object);
	findRestingPlace(_box, top, region, hit.point.x, hit.point.z, obstacles, _delta);
}

/** Boxes of visible objects standing on a surface (their bottom at or above its top, overlapping it in x/z). */
function obstaclesOn(
	surface: Box3,
	top: number,
	objects: Iterable<WorldObject>,
	target: WorldObject,
	support: WorldObject | null,
): Box3[] {
	const out: Box3[] = [];
	for (const o of objects) {
		if (o === target || o === support || o.hidden || o.held) continue;
		const box = boxOf(o, new Box3());
		const over =
			box.max.x > surface.min.x && box.min.x < surface.max.x && box.max.z > surface.min.z && box.min.z < surface.max.z;
		if (over && box.min.y >= top - 0.02 && box.min.y < top + 0.5) out.push(box);
	}
	return out;
}

function boxOf(object: WorldObject, out: Box3): Box3 {
	_half.copy(object.size).multiplyScalar(0.5);
	return out.set(out.min.copy(object.position).sub(_half), out.max.copy(object.position).add(_half));
}
