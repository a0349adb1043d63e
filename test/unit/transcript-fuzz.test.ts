import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clampTranscript, MAX_TRANSCRIPT_CHARS } from '../../src/fusion/clampTranscript.js';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import { type FusionAnswer, INTENTS, type Scenario } from '../../src/fusion/scenario.js';
import { tokenize } from '../../src/perception/tokenizer.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import { FUZZ_KINDS, fuzzTranscripts } from '../support/fuzzTranscripts.js';
import { setup } from './actionHost.js';

/**
 * 10,000 hostile transcripts through the whole understanding path the browser runs: the length and
 * character rule, the world frozen into a scenario, the shipped fusion model with its grammar (real
 * weights, WASM), and the acting stage on a real three.js scene. Nothing may throw, every answer
 * must be a valid one, and the scene must stay finite.
 */
const COUNT = 10_000;
const BATCH = 250;
const viewer = { position: [0, 1.6, 0] as [number, number, number], forward: [0, 0, -1] as [number, number, number] };

describe('transcript fuzz', () => {
	let model: FusionModel;
	beforeAll(async () => {
		await selectBackend({ backend: 'wasm' });
		model = await FusionModel.load('public/models/fusion/model.json');
	}, 60_000);

	it('the length rule keeps the end, at most 200 code points, and never a lone surrogate or a control', () => {
		const long = `${'blah '.repeat(100_000)}pick up the red cup`;
		const kept = clampTranscript(long);
		expect(kept.endsWith('pick up the red cup')).toBe(true);
		expect(Array.from(kept).length).toBeLessThanOrEqual(MAX_TRANSCRIPT_CHARS);
		expect(kept.startsWith('blah')).toBe(true);
		expect(Array.from(clampTranscript('😀'.repeat(5000))).length).toBe(MAX_TRANSCRIPT_CHARS);
		expect(clampTranscript('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
		expect(clampTranscript('pick\u0000up\u202ethe\ncup')).toBe('pick upthe cup');
		expect(clampTranscript('把杯子放到桌子上')).toBe('把杯子放到桌子上');
	});

	it(`${COUNT.toLocaleString('en')} generated strings: no exception, always a valid answer, the scene stays finite`, async () => {
		const cases = fuzzTranscripts(COUNT, 20261206);
		expect(new Set(cases.map((c) => c.kind)).size).toBe(FUZZ_KINDS.length);
		expect(cases.filter((c) => c.text.length >= 1 << 20).length).toBeGreaterThan(0);
		const failures: string[] = [];
		const errors: unknown[] = [];
		const count = new Map<string, number>();
		for (let start = 0; start < cases.length; start += BATCH) {
			// A fresh room per batch: deletes and hides must not leave later batches an empty scene.
			const { s, host, stage } = await setup();
			host.addEventListener('error', (e) => errors.push(e.error));
			const chunk = cases.slice(start, start + BATCH);
			const texts = chunk.map((c) => clampTranscript(c.text));
			const scenarios: Scenario[] = texts.map((t, i) => s.world.toScenario(`fuzz-${start + i}`, t, viewer, null));
			let answers: FusionAnswer[] = [];
			try {
				answers = await model.interpretBatch(scenarios);
			} catch (error) {
				failures.push(`batch ${start}: ${(error as Error).message}`);
				continue;
			}
			for (let i = 0; i < chunk.length; i++) {
				const problem = invalid(answers[i], scenarios[i]);
				if (problem) failures.push(`${chunk[i].kind} ${JSON.stringify(texts[i].slice(0, 60))}: ${problem}`);
				expect(tokenize(texts[i]).length).toBeLessThanOrEqual(MAX_TRANSCRIPT_CHARS);
				count.set(answers[i].intent, (count.get(answers[i].intent) ?? 0) + 1);
				try {
					await host.hear(texts[i], answers[i], { viewer });
				} catch (error) {
					failures.push(`acting on ${JSON.stringify(texts[i].slice(0, 60))}: ${(error as Error).message}`);
				}
			}
			s.scene.updateMatrixWorld(true);
			s.scene.traverse((o) => {
				if (!o.matrixWorld.elements.every(Number.isFinite)) failures.push(`${o.name}: non-finite matrix`);
			});
			stage.dispose();
		}
		expect(failures.slice(0, 10)).toEqual([]);
		expect(errors).toEqual([]);
		// Noise is mostly not taken as a request; the real commands inside the noisy kinds still are.
		expect(count.get('none') ?? 0).toBeGreaterThan(COUNT / 2);
		expect(count.size).toBeGreaterThan(2);
	}, 600_000);

	it('no code in src/, scenes/ or the demo page turns text into HTML or code', () => {
		// Labels and panels draw text on canvases; the demo's HUD sets textContent. This keeps it so.
		const files = [...sources('src'), ...sources('scenes'), 'index.html'];
		expect(files.length).toBeGreaterThan(50);
		const offenders = files.filter((f) =>
			/\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/.test(
				readFileSync(f, 'utf8'),
			),
		);
		expect(offenders).toEqual([]);
	});

	it('a 1 MB transcript is read as its last 200 code points', async () => {
		const scene = await setup();
		const huge = `${'把红色的杯子放到桌子上'.repeat(100_000)}`;
		const [a, b] = await model.interpretBatch([
			scene.s.world.toScenario('a', huge, viewer, null),
			scene.s.world.toScenario('b', clampTranscript(huge), viewer, null),
		]);
		expect(a).toEqual(b);
		scene.stage.dispose();
	});
});

function invalid(a: FusionAnswer, s: Scenario): string | null {
	if (!a || !INTENTS.includes(a.intent)) return `intent ${a?.intent}`;
	const ids = new Set(s.objects.map((o) => o.id));
	if (a.target !== null && !ids.has(a.target)) return `target ${a.target}`;
	if (a.destination !== null && !ids.has(a.destination)) return `destination ${a.destination}`;
	if (!(Number.isFinite(a.confidence) && a.confidence >= 0 && a.confidence <= 1)) return `confidence ${a.confidence}`;
	return null;
}

function sources(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => /\.(ts|html|mjs|js)$/.test(f))
		.map((f) => join(dir, f));
}
