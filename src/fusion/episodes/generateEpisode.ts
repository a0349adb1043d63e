/**
 * The episode generator: a procedural room, a viewer, sometimes a pointer ray and sounds, and an
 * utterance in English or Chinese that picks out exactly one object by one phenomenon (colour,
 * side, distance, ordinal, size, support, pointing, gaze, sound, held, hidden, unseen label), or
 * none at all. Each episode is a {@link Scenario} with its answer in `expect`; its id ends with the
 * scene and the phenomenon (`train-000042-room-ordinal`, `test-000007-livingroom-color`) so
 * evaluation can break accuracy down without new schema fields.
 *
 * ```ts
 * const rng = new Rng( 7 );
 * const { scenario } = generateEpisode( rng, 'train', 0 );
 * ```
 */

import type { Rng } from '../../runtime/Rng.js';
import { toView, viewFrame } from '../geometry.js';
import { type Intent, type Ray, type Scenario, type ScenarioSound, SOUND_CLASSES, type Vec3 } from '../scenario.js';
import { FREE_LABELS_TEST, FREE_LABELS_TRAIN, freeKind, KINDS, SOUND_WORDS } from './catalog.js';
import { fixedRoom, type LayoutEntry } from './fixedRoom.js';
import { type Item, normalize, Room } from './Room.js';
import { type Context, nounMatches, type Ref, resolve } from './reference.js';
import { renderUtterance, type Split, type Utterance } from './render.js';

export type { Split };

export const PHENOMENA = {
	category: 11,
	color: 11,
	side: 10,
	distance: 8,
	ordinal: 8,
	size: 7,
	support: 8,
	pointer: 8,
	gaze: 5,
	sound: 8,
	held: 6,
	hidden: 4,
	unseen: 4,
	there: 3,
	none: 6,
} as const;
export type Phenomenon = keyof typeof PHENOMENA;

export interface Episode {
	scenario: Scenario;
	phenomenon: Phenomenon;
	/** The description of the target (null for chit-chat) and of the destination. */
	ref: Ref | null;
	destRef: Ref | null;
	/** The room items, with `target`/`destination` among them. */
	items: Item[];
	target: Item | null;
	destination: Item | null;
	context: Context;
	/** The phrasing family (language, intent, template indices); test families never occur in training. */
	family: string;
	/** The true kind's canonical label for each object id (the refined-label head learns it). */
	trueLabel: Record<string, string>;
}

const MANIPULATE: Intent[] = [
	'select',
	'grab',
	'move',
	'rotate',
	'scale_up',
	'scale_down',
	'hide',
	'delete',
	'describe',
];
const SOUND_MAKERS = KINDS.filter((k) => k.sounds?.some((s) => SOUND_WORDS[s]));

/** Phenomena the fixed living room supports without adding objects. */
const FIXED_ROOM_PHENOMENA = new Set<Phenomenon>([
	'category',
	'color',
	'side',
	'distance',
	'ordinal',
	'support',
	'pointer',
	'gaze',
	'sound',
	'held',
	'hidden',
	'there',
	'none',
]);

/** Options of {@link generateEpisode}. */
export interface EpisodeOptions {
	/** Only this phenomenon. */
	only?: Phenomenon;
	/** Set the episode in this fixed layout (named `scene` in the id) instead of a random room. */
	layout?: { scene: string; objects: readonly LayoutEntry[] };
}

/** Generates one episode; `index` names it. Retries internally until the description is clear. */
export function generateEpisode(rng: Rng, split: Split, index: number, options: EpisodeOptions = {}): Episode {
	const { only, layout } = options;
	let phenomenon = only ?? weighted(rng);
	while (layout && !only && !FIXED_ROOM_PHENOMENA.has(phenomenon)) phenomenon = weighted(rng);
	for (let attempt = 0; attempt < 200; attempt++) {
		const room = layout ? fixedRoom(rng, layout.objects) : new Room(rng).furnish(rng.int(3, 13));
		const ep = attemptEpisode(rng, split, phenomenon, room);
		if (!ep) continue;
		const utterance = renderUtterance(rng, split, ep);
		if (!utterance) continue;
		return finish(
			rng,
			`${split}-${String(index).padStart(6, '0')}-${layout?.scene ?? 'room'}`,
			phenomenon,
			ep,
			utterance,
		);
	}
	// A fixed room may not allow every phenomenon from every standpoint: try another one.
	if (layout && !only) return generateEpisode(rng, split, index, { layout, only: 'category' });
	throw new Error(`generateEpisode: could not build a clear "${phenomenon}" episode`);
}

type Draft = Omit<Episode, 'scenario' | 'phenomenon' | 'trueLabel' | 'family'> & { intent: Intent };

function attemptEpisode(rng: Rng, split: Split, phenomenon: Phenomenon, room: Room): Draft | null {
	const lang = rng.chance(0.55) ? 'en' : 'zh';
	const items = room.items;
	const ctx: Context = { items, viewer: room.viewer(), pointer: null, sounds: [], lang };
	if (phenomenon === 'none') {
		addNoise(rng, room, ctx, null);
		return { ref: null, destRef: null, items, target: null, destination: null, context: ctx, intent: 'none' };
	}
	const target = setUp(rng, split, phenomenon, room, ctx);
	if (!target) return null;
	const ref = describeTarget(rng, phenomenon, target, ctx);
	if (!ref) return null;
	const intent = chooseIntent(rng, phenomenon, target);
	let destination: Item | null = null;
	let destRef: Ref | null = null;
	if (intent === 'move') {
		destination = rng.pick(items.filter((i) => i.kind.support && i !== target && i !== target.on && !i.held)) ?? null;
		if (!destination) return null;
		if (phenomenon === 'there') {
			ctx.pointer = aimAt(rng, handRay(ctx.viewer), destination.position);
			destRef = { type: 'pointer' };
		} else destRef = describeDestination(rng, destination, ctx);
		if (!destRef) return null;
	}
	if (intent === 'show') target.hidden = true;
	addNoise(rng, room, ctx, target);
	if (!isClear(ref, target, ctx) || (destRef && !isClear(destRef, destination!, ctx))) return null;
	if (intent !== 'show' && target.hidden) return null;
	return { ref, destRef, items, target, destination, context: ctx, intent };
}

function isClear(ref: Ref, item: Item, ctx: Context): boolean {
	const found = resolve(ref, ctx);
	return found.length === 1 && found[0] === item;
}

/** Arranges the room so that the phenomenon is needed, and returns the target. */
function setUp(rng: Rng, split: Split, phenomenon: Phenomenon, room: Room, ctx: Context): Item | null {
	const items = room.items;
	const lang = ctx.lang;
	const pick = (pred: (i: Item) => boolean = () => true) => {
		const c = items.filter((i) => pred(i));
		return c.length ? rng.pick(c) : null;
	};
	const cloneOf = (t: Item, n: number, sameSupport: number) => {
		for (let k = 0; k < n; k++) room.add(t.kind, undefined, 1, rng.chance(sameSupport) && t.on ? t.on : undefined);
	};
	switch (phenomenon) {
		case 'category':
		case 'hidden': {
			const t = pick((i) => i.kind[lang].some((n) => items.filter((o) => nounMatches(o, n, lang)).length === 1));
			if (t && phenomenon === 'hidden' && rng.chance(0.5)) cloneOf(t, 1, 0.5);
			return t;
		}
		case 'color': {
			const t = pick((i) => i.color !== undefined && i.kind.colors.length > 1);
			if (!t) return null;
			for (let k = rng.int(1, 2); k > 0; k--)
				room.add(
					t.kind,
					rng.pick(t.kind.colors.filter((c) => c !== t.color)),
					1,
					t.on && rng.chance(0.6) ? t.on : undefined,
				);
			for (const o of items) if (o !== t && o.kind === t.kind && o.color === t.color) o.color = undefined;
			return t;
		}
		case 'side':
		case 'distance':
		case 'size':
		case 'ordinal': {
			const t = pick((i) => i.kind.place !== 'wall');
			if (!t) return null;
			const count = items.filter((o) => o.kind === t.kind).length;
			const wanted = phenomenon === 'ordinal' ? rng.int(3, 4) : rng.int(2, 3);
			cloneOf(t, Math.max(0, wanted - count), 0.7);
			if (phenomenon === 'size') {
				const f = rng.chance(0.5) ? rng.uniform(2.4, 3.2) : rng.uniform(0.4, 0.55);
				const sf = Math.cbrt(f * f);
				t.size = [t.size[0] * sf, t.size[1] * sf, t.size[2] * sf];
				t.position[1] = (t.on ? t.on.position[1] + t.on.size[1] / 2 : 0) + t.size[1] / 2;
			}
			const mid = centroid(items.filter((o) => o.kind === t.kind));
			ctx.viewer = room.viewer(mid);
			return t;
		}
		case 'support': {
			const t = pick((i) => i.on !== null && i.kind.place === 'surface');
			if (!t) return null;
			const others = items.filter(
				(s) => s.kind.support && s.on === null && s !== t.on && !s.kind[lang].some((n) => nounMatches(t.on!, n, lang)),
			);
			const support = others.length
				? rng.pick(others)
				: room.add(rng.pick(KINDS.filter((k) => k.support && k !== t.on!.kind)));
			if (!support) return null;
			room.add(t.kind, undefined, 1, support);
			return t;
		}
		case 'pointer':
		case 'gaze': {
			const t = pick((i) => !i.held);
			if (!t) return null;
			if (phenomenon === 'pointer') ctx.pointer = aimAt(rng, handRay(ctx.viewer), t.position);
			else ctx.viewer = aimAt(rng, ctx.viewer, t.position);
			return t;
		}
		case 'sound': {
			let t = pick((i) => SOUND_MAKERS.includes(i.kind));
			if (!t || rng.chance(0.3)) t = room.add(rng.pick(SOUND_MAKERS)) ?? t;
			if (!t) return null;
			const cls = rng.pick(t.kind.sounds!.filter((s) => SOUND_WORDS[s]));
			ctx.sounds.push(soundFrom(rng, ctx.viewer, t.position, cls));
			return t;
		}
		case 'held':
		case 'there': {
			const t = pick((i) => i.kind.small === true && !i.kind.support);
			if (!t) return null;
			hold(t, ctx.viewer);
			return t;
		}
		case 'unseen': {
			const label = rng.pick(split === 'train' ? FREE_LABELS_TRAIN : FREE_LABELS_TEST);
			return room.add(freeKind(label));
		}
		default:
			return null;
	}
}

/** Builds the description of the target for the phenomenon (before the clearness check). */
function describeTarget(rng: Rng, phenomenon: Phenomenon, t: Item, ctx: Context): Ref | null {
	const lang = ctx.lang;
	const noun = rng.pick(t.kind[lang]);
	const maybe = (p: number) => (rng.chance(p) ? noun : undefined);
	switch (phenomenon) {
		case 'category':
		case 'unseen':
			return { type: 'category', noun };
		case 'hidden':
			return { type: 'hidden', noun };
		case 'color':
			return t.color ? { type: 'color', noun, color: t.color } : null;
		case 'side': {
			const group = ctx.items.filter((i) => nounMatches(i, noun, lang));
			const frame = viewFrame(ctx.viewer);
			const x = toView(frame, t.position)[0];
			const side = group.every((i) => i === t || toView(frame, i.position)[0] > x) ? 'left' : 'right';
			return { type: 'side', noun, side };
		}
		case 'distance': {
			const d = (i: Item) => Math.hypot(...toView(viewFrame(ctx.viewer), i.position));
			const group = ctx.items.filter((i) => nounMatches(i, noun, lang));
			return { type: 'distance', noun, which: group.every((i) => i === t || d(i) > d(t)) ? 'near' : 'far' };
		}
		case 'ordinal': {
			const side = rng.chance(0.5) ? 'left' : 'right';
			const frame = viewFrame(ctx.viewer);
			const x = (i: Item) => (side === 'left' ? 1 : -1) * toView(frame, i.position)[0];
			const group = ctx.items.filter((i) => nounMatches(i, noun, lang)).sort((a, b) => x(a) - x(b));
			const k = group.indexOf(t) + 1;
			return k >= 1 && k <= 3 ? { type: 'ordinal', noun, k, side } : null;
		}
		case 'size': {
			const group = ctx.items.filter((i) => nounMatches(i, noun, lang) && i !== t);
			const vol = (i: Item) => i.size[0] * i.size[1] * i.size[2];
			return { type: 'size', noun, which: group.every((i) => vol(i) < vol(t)) ? 'big' : 'small' };
		}
		case 'support':
			return t.on ? { type: 'support', noun, support: rng.pick(t.on.kind[lang]) } : null;
		case 'pointer':
			return { type: 'pointer', noun: maybe(0.4) };
		case 'gaze':
			return { type: 'gaze', noun: maybe(0.4) };
		case 'sound': {
			const generic = ctx.sounds.length === 1 && rng.chance(0.25);
			return generic
				? { type: 'sound', noun: undefined }
				: { type: 'sound', sound: ctx.sounds[0].class, noun: maybe(0.25) };
		}
		case 'held':
		case 'there':
			return { type: 'held', noun: maybe(0.4) };
		default:
			return null;
	}
}

function describeDestination(rng: Rng, d: Item, ctx: Context): Ref | null {
	const noun = rng.pick(d.kind[ctx.lang]);
	const options: Ref[] = [{ type: 'category', noun }];
	if (d.color) options.push({ type: 'color', noun, color: d.color });
	for (const side of ['left', 'right'] as const) options.push({ type: 'side', noun, side });
	const clear = options.filter((r) => isClear(r, d, ctx));
	return clear.length ? clear[0] : null;
}

function chooseIntent(rng: Rng, phenomenon: Phenomenon, t: Item): Intent {
	if (phenomenon === 'hidden') return 'show';
	if (phenomenon === 'there') return 'move';
	if (phenomenon === 'held')
		return rng.pick(['release', 'release', 'release', 'move', 'move', 'rotate', 'describe', 'scale_up']);
	const movable = t.kind.small === true && !t.kind.support;
	const options = MANIPULATE.filter((i) => movable || (i !== 'grab' && i !== 'move'));
	if (phenomenon === 'sound' && rng.chance(0.4)) return 'describe';
	return rng.pick(options);
}

/** Distractors that must not change the answer: a stray sound, a pointer at nothing, something held or hidden. */
function addNoise(rng: Rng, room: Room, ctx: Context, target: Item | null): void {
	const others = room.items.filter(
		(i) => i !== target && (!target || !i.kind.en.some((n) => target.kind.en.includes(n))),
	);
	// A stray sound of another class, also beside the one asked about: a room rarely hears one thing,
	// and a hearing stage may call part of a ring a knock.
	if (rng.chance(ctx.sounds.length ? 0.4 : 0.25)) {
		const heard = new Set(ctx.sounds.map((s) => s.class));
		const from =
			rng.chance(0.5) && others.length
				? rng.pick(others).position
				: ([rng.uniform(-3, 3), rng.uniform(0, 2), rng.uniform(-3, 3)] as Vec3);
		ctx.sounds.push(soundFrom(rng, ctx.viewer, from, rng.pick(SOUND_CLASSES.filter((c) => !heard.has(c)))));
	}
	if (!ctx.pointer && rng.chance(0.2))
		ctx.pointer = aimAt(rng, handRay(ctx.viewer), [rng.uniform(-3, 3), rng.uniform(0, 2), rng.uniform(-3, 3)]);
	const small = others.filter((i) => i.kind.small && !i.kind.support && !i.held && !room.items.some((o) => o.on === i));
	if (!room.items.some((i) => i.held) && small.length && rng.chance(0.12)) hold(rng.pick(small), ctx.viewer);
	const hideable = others.filter((i) => !i.held);
	if (hideable.length && rng.chance(0.1)) rng.pick(hideable).hidden = true;
}

function hold(item: Item, viewer: Ray): void {
	const f = viewFrame(viewer);
	item.held = true;
	item.on = null;
	item.position = [
		viewer.position[0] + f.forward[0] * 0.4 + f.right[0] * 0.2,
		viewer.position[1] - 0.35,
		viewer.position[2] + f.forward[1] * 0.4 + f.right[1] * 0.2,
	];
}

function handRay(viewer: Ray): Ray {
	const f = viewFrame(viewer);
	return {
		position: [
			viewer.position[0] + f.right[0] * 0.2 + f.forward[0] * 0.2,
			viewer.position[1] - 0.3,
			viewer.position[2] + f.right[1] * 0.2 + f.forward[1] * 0.2,
		],
		forward: viewer.forward,
	};
}

function aimAt(rng: Rng, from: Ray, p: Vec3): Ray {
	const d = normalize([
		p[0] - from.position[0] + rng.uniform(-0.03, 0.03),
		p[1] - from.position[1] + rng.uniform(-0.03, 0.03),
		p[2] - from.position[2] + rng.uniform(-0.03, 0.03),
	]);
	return { position: from.position, forward: d };
}

/**
 * A heard sound as the hearing stage reports it: a horizontal bearing (stereo gives azimuth, not
 * elevation) with a few degrees of error, and a classifier confidence.
 */
function soundFrom(rng: Rng, viewer: Ray, p: Vec3, cls: ScenarioSound['class']): ScenarioSound {
	const azimuth = Math.atan2(p[0] - viewer.position[0], p[2] - viewer.position[2]) + rng.uniform(-0.05, 0.05);
	return {
		class: cls,
		direction: [Math.sin(azimuth), 0, Math.cos(azimuth)],
		confidence: Math.round(rng.uniform(0.5, 1) * 100) / 100,
	};
}

function centroid(items: Item[]): Vec3 {
	const c: Vec3 = [0, 0, 0];
	for (const i of items) for (let k = 0; k < 3; k++) c[k] += i.position[k] / items.length;
	return c;
}

function weighted(rng: Rng): Phenomenon {
	const entries = Object.entries(PHENOMENA) as [Phenomenon, number][];
	let r = rng.next() * entries.reduce((s, [, w]) => s + w, 0);
	for (const [name, w] of entries) {
		r -= w;
		if (r < 0) return name;
	}
	return 'category';
}

function finish(rng: Rng, idPrefix: string, phenomenon: Phenomenon, ep: Draft, u: Utterance): Episode {
	const ids = new Map<Item, string>();
	const order = rng.shuffle([...ep.items]);
	for (let i = 0; i < order.length; i++) ids.set(order[i], `o${i + 1}`);
	const r3 = (v: Vec3): Vec3 => [round(v[0]), round(v[1]), round(v[2])];
	const scenario: Scenario = {
		id: `${idPrefix}-${phenomenon}`,
		transcript: u.text,
		viewer: { position: r3(ep.context.viewer.position), forward: r3(ep.context.viewer.forward) },
		objects: order.map((item) => {
			const o: Scenario['objects'][number] = {
				id: ids.get(item)!,
				label: item.label,
				confidence: item.confidence,
				position: r3(item.position),
				size: r3(item.size),
			};
			if (item.color) o.color = item.color;
			if (item.held) o.held = true;
			if (item.hidden) o.hidden = true;
			return o;
		}),
		expect: {
			intent: ep.intent,
			target: ep.target ? ids.get(ep.target)! : null,
			destination: ep.destination ? ids.get(ep.destination)! : null,
		},
	};
	if (rng.chance(0.7))
		scenario.lang =
			ep.context.lang === 'en' ? rng.pick(['en', 'en-US', 'en-GB'] as const) : rng.pick(['zh', 'zh-CN'] as const);
	if (ep.context.pointer)
		scenario.pointer = { position: r3(ep.context.pointer.position), forward: r3(ep.context.pointer.forward) };
	if (ep.context.sounds.length) scenario.sounds = ep.context.sounds.map((s) => ({ ...s, direction: r3(s.direction) }));
	const trueLabel: Record<string, string> = {};
	for (const [item, id] of ids) trueLabel[id] = item.kind.labels[0];
	return { ...ep, scenario, phenomenon, trueLabel, family: u.family };
}

function round(v: number): number {
	return Math.round(v * 1000) / 1000;
}
