/**
 * A procedural room for the episode generator: furniture on the floor, small things resting on
 * tables and shelves, pictures and doors on the walls, and a viewer standing somewhere looking in.
 */

import type { Rng } from '../../runtime/Rng.js';
import { distance } from '../geometry.js';
import type { ColorName, Ray, Vec3 } from '../scenario.js';
import { KINDS, type Kind } from './catalog.js';

export interface Item {
	kind: Kind;
	label: string;
	color?: ColorName;
	position: Vec3;
	size: Vec3;
	/** What it rests on, if anything. */
	on: Item | null;
	held?: boolean;
	hidden?: boolean;
	confidence: number;
}

const FLOOR_KINDS = KINDS.filter((k) => k.place === 'floor');
const SUPPORTS = KINDS.filter((k) => k.support && k.place === 'floor');
const SURFACE_KINDS = KINDS.filter((k) => k.place === 'surface');
const WALL_KINDS = KINDS.filter((k) => k.place === 'wall');

export class Room {
	readonly items: Item[] = [];
	readonly width: number;
	readonly depth: number;
	/** A fixed scene (the demo's living room): nothing is added to it. */
	frozen = false;
	/** Where the viewer may stand (x and z ranges); defaults to anywhere inside the walls. */
	viewerArea: { x: [number, number]; z: [number, number] } | null = null;

	constructor(
		readonly rng: Rng,
		width?: number,
		depth?: number,
	) {
		this.width = width ?? rng.uniform(4, 7);
		this.depth = depth ?? rng.uniform(4, 9);
	}

	/** Fills the room with `count` objects (3–15). */
	furnish(count: number): this {
		const rng = this.rng;
		const supports = rng.int(1, Math.min(3, count - 1));
		for (let i = 0; i < supports; i++) this.add(rng.pick(i === 0 ? SUPPORTS.slice(0, 3) : SUPPORTS));
		if (rng.chance(0.3)) this.add(rng.pick(WALL_KINDS));
		for (let tries = 0; this.items.length < count && tries < 4 * count; tries++) {
			const r = rng.next();
			this.add(r < 0.7 ? rng.pick(SURFACE_KINDS) : r < 0.92 ? rng.pick(FLOOR_KINDS) : rng.pick(WALL_KINDS));
		}
		return this;
	}

	/** Adds one object of a kind where it fits; returns it, or null when nothing fits. */
	add(kind: Kind, color?: ColorName, scale = 1, support?: Item | null): Item | null {
		if (this.frozen) return null;
		const rng = this.rng;
		const jitter = rng.uniform(0.85, 1.2) * scale;
		const size: Vec3 = [kind.size[0] * jitter, kind.size[1] * jitter, kind.size[2] * jitter];
		const item: Item = {
			kind,
			label: rng.pick(kind.labels),
			color: color ?? (rng.chance(0.92) ? rng.pick(kind.colors) : undefined),
			position: [0, 0, 0],
			size,
			on: null,
			confidence: Math.round(rng.uniform(0.55, 1) * 100) / 100,
		};
		for (let attempt = 0; attempt < 30; attempt++) {
			if (this.place(item, support)) {
				this.items.push(item);
				return item;
			}
		}
		return null;
	}

	private place(item: Item, wanted?: Item | null): boolean {
		const rng = this.rng;
		const { width: w, depth: d } = this;
		const s = item.size;
		if (item.kind.place === 'wall') {
			const side = rng.int(0, 3);
			const along = rng.uniform(-0.5, 0.5);
			const y = item.kind.labels[0] === 'door' ? s[1] / 2 : rng.uniform(1.0, 1.6);
			if (side < 2) item.position = [along * (w - s[0] - 0.4), y, (side === 0 ? -1 : 1) * (d / 2 - s[2] / 2)];
			else {
				item.size = [s[2], s[1], s[0]];
				item.position = [(side === 2 ? -1 : 1) * (w / 2 - s[2] / 2), y, along * (d - s[0] - 0.4)];
			}
			return !this.items.some((o) => o.kind.place === 'wall' && distance(o.position, item.position) < 1.2);
		}
		const supports = this.items.filter((o) => o.kind.support && o.on === null && !o.held);
		const support =
			wanted !== undefined ? wanted : item.kind.place === 'surface' && supports.length ? rng.pick(supports) : null;
		if (support) {
			const ss = support.size;
			const x = support.position[0] + rng.uniform(-0.5, 0.5) * Math.max(0, ss[0] - s[0] - 0.04);
			const z = support.position[2] + rng.uniform(-0.5, 0.5) * Math.max(0, ss[2] - s[2] - 0.04);
			item.position = [x, support.position[1] + ss[1] / 2 + s[1] / 2, z];
			item.on = support;
			return !this.items.some(
				(o) =>
					o.on === support &&
					Math.hypot(o.position[0] - x, o.position[2] - z) <
						(Math.max(o.size[0], o.size[2]) + Math.max(s[0], s[2])) / 2 + 0.03,
			);
		}
		const x = rng.uniform(-w / 2 + s[0] / 2 + 0.1, w / 2 - s[0] / 2 - 0.1);
		const z = rng.uniform(-d / 2 + s[2] / 2 + 0.1, d / 2 - s[2] / 2 - 0.1);
		item.position = [x, s[1] / 2, z];
		return !this.items.some(
			(o) =>
				o.on === null &&
				o.kind.place !== 'wall' &&
				Math.abs(o.position[0] - x) < (o.size[0] + s[0]) / 2 + 0.15 &&
				Math.abs(o.position[2] - z) < (o.size[2] + s[2]) / 2 + 0.15,
		);
	}

	/** A standing (sometimes seated) viewer looking roughly at `lookAt`. */
	viewer(lookAt?: Vec3): Ray {
		const rng = this.rng;
		for (let attempt = 0; ; attempt++) {
			const area = this.viewerArea ?? {
				x: [-this.width / 2 + 0.4, this.width / 2 - 0.4],
				z: [-this.depth / 2 + 0.4, this.depth / 2 - 0.4],
			};
			const p: Vec3 = [
				rng.uniform(...area.x),
				rng.chance(0.8) ? rng.uniform(1.5, 1.75) : rng.uniform(1.1, 1.3),
				rng.uniform(...area.z),
			];
			const blocked = this.items.some(
				(o) =>
					o.on === null &&
					Math.abs(o.position[0] - p[0]) < o.size[0] / 2 + 0.3 &&
					Math.abs(o.position[2] - p[2]) < o.size[2] / 2 + 0.3,
			);
			if (blocked && attempt < 40) continue;
			const target = lookAt ?? [rng.uniform(-1, 1), 0.8, rng.uniform(-1, 1)];
			const yaw = rng.uniform(-0.5, 0.5);
			const dx = target[0] - p[0];
			const dz = target[2] - p[2];
			const fx = dx * Math.cos(yaw) - dz * Math.sin(yaw);
			const fz = dx * Math.sin(yaw) + dz * Math.cos(yaw);
			const h = Math.hypot(fx, fz) || 1;
			const fy = (target[1] - p[1]) / h;
			return { position: p, forward: normalize([fx / h, Math.max(-0.8, Math.min(0.3, fy)), fz / h]) };
		}
	}
}

export function normalize(v: Vec3): Vec3 {
	const l = Math.hypot(v[0], v[1], v[2]) || 1;
	return [v[0] / l, v[1] / l, v[2] / l];
}
