/**
 * Checks a parsed JSON value against `scenario.schema.json` (written out by hand: the schema is
 * small and no JSON-schema library ships with the project). Returns the problems, empty when valid.
 *
 * ```ts
 * const problems = validateScenario( JSON.parse( line ) ); // ['objects[2].position: expected 3 numbers']
 * ```
 */
import { COLOR_NAMES, INTENTS, LANGS, SOUND_CLASSES } from './scenario.js';

type Json = Record<string, unknown>;

/**
 * Upper bounds on arrays, so that one hostile line cannot stall an evaluation or a frame: far above
 * any room.
 */
export const MAX_ITEMS = { objects: 10_000, sounds: 1_000 } as const;

export function validateScenario(value: unknown): string[] {
	const problems: string[] = [];
	if (!isObject(value)) return ['scenario: expected an object'];
	allowed(value, ['id', 'lang', 'transcript', 'viewer', 'pointer', 'objects', 'sounds', 'expect'], '', problems);
	if (typeof value.id !== 'string' || value.id.length === 0) problems.push('id: expected a non-empty string');
	if (value.lang !== undefined && !LANGS.includes(value.lang as never))
		problems.push(`lang: expected one of ${LANGS.join(', ')}`);
	if (typeof value.transcript !== 'string') problems.push('transcript: expected a string');
	ray(value.viewer, 'viewer', problems);
	if (value.pointer !== undefined && value.pointer !== null) ray(value.pointer, 'pointer', problems);
	if (!Array.isArray(value.objects)) problems.push('objects: expected an array');
	else if (value.objects.length > MAX_ITEMS.objects)
		problems.push(`objects: ${value.objects.length} items, at most ${MAX_ITEMS.objects} are accepted`);
	else for (let i = 0; i < value.objects.length; i++) object(value.objects[i], `objects[${i}]`, problems);
	if (value.sounds !== undefined) {
		if (!Array.isArray(value.sounds)) problems.push('sounds: expected an array');
		else if (value.sounds.length > MAX_ITEMS.sounds)
			problems.push(`sounds: ${value.sounds.length} items, at most ${MAX_ITEMS.sounds} are accepted`);
		else
			value.sounds.forEach((s, i) => {
				const at = `sounds[${i}]`;
				if (!isObject(s)) {
					problems.push(`${at}: expected an object`);
					return;
				}
				allowed(s, ['class', 'direction', 'confidence'], at, problems);
				if (!SOUND_CLASSES.includes(s.class as never)) problems.push(`${at}.class: unknown sound class`);
				vec3(s.direction, `${at}.direction`, problems);
				unit(s.confidence, `${at}.confidence`, problems);
			});
	}
	if (value.expect !== undefined) {
		const e = value.expect;
		if (!isObject(e)) problems.push('expect: expected an object');
		else {
			allowed(e, ['intent', 'target', 'destination'], 'expect', problems);
			if (!INTENTS.includes(e.intent as never)) problems.push(`expect.intent: expected one of ${INTENTS.join(', ')}`);
			for (const k of ['target', 'destination'])
				if (e[k] !== undefined && e[k] !== null && typeof e[k] !== 'string')
					problems.push(`expect.${k}: expected a string or null`);
		}
	}
	return problems;
}

function object(o: unknown, at: string, problems: string[]): void {
	if (!isObject(o)) {
		problems.push(`${at}: expected an object`);
		return;
	}
	allowed(o, ['id', 'label', 'confidence', 'color', 'position', 'size', 'name', 'held', 'hidden'], at, problems);
	if (typeof o.id !== 'string' || o.id.length === 0) problems.push(`${at}.id: expected a non-empty string`);
	if (typeof o.label !== 'string' || o.label.length === 0) problems.push(`${at}.label: expected a non-empty string`);
	unit(o.confidence, `${at}.confidence`, problems);
	if (o.color !== undefined && !COLOR_NAMES.includes(o.color as never)) problems.push(`${at}.color: unknown colour`);
	vec3(o.position, `${at}.position`, problems);
	if (o.size !== undefined) vec3(o.size, `${at}.size`, problems);
	if (o.name !== undefined && typeof o.name !== 'string') problems.push(`${at}.name: expected a string`);
	for (const k of ['held', 'hidden'])
		if (o[k] !== undefined && typeof o[k] !== 'boolean') problems.push(`${at}.${k}: expected a boolean`);
}

function ray(r: unknown, at: string, problems: string[]): void {
	if (!isObject(r)) {
		problems.push(`${at}: expected { position, forward }`);
		return;
	}
	allowed(r, ['position', 'forward'], at, problems);
	vec3(r.position, `${at}.position`, problems);
	vec3(r.forward, `${at}.forward`, problems);
}

function vec3(v: unknown, at: string, problems: string[]): void {
	if (!Array.isArray(v) || v.length !== 3 || v.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
		problems.push(`${at}: expected 3 finite numbers`);
}

function unit(v: unknown, at: string, problems: string[]): void {
	if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1)))
		problems.push(`${at}: expected a number in [0, 1]`);
}

function allowed(o: Json, keys: string[], at: string, problems: string[]): void {
	for (const k of Object.keys(o))
		if (!keys.includes(k)) problems.push(`${at ? `${at}.` : ''}${k}: not allowed by the schema`);
}

function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
