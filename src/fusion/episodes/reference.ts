/**
 * What a referring expression means, geometrically: the set of room items it picks out. The
 * generator keeps an episode only when its expression picks out exactly the intended object, and
 * the tests check that invariant on generated episodes.
 */
import { angleTo, azimuthBetween, toView, viewFrame } from '../geometry.js';
import type { ColorName, Ray, ScenarioSound, SoundClass } from '../scenario.js';
import type { Language } from './phrases.js';
import type { Item } from './Room.js';

export type Ref =
	| { type: 'category'; noun: string }
	| { type: 'color'; noun: string; color: ColorName }
	| { type: 'side'; noun: string; side: 'left' | 'right' }
	| { type: 'distance'; noun: string; which: 'near' | 'far' }
	| { type: 'ordinal'; noun: string; k: number; side: 'left' | 'right' }
	| { type: 'size'; noun: string; which: 'big' | 'small' }
	| { type: 'support'; noun: string; support: string }
	| { type: 'pointer'; noun?: string }
	| { type: 'gaze'; noun?: string }
	| { type: 'sound'; sound?: SoundClass; noun?: string }
	| { type: 'held'; noun?: string }
	| { type: 'hidden'; noun: string };

export interface Context {
	items: Item[];
	viewer: Ray;
	pointer: Ray | null;
	sounds: ScenarioSound[];
	lang: Language;
}

/** Margins that make a description clear-cut (metres, radians, ratios). */
export const MARGIN = {
	side: 0.25,
	distance: 0.4,
	ordinal: 0.2,
	size: 2,
	aim: 0.1,
	aimOthers: 0.3,
	sound: 0.12,
	soundOthers: 0.4,
};

export function nounMatches(item: Item, noun: string, lang: Language): boolean {
	return item.kind[lang].includes(noun);
}

/** The items a description picks out; a clear description returns exactly one. */
export function resolve(ref: Ref, ctx: Context): Item[] {
	const { items, lang } = ctx;
	const named = (noun?: string) => (noun ? items.filter((i) => nounMatches(i, noun, lang)) : items);
	const frame = viewFrame(ctx.viewer);
	const x = (i: Item) => toView(frame, i.position)[0];
	switch (ref.type) {
		case 'category':
			return named(ref.noun);
		case 'color': {
			const group = named(ref.noun);
			return group.length < 2 ? [] : group.filter((i) => i.color === ref.color);
		}
		case 'side': {
			const group = named(ref.noun);
			if (group.length < 2 || group.some((i) => toView(frame, i.position)[2] < 0.3)) return [];
			const sign = ref.side === 'left' ? 1 : -1;
			return extreme(group, (i) => sign * x(i), MARGIN.side);
		}
		case 'distance': {
			const group = named(ref.noun);
			if (group.length < 2) return [];
			const sign = ref.which === 'near' ? 1 : -1;
			const d = (i: Item) => Math.hypot(...toView(frame, i.position));
			return extreme(group, (i) => sign * d(i), MARGIN.distance);
		}
		case 'ordinal': {
			const group = named(ref.noun);
			if (group.length < 3 || group.length < ref.k || group.some((i) => toView(frame, i.position)[2] < 0.3)) return [];
			const sign = ref.side === 'left' ? 1 : -1;
			const sorted = [...group].sort((a, b) => sign * (x(a) - x(b)));
			for (let i = 1; i < sorted.length; i++) if (Math.abs(x(sorted[i]) - x(sorted[i - 1])) < MARGIN.ordinal) return [];
			return [sorted[ref.k - 1]];
		}
		case 'size': {
			const group = named(ref.noun);
			if (group.length < 2) return [];
			const vol = (i: Item) => i.size[0] * i.size[1] * i.size[2];
			const sign = ref.which === 'small' ? 1 : -1;
			const sorted = [...group].sort((a, b) => sign * (vol(a) - vol(b)));
			const ratio = vol(sorted[1]) / vol(sorted[0]);
			return (sign > 0 ? ratio : 1 / ratio) >= MARGIN.size ? [sorted[0]] : [];
		}
		case 'support': {
			const group = named(ref.noun);
			if (group.length < 2) return [];
			return group.filter((i) => i.on !== null && nounMatches(i.on, ref.support, lang));
		}
		case 'pointer':
		case 'gaze': {
			const ray = ref.type === 'pointer' ? ctx.pointer : ctx.viewer;
			if (!ray || (ref.type === 'gaze' && ctx.pointer)) return [];
			const aimed = items.filter((i) => angleTo(ray, i.position) <= MARGIN.aim);
			const near = items.filter((i) => angleTo(ray, i.position) < MARGIN.aimOthers);
			if (aimed.length !== 1 || near.length !== 1) return [];
			return ref.noun && !nounMatches(aimed[0], ref.noun, lang) ? [] : aimed;
		}
		case 'sound': {
			const heard = ref.sound ? ctx.sounds.filter((s) => s.class === ref.sound) : ctx.sounds;
			if (heard.length !== 1) return [];
			const dir = heard[0].direction;
			// By bearing only: stereo hearing gives an azimuth, no elevation.
			const angle = (i: Item) =>
				azimuthBetween(dir, [
					i.position[0] - ctx.viewer.position[0],
					i.position[1] - ctx.viewer.position[1],
					i.position[2] - ctx.viewer.position[2],
				]);
			const aligned = items.filter((i) => angle(i) <= MARGIN.sound);
			const near = items.filter((i) => angle(i) < MARGIN.soundOthers);
			if (aligned.length !== 1 || near.length !== 1) return [];
			return ref.noun && !nounMatches(aligned[0], ref.noun, lang) ? [] : aligned;
		}
		case 'held': {
			const held = items.filter((i) => i.held);
			return ref.noun && held.some((i) => !nounMatches(i, ref.noun!, lang)) ? [] : held;
		}
		case 'hidden':
			return named(ref.noun).filter((i) => i.hidden);
	}
}

/** The item with the smallest key, if it beats the runner-up by `margin`. */
function extreme(group: Item[], key: (i: Item) => number, margin: number): Item[] {
	const sorted = [...group].sort((a, b) => key(a) - key(b));
	return key(sorted[1]) - key(sorted[0]) >= margin ? [sorted[0]] : [];
}
