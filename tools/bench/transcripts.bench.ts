/**
 * Hostile transcripts, timed: the 10,000 strings of the fuzz test (`test/unit/transcript-fuzz.test.ts`),
 * each interpreted alone by the shipped model with its grammar on WASM, and the cost that the
 * length rule (`clampTranscript`) removes: tokenizing 100,000 Han characters whole vs clamped,
 * side by side.
 */

import { clampTranscript } from '../../src/fusion/clampTranscript.js';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import { tokenize } from '../../src/perception/tokenizer.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import { fuzzTranscripts } from '../../test/support/fuzzTranscripts.js';
import { actionScene } from '../../test/unit/actionScene.js';
import { summarize, table } from './_stats.js';

const SEED = 20261206;

export async function run(): Promise<void> {
	await selectBackend({ backend: 'wasm' });
	const model = await FusionModel.load('public/models/fusion/model.json');
	const { world } = actionScene();
	const viewer = { position: [0, 1.6, 0] as [number, number, number], forward: [0, 0, -1] as [number, number, number] };
	const cases = fuzzTranscripts(10_000, SEED);
	for (const c of cases.slice(0, 20)) await model.interpret(world.toScenario('warm', c.text, viewer, null));
	const all: number[] = [];
	const huge: number[] = [];
	for (let i = 0; i < cases.length; i++) {
		const t0 = performance.now();
		await model.interpret(world.toScenario(`fuzz-${i}`, cases[i].text, viewer, null));
		const ms = performance.now() - t0;
		all.push(ms);
		if (cases[i].text.length >= 1 << 20) huge.push(ms);
	}
	model.dispose();
	const rows = [
		['all 10,000', all],
		['the 1 MB ones', huge],
	].map(([name, samples]) => {
		const s = summarize(samples as number[]);
		return [name as string, s.n, s.median, s.p95, Math.max(...(samples as number[]))];
	});
	console.log(table(['transcripts (WASM, one at a time)', 'n', 'median ms', 'p95 ms', 'max ms'], rows));

	const han = '把红色的杯子放到桌子上'.repeat(10_000).slice(0, 100_000);
	const t0 = performance.now();
	tokenize(clampTranscript(han));
	const clamped = performance.now() - t0;
	const t1 = performance.now();
	tokenize(han);
	const whole = performance.now() - t1;
	console.log(
		`\n${table(
			['tokenizing 100,000 Han characters', 'ms'],
			[
				['clamped to the last 200 code points', clamped],
				['whole (no length rule)', whole],
				['ratio', whole / clamped],
			],
		)}`,
	);
}
