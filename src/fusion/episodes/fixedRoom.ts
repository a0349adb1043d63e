/**
 * A fixed scene layout (the demo's living room, from `scenes/`) as a generator room, so episodes
 * can be set in the very room the demo shows.
 */

import type { Rng } from '../../runtime/Rng.js';
import type { ColorName, Vec3 } from '../scenario.js';
import { freeKind, KINDS } from './catalog.js';
import { type Item, Room } from './Room.js';

/** What the generator needs of a layout entry (a subset of `scenes/livingRoomLayout.ts`'s `LayoutObject`). */
export interface LayoutEntry {
	name: string;
	label: string;
	color: ColorName;
	position: Vec3;
	size: Vec3;
	on?: string;
}

export function fixedRoom(rng: Rng, layout: readonly LayoutEntry[]): Room {
	const xs = layout.map((o) => o.position[0]);
	const zs = layout.map((o) => o.position[2]);
	const room = new Room(rng, Math.max(...xs) - Math.min(...xs) + 1, Math.max(...zs) - Math.min(...zs) + 1);
	const byName = new Map<string, Item>();
	for (const o of layout) {
		const kind = KINDS.find((k) => k.labels.includes(o.label)) ?? freeKind(o.label);
		const item: Item = {
			kind,
			label: o.label,
			color: o.color,
			position: [...o.position],
			size: [...o.size],
			on: null,
			confidence: 1,
		};
		byName.set(o.name, item);
		room.items.push(item);
	}
	for (const o of layout) if (o.on) byName.get(o.name)!.on = byName.get(o.on) ?? null;
	room.frozen = true;
	// The demo's viewer starts at the origin facing −z; stand near there.
	room.viewerArea = { x: [Math.min(...xs) / 2, Math.max(...xs) / 2], z: [Math.max(...zs), Math.max(...zs) + 1.2] };
	return room;
}
