/**
 * `npm run eval -- FILE.jsonl [--model public/models/fusion/model.json] [--backend wasm|cpu]`
 *
 * Reads scenarios (JSON Lines, `scenario.schema.json`), prints one JSON answer per line on stdout
 * (`id, intent, target, destination, confidence`) and, where `expect` is present, the accuracy of
 * intent, target and destination overall, per language and per phenomenon (taken from ids such as
 * `test-000042-ordinal`) on stderr. Invalid lines are reported by number; the rest still count.
 * Exits 1 when any line was invalid, 2 when the file or model cannot be read.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FusionModel } from '../src/fusion/FusionModel.js';
import type { Scenario } from '../src/fusion/scenario.js';
import { validateScenario } from '../src/fusion/validateScenario.js';
import { selectBackend } from '../src/runtime/selectBackend.js';
import { reportTable, score } from './fusion/score.js';

const { values: args, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		model: { type: 'string', default: 'public/models/fusion/model.json' },
		backend: { type: 'string', default: 'wasm' },
		json: { type: 'boolean', default: false },
	},
});
if (positionals.length !== 1) {
	console.error('usage: npm run eval -- FILE.jsonl [--model DIR/model.json] [--backend wasm|cpu] [--json]');
	process.exit(2);
}
const file = positionals[0];
let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch (error) {
	console.error(`eval: cannot read ${file}: ${(error as Error).message}`);
	process.exit(2);
}
const scenarios: Scenario[] = [];
let invalid = 0;
text.split('\n').forEach((line, i) => {
	if (!line.trim()) return;
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch (error) {
		invalid++;
		console.error(`${file}:${i + 1}: invalid JSON: ${(error as Error).message}`);
		return;
	}
	const problems = validateScenario(value);
	if (problems.length) {
		invalid++;
		console.error(`${file}:${i + 1}: not a valid scenario: ${problems.slice(0, 5).join('; ')}`);
		return;
	}
	scenarios.push(value as Scenario);
});
await selectBackend({ backend: args.backend as 'wasm' | 'cpu' });
let model: FusionModel;
try {
	model = await FusionModel.load(args.model);
} catch (error) {
	console.error(`eval: ${(error as Error).message}`);
	process.exit(2);
}
const answers = await model.interpretBatch(scenarios);
scenarios.forEach((s, i) => {
	const a = answers[i];
	console.log(
		JSON.stringify({
			id: s.id,
			intent: a.intent,
			target: a.target,
			destination: a.destination,
			confidence: Number(a.confidence.toFixed(4)),
		}),
	);
});
const withExpect = scenarios.filter((s) => s.expect);
if (withExpect.length) {
	const report = score(scenarios, answers);
	console.error(args.json ? JSON.stringify(report) : `\n${reportTable(report)}`);
}
if (invalid) console.error(`eval: ${invalid} invalid line(s) skipped; ${scenarios.length} evaluated`);
model.dispose();
process.exit(invalid ? 1 : 0);
