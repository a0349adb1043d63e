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
import { FusionModel } from '../src/fusion/FusionModel.js';
import type { Scenario } from '../src/fusion/scenario.js';
import { validateScenario } from '../src/fusion/validateScenario.js';
import { selectBackend } from '../src/runtime/selectBackend.js';
import { choiceOption, fail, parseCommand } from './_cli.js';
import { reportTable, score } from './fusion/score.js';

const NAME = 'eval';
const { values: args, positionals } = parseCommand({
	name: NAME,
	summary:
		'Answers scenarios (JSON Lines, shared/scenario.schema.json): one JSON answer per line on stdout; where `expect` is present, accuracy tables on stderr.',
	args: 'FILE.jsonl',
	positionals: { min: 1, max: 1 },
	options: {
		model: { type: 'string', default: 'public/models/fusion/model.json', value: 'PATH', help: 'the fusion model.json' },
		backend: { type: 'string', default: 'wasm', value: 'wasm|cpu', help: 'tfjs backend' },
		json: { type: 'boolean', default: false, help: 'print the accuracy tables as JSON' },
		unverified: {
			type: 'boolean',
			default: false,
			help: 'load a model that no manifest lists (a freshly trained candidate in a scratch folder)',
		},
	},
	details: [
		'exit status: 0 all lines valid, 1 some lines invalid (each reported by line number), 2 bad call or unreadable file/model',
	],
});
const backend = choiceOption(NAME, args, 'backend', ['wasm', 'cpu']);
const file = positionals[0];
let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch (error) {
	fail(NAME, `cannot read ${file}: ${(error as Error).message}`, 2);
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
await selectBackend({ backend });
let model: FusionModel;
try {
	model = await FusionModel.load(args.model as string, { verify: !args.unverified });
} catch (error) {
	fail(NAME, (error as Error).message, 2);
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
