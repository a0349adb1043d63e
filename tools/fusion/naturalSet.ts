/**
 * The hand-written natural set (`test/fixtures/natural/`): rooms and utterances written by people,
 * turned into scenarios (`shared/scenario.schema.json`) with their tags and their half.
 *
 * `npx tsx tools/fusion/naturalSet.ts [--check]` validates every source and, without `--check`,
 * writes `dev.jsonl` and `test.jsonl` beside them (for `npm run eval`).
 *
 * The halves are fixed by a hash of the sentence, so adding sentences never moves old ones.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { viewFrame } from '../../src/fusion/geometry.js';
import type { Intent, Ray, Scenario, ScenarioObject, SoundClass, Vec3 } from '../../src/fusion/scenario.js';
import { validateScenario } from '../../src/fusion/validateScenario.js';

export const NATURAL_DIR = fileURLToPath(new URL('../../test/fixtures/natural/', import.meta.url));

export interface NaturalRoom {
	kind: string;
	viewer: Ray;
	objects: ScenarioObject[];
}

export interface NaturalItem {
	room: string;
	lang: 'en' | 'zh';
	text: string;
	intent: Intent;
	target?: string | null;
	destination?: string | null;
	point?: string;
	gaze?: string;
	held?: string;
	hidden?: string[];
	sounds?: { class: SoundClass; from: string }[];
	viewer?: Ray;
	tags?: string[];
}

export interface NaturalCase {
	scenario: Scenario;
	tags: string[];
	half: 'dev' | 'test';
	kind: string;
	/** `commands` or `chitchat`, from the source file name. */
	set: string;
	file: string;
}

/** Every case of the natural set; throws with file and index on the first broken item. */
export function loadNaturalSet(dir = NATURAL_DIR): NaturalCase[] {
	const files = readdirSync(dir);
	const rooms: Record<string, NaturalRoom> = {};
	for (const f of files.filter((f) => /^rooms-.*\.json$/.test(f)).sort())
		Object.assign(rooms, JSON.parse(readFileSync(join(dir, f), 'utf8')));
	const cases: NaturalCase[] = [];
	for (const f of files.filter((f) => /^(commands|chitchat)-.*\.json$/.test(f)).sort()) {
		const items = JSON.parse(readFileSync(join(dir, f), 'utf8')) as NaturalItem[];
		items.forEach((item, i) => {
			const where = `${f}[${i}] "${item.text}"`;
			const room = rooms[item.room];
			if (!room) throw new Error(`${where}: unknown room ${item.room}`);
			const scenario = toScenario(item, room, `nat-${item.lang}-${f.replace(/\.json$/, '')}-${i}`, where);
			const problems = validateScenario(scenario);
			if (problems.length) throw new Error(`${where}: ${problems.join('; ')}`);
			cases.push({
				scenario,
				tags: item.tags ?? [],
				half: hash(`${item.lang}|${item.text}`) % 2 === 0 ? 'dev' : 'test',
				kind: room.kind,
				set: f.startsWith('chitchat') ? 'chitchat' : 'commands',
				file: f,
			});
		});
	}
	return cases;
}

function toScenario(item: NaturalItem, room: NaturalRoom, id: string, where: string): Scenario {
	const objects = room.objects.map((o) => ({ ...o, position: [...o.position] as Vec3 }));
	const byId = (ref: string) => {
		const o = objects.find((x) => x.id === ref);
		if (!o) throw new Error(`${where}: no object ${ref} in ${item.room}`);
		return o;
	};
	for (const ref of [item.target, item.destination]) if (ref) byId(ref);
	let viewer: Ray = item.viewer ?? room.viewer;
	if (item.gaze) viewer = { position: viewer.position, forward: towards(viewer.position, byId(item.gaze).position) };
	// The hand: a little right of, below and in front of the head.
	const frame = viewFrame(viewer);
	const hand: Vec3 = [
		viewer.position[0] + 0.2 * frame.right[0] + 0.25 * frame.forward[0],
		viewer.position[1] - 0.35,
		viewer.position[2] + 0.2 * frame.right[1] + 0.25 * frame.forward[1],
	];
	const pointer = item.point ? { position: hand, forward: towards(hand, byId(item.point).position) } : null;
	if (item.held) {
		const o = byId(item.held);
		o.held = true;
		o.position = [hand[0], hand[1], hand[2]];
	}
	for (const h of item.hidden ?? []) byId(h).hidden = true;
	const sounds = (item.sounds ?? []).map((s) => ({
		class: s.class,
		direction: towards(viewer.position, byId(s.from).position),
		confidence: 0.8,
	}));
	return {
		id,
		lang: item.lang,
		transcript: item.text,
		viewer,
		pointer,
		objects,
		...(sounds.length ? { sounds } : {}),
		expect: {
			intent: item.intent,
			target: item.target ?? null,
			destination: item.intent === 'move' ? (item.destination ?? null) : null,
		},
	};
}

function towards(from: Vec3, to: Vec3): Vec3 {
	const d: Vec3 = [to[0] - from[0], to[1] - from[1], to[2] - from[2]];
	const n = Math.hypot(...d) || 1;
	return [round(d[0] / n), round(d[1] / n), round(d[2] / n)];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** FNV-1a, 32 bits. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const cases = loadNaturalSet();
	const count = (f: (c: NaturalCase) => boolean) => cases.filter(f).length;
	for (const lang of ['en', 'zh'])
		for (const set of ['commands', 'chitchat'])
			console.log(
				`${lang} ${set}: ${count((c) => c.scenario.lang === lang && c.set === set)} (dev ${count((c) => c.scenario.lang === lang && c.set === set && c.half === 'dev')})`,
			);
	console.log(`room kinds: ${[...new Set(cases.map((c) => c.kind))].join(', ')}`);
	if (!process.argv.includes('--check'))
		for (const half of ['dev', 'test'] as const)
			writeFileSync(
				join(NATURAL_DIR, `${half}.jsonl`),
				`${cases
					.filter((c) => c.half === half)
					.map((c) => JSON.stringify(c.scenario))
					.join('\n')}\n`,
			);
}
