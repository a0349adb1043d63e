import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ITEMS, validateScenario } from '../../src/fusion/validateScenario.js';
import { phenomenonOf, sceneOf, score } from '../../tools/fusion/score.js';

const lines = readFileSync('test/fixtures/fusion/test.jsonl', 'utf8').split('\n').filter(Boolean);

describe('validateScenario', () => {
	it('accepts generated scenarios and names what is wrong with bad ones', () => {
		expect(validateScenario(JSON.parse(lines[0]))).toEqual([]);
		const bad = JSON.parse(lines[0]);
		bad.objects[0].position = [1, 2];
		bad.extra = true;
		bad.expect.intent = 'fly';
		const problems = validateScenario(bad);
		expect(problems).toContain('objects[0].position: expected 3 finite numbers');
		expect(problems).toContain('extra: not allowed by the schema');
		expect(problems.some((p) => p.startsWith('expect.intent'))).toBe(true);
		expect(validateScenario(null)).toEqual(['scenario: expected an object']);
	});

	it('rejects non-finite numbers and arrays too long to read, naming the field', () => {
		const s = JSON.parse(lines[0]);
		s.objects[0].confidence = Number.NaN;
		s.viewer.forward = [0, 0, Number.POSITIVE_INFINITY];
		expect(validateScenario(s)).toEqual([
			'viewer.forward: expected 3 finite numbers',
			'objects[0].confidence: expected a number in [0, 1]',
		]);
		const huge = JSON.parse(lines[0]);
		huge.objects = new Array(MAX_ITEMS.objects + 1).fill(huge.objects[0]);
		huge.sounds = new Array(MAX_ITEMS.sounds + 1).fill({ class: 'knock', direction: [0, 0, -1] });
		expect(validateScenario(huge)).toEqual([
			`objects: ${MAX_ITEMS.objects + 1} items, at most ${MAX_ITEMS.objects} are accepted`,
			`sounds: ${MAX_ITEMS.sounds + 1} items, at most ${MAX_ITEMS.sounds} are accepted`,
		]);
	});
});

describe('score', () => {
	it('reads the phenomenon and scene from generated ids', () => {
		expect(phenomenonOf('test-000042-livingroom-ordinal')).toBe('ordinal');
		expect(sceneOf('test-000042-livingroom-ordinal')).toBe('livingroom');
		expect(phenomenonOf('utterance-3')).toBe('other');
	});

	it('counts intent, target and destination hits per group', () => {
		const s = [JSON.parse(lines[0]), JSON.parse(lines[1])];
		const right = s.map((x) => ({
			intent: x.expect.intent,
			target: x.expect.target,
			destination: x.expect.destination,
			confidence: 1,
		}));
		const wrong = [{ ...right[0], target: 'nope' }, right[1]];
		expect(score(s, right).overall).toMatchObject({ n: 2, intent: 1, target: 1, destination: 1 });
		expect(score(s, wrong).overall.target).toBe(0.5);
	});
});

describe('npm run eval', () => {
	it('answers valid lines, names invalid ones, and still evaluates the rest', () => {
		const dir = mkdtempSync(join(tmpdir(), 'eval-'));
		const file = join(dir, 'mixed.jsonl');
		const schemaBad = JSON.parse(lines[2]);
		delete schemaBad.viewer;
		writeFileSync(file, [lines[0], '{not json', JSON.stringify(schemaBad), lines[1], ''].join('\n'));
		const run = spawnSync('npx', ['tsx', 'tools/eval.ts', file], { encoding: 'utf8', timeout: 90_000 });
		expect(run.status).toBe(1);
		const answers = run.stdout
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(answers.map((a) => a.id)).toEqual([JSON.parse(lines[0]).id, JSON.parse(lines[1]).id]);
		for (const a of answers) expect(Object.keys(a)).toEqual(['id', 'intent', 'target', 'destination', 'confidence']);
		expect(run.stderr).toContain(`${file}:2: invalid JSON`);
		expect(run.stderr).toContain(`${file}:3: not a valid scenario: viewer`);
		expect(run.stderr).toMatch(/\| all \| 2 \|/);
		const missing = spawnSync('npx', ['tsx', 'tools/eval.ts', join(dir, 'nope.jsonl')], {
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect(missing.status).toBe(2);
		expect(missing.stderr).toContain('cannot read');
	}, 120_000);
});
