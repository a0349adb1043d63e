/**
 * Grounding a {@link Mention} in a scene: which objects the words can mean, geometrically, in the
 * viewer's frame. Shared by targets and destinations, and by both languages.
 */
import { SOUND_SOURCES } from '../../perception/audio/soundMakers.js';
import { angleTo, azimuthBetween, toView, type ViewFrame, viewFrame } from '../geometry.js';
import type { Ray, Scenario, ScenarioObject, SoundClass } from '../scenario.js';
import type { Mention, RelationType } from './Mention.js';

export interface SceneContext {
	objects: ScenarioObject[];
	viewer: Ray;
	frame: ViewFrame;
	pointer: Ray | null;
	sounds: NonNullable<Scenario['sounds']>;
}

export function sceneContext(s: Scenario): SceneContext {
	return {
		objects: s.objects,
		viewer: s.viewer,
		frame: viewFrame(s.viewer),
		pointer: s.pointer ?? null,
		sounds: s.sounds ?? [],
	};
}

/** Anything that makes some sound, for a sound the table does not tie to it. */
const ANY_SOURCE = new Set(Object.values(SOUND_SOURCES).flat());

/** Whether an object labelled so makes a sound of `sources`: "blood pressure monitor" is a monitor. */
function makes(o: ScenarioObject, sources: Iterable<string>): boolean {
	const label = o.label.toLowerCase();
	const head = label.split(' ').pop()!;
	for (const s of sources) if (s === label || s === head) return true;
	return false;
}

/** Result of grounding: the candidates left, best first, and how sure the words made it. */
export interface Grounded {
	ids: string[];
	/** Some constraint could not be met (named thing absent, colour not there). */
	absent: boolean;
	/** Relations said that no candidate meets ("the couch on the shelf"), nested ones included. */
	unmet: number;
}

const vol = (o: ScenarioObject) => (o.size ? o.size[0] * o.size[1] * o.size[2] : 0.008);
const height = (o: ScenarioObject) => (o.size ? o.size[1] : 0.2);

/** Whether object `o` matches the mention's noun (by label, name or id). */
export function nounMatches(m: Mention, o: ScenarioObject): boolean {
	if (!m.labels && !m.ids) return true;
	if (m.ids?.has(o.id)) return true;
	// A host name is a label too: "bedside table" names an object labelled `table` named "nightstand".
	return !!m.labels && (m.labels.has(o.label.toLowerCase()) || (!!o.name && m.labels.has(o.name.toLowerCase())));
}

/**
 * How many of the words said match the object's own name (its host name, else its label):
 * "the table" fits the "coffee table" better than the "tv stand", "exam table" the "examination
 * table", "flask" a `flask` better than a `beaker`.
 */
function affinity(words: string[], own: string): number {
	const parts = own.toLowerCase().split(/[^a-z]+/);
	let n = 0;
	for (const w of words) if (w.length >= 3 && parts.some((x) => x === w || (x.startsWith(w) && w.length >= 4))) n++;
	return n;
}

/** Labels that say only what kind of surface a plane or mesh is: any of many things. */
const GENERIC = new Set(['table', 'shelf', 'screen', 'couch', 'lamp', 'plant', 'door', 'window', 'wall', 'floor']);

/**
 * Tie-break among objects the words fit equally: a host name that shares no word said ("tv stand"
 * for "the table") fits worse than one that does; a label said literally ("flask" of a `flask`)
 * fits best, a generic one (`table` for "desk") as well as a fitting name, and another specific
 * one (a `dining table` for "the counter") less.
 */
function nameFit(words: string[], o: ScenarioObject): number {
	if (o.name) return affinity(words, o.name) > 0 ? 1 : 0;
	if (affinity(words, o.label) > 0) return 2;
	return GENERIC.has(o.label.toLowerCase()) ? 1 : 0.5;
}

/**
 * The objects a mention can mean, best first. `pool` limits the search (e.g. visible objects);
 * `exclude` takes out objects already used (a destination is never its own target).
 */
export function ground(
	m: Mention,
	ctx: SceneContext,
	opts: { exclude?: string; preferHidden?: boolean } = {},
): Grounded {
	let pool = ctx.objects.filter((o) => o.id !== opts.exclude);
	if (m.hidden || opts.preferHidden) {
		const hidden = pool.filter((o) => o.hidden);
		const named = hidden.filter((o) => nounMatches(m, o));
		if (named.length) pool = hidden;
	} else {
		const shown = pool.filter((o) => !o.hidden);
		if (shown.some((o) => nounMatches(m, o))) pool = shown;
	}
	let group = pool.filter((o) => nounMatches(m, o));
	if (!group.length) return { ids: [], absent: true, unmet: 0 };
	const named = group;
	let absent = false;
	let unmet = 0;
	const keep = (next: ScenarioObject[], strict: boolean) => {
		if (next.length) group = next;
		else if (strict) absent = true;
	};
	if (m.color)
		keep(
			group.filter((o) => o.color === m.color),
			!!m.noun && !m.colorFuzzy,
		);
	if (m.owner) {
		const owner = m.owner;
		const own = (o: ScenarioObject) => (o.name ?? '').toLowerCase().includes(owner);
		let owned = group.filter(own);
		if (!owned.length) {
			// "Anna's mug": the mug on (or nearest to) Anna's desk, when the mug itself has no name.
			const places = ctx.objects.filter((o) => own(o) && !group.includes(o));
			owned = group.filter((o) => places.some((p) => onTop(o, p) || within(o, p)));
		}
		keep(owned, false);
	}
	if (
		m.relation &&
		!m.labels &&
		!m.ids &&
		(m.relation.type === 'left' || m.relation.type === 'right') &&
		!m.relation.ref.relation
	) {
		// "桌子左边那个" with several tables: the left one of them, not something beside a table.
		const landmarks = ctx.objects.filter((o) => !o.hidden && nounMatches(m.relation!.ref, o));
		if (landmarks.length >= 2)
			return ground({ ...m.relation.ref, side: m.relation.type, relation: undefined }, ctx, opts);
	}
	if (m.relation) {
		const ref = ground(m.relation.ref, ctx, { exclude: opts.exclude });
		unmet += ref.unmet;
		if (ref.ids.length) {
			const refs = ref.ids.map((id) => ctx.objects.find((o) => o.id === id)!).slice(0, 3);
			const related = relate(
				group.filter((o) => !ref.ids.includes(o.id) || group.length === 1),
				refs,
				m.relation.type,
				ctx,
			);
			if (!related.length) unmet++;
			keep(related, false);
		} else unmet++;
	}
	if (m.words?.length && group.length > 1) {
		const scores = group.map((o) => nameFit(m.words!, o));
		const top = Math.max(...scores);
		group = group.filter((_, i) => scores[i] === top);
	}
	if (m.sound) group = bySound(group, m.sound, ctx);
	// "that red cup", "那个灯": with other words to go by, this/that is only a determiner.
	const described = !!(
		m.color ||
		m.side ||
		m.distance ||
		m.ordinal ||
		m.size ||
		m.height ||
		m.middle ||
		m.relation ||
		m.sound ||
		m.owner
	);
	if (m.deixis && (!described || m.deixis === 'it')) group = byDeixis(group, m.deixis, ctx);
	else if ((m.deixis === 'gaze' || (m.deixis === 'this' && ctx.pointer)) && group.length > 1) {
		// "this little thing", "that big thing in front of me": the words choose among what the
		// pointer (or the gaze) is on, when anything is.
		const ray = m.deixis === 'gaze' ? ctx.viewer : (ctx.pointer ?? ctx.viewer);
		const aimed = group.filter((o) => !o.held && angleTo(ray, o.position) < (ctx.pointer ? 0.45 : 0.35));
		if (aimed.length) group = aimed;
	}
	// Left and right as seen: the bearing from the viewer, so a far desk is not "the left one"
	// merely for standing a little further out.
	const x = (o: ScenarioObject) => {
		const v = toView(ctx.frame, o.position);
		return Math.atan2(v[0], Math.max(0.1, v[2]));
	};
	const dist = (o: ScenarioObject) => Math.hypot(...toView(ctx.frame, o.position));
	if (m.ordinal && group.length > 1) {
		const sorted = [...group].sort((a, b) => (m.ordinal!.from === 'left' ? x(a) - x(b) : x(b) - x(a)));
		const k = m.ordinal.k < 0 ? sorted.length + m.ordinal.k : m.ordinal.k - 1;
		group = k >= 0 && k < sorted.length ? [sorted[k], ...sorted.filter((_, i) => i !== k)] : sorted;
		group = group.slice(0, 1);
	} else if (m.middle && (group.length > 2 || named.length > 2)) {
		// "the blue chair in the middle": the middle of the row, when it is blue.
		const row = group.length > 2 ? group : named;
		const sorted = [...row].sort((a, b) => x(a) - x(b));
		// An even row has two middles: the one straighter ahead.
		let middle = sorted[Math.floor(sorted.length / 2)];
		const other = sorted[sorted.length / 2 - 1];
		if (sorted.length % 2 === 0 && Math.abs(x(other)) < Math.abs(x(middle))) middle = other;
		if (group.includes(middle)) group = [middle];
	} else if (m.side && group.length > 1) group = best(group, (o) => (m.side === 'left' ? x(o) : -x(o)));
	if (m.size && group.length > 1) group = best(group, (o) => (m.size === 'small' ? vol(o) : -vol(o)));
	if (m.height && group.length > 1) group = best(group, (o) => (m.height === 'short' ? height(o) : -height(o)));
	if (m.distance && group.length > 1) group = best(group, (o) => (m.distance === 'near' ? dist(o) : -dist(o)));
	return { ids: group.map((o) => o.id), absent, unmet };
}

/** The group sorted by key, keeping only the best when it is clearly best. */
function best(group: ScenarioObject[], key: (o: ScenarioObject) => number): ScenarioObject[] {
	const sorted = [...group].sort((a, b) => key(a) - key(b));
	return [sorted[0]];
}

function relate(
	group: ScenarioObject[],
	refs: ScenarioObject[],
	type: RelationType,
	ctx: SceneContext,
): ScenarioObject[] {
	const ref = refs[0];
	const near = (o: ScenarioObject) => Math.min(...refs.map((r) => gap(o, r)));
	switch (type) {
		case 'on':
			return group.filter((o) => refs.some((r) => onTop(o, r)));
		case 'in': {
			const inside = group.filter((o) => refs.some((r) => within(o, r) || onTop(o, r)));
			return inside;
		}
		case 'under':
			return group.filter((o) => refs.some((r) => o.position[1] < r.position[1] && overlapsFootprint(o, r, 0.2)));
		case 'near':
			return [...group].sort((a, b) => near(a) - near(b)).slice(0, 1);
		case 'left':
		case 'right': {
			const rx = toView(ctx.frame, ref.position)[0];
			const side = group.filter((o) => {
				const ox = toView(ctx.frame, o.position)[0];
				return type === 'left' ? ox < rx : ox > rx;
			});
			return side.sort((a, b) => gap(a, ref) - gap(b, ref)).slice(0, 1);
		}
		case 'front':
		case 'behind': {
			const rz = toView(ctx.frame, ref.position)[2];
			const side = group.filter((o) => {
				const oz = toView(ctx.frame, o.position)[2];
				return type === 'front' ? oz < rz : oz > rz;
			});
			return side.sort((a, b) => gap(a, ref) - gap(b, ref)).slice(0, 1);
		}
	}
}

const half = (o: ScenarioObject, k: number) => (o.size ? o.size[k] / 2 : 0.1);

function overlapsFootprint(o: ScenarioObject, r: ScenarioObject, slack: number): boolean {
	return (
		Math.abs(o.position[0] - r.position[0]) <= half(r, 0) + slack &&
		Math.abs(o.position[2] - r.position[2]) <= half(r, 2) + slack
	);
}

/** `o` rests on (or stands above, within a hand's width of) `r`'s top. */
function onTop(o: ScenarioObject, r: ScenarioObject): boolean {
	const bottom = o.position[1] - half(o, 1);
	const top = r.position[1] + half(r, 1);
	return bottom > top - 0.25 && bottom < top + 0.2 && overlapsFootprint(o, r, 0.08) && vol(o) < vol(r);
}

function within(o: ScenarioObject, r: ScenarioObject): boolean {
	return (
		overlapsFootprint(o, r, 0.05) && Math.abs(o.position[1] - r.position[1]) <= half(r, 1) + 0.05 && vol(o) < vol(r)
	);
}

/** Distance between the boxes' surfaces, roughly (centre distance less the half extents). */
function gap(a: ScenarioObject, b: ScenarioObject): number {
	let s = 0;
	for (let k = 0; k < 3; k++) {
		const d = Math.max(0, Math.abs(a.position[k] - b.position[k]) - half(a, k) - half(b, k));
		s += d * d;
	}
	return Math.sqrt(s);
}

function byDeixis(
	group: ScenarioObject[],
	deixis: NonNullable<Mention['deixis']>,
	ctx: SceneContext,
): ScenarioObject[] {
	const held = group.filter((o) => o.held);
	if ((deixis === 'it' || (deixis === 'this' && !ctx.pointer)) && held.length) return held;
	const ray = deixis === 'gaze' ? ctx.viewer : (ctx.pointer ?? (deixis === 'it' ? null : ctx.viewer));
	if (!ray) return group;
	const limit = ctx.pointer ? 0.45 : 0.35;
	const aimed = group.filter((o) => !o.held && angleTo(ray, o.position) < limit);
	return aimed
		.sort((a, b) => angleTo(ray, a.position) - angleTo(ray, b.position))
		.slice(0, 1)
		.concat(aimed.length ? [] : group);
}

function bySound(group: ScenarioObject[], sound: SoundClass | 'any', ctx: SceneContext): ScenarioObject[] {
	const heard = sound === 'any' ? ctx.sounds : ctx.sounds.filter((s) => s.class === sound);
	const loudest = heard.length ? heard.reduce((a, b) => ((b.confidence ?? 1) > (a.confidence ?? 1) ? b : a)) : null;
	const sources = SOUND_SOURCES[(loudest?.class ?? sound) as SoundClass] ?? [];
	const likely = group.filter((o) => makes(o, sources));
	// Not heard (or heard without a bearing we trust): the things that make such a sound.
	if (!loudest) return likely.length ? likely : group;
	const angle = (o: ScenarioObject) =>
		azimuthBetween(loudest.direction, [
			o.position[0] - ctx.viewer.position[0],
			0,
			o.position[2] - ctx.viewer.position[2],
		]);
	const ranked = [...group].sort((a, b) => angle(a) - angle(b));
	const plausible = ranked.filter((o) => makes(o, sources) && angle(o) < 0.5);
	if (plausible.length) return plausible.slice(0, 1);
	// Then anything that makes some sound, that way; then, among the things that way, the smallest:
	// a sound comes from the laptop on the table more often than from the table.
	const device = ranked.filter((o) => makes(o, ANY_SOURCE) && angle(o) < 0.3);
	if (device.length) return device.slice(0, 1);
	if (!ranked.length) return ranked;
	const near = ranked.filter((o) => angle(o) < angle(ranked[0]) + 0.1);
	return [near.reduce((a, b) => (vol(b) < vol(a) ? b : a))];
}
