/**
 * `npx tsx tools/fusion/naturalReport.ts [--half dev|test|both] [--network] [--json] [--misses]`
 *
 * Scores the shipped fusion model (grammar + network; `--network`: the network alone) on the
 * hand-written natural set: per half, language and phenomenon tag, how often it acts on
 * non-commands, and the expected calibration error of its confidence.
 */
import { fileURLToPath } from 'node:url';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import type { FusionAnswer } from '../../src/fusion/scenario.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import { loadNaturalSet, type NaturalCase } from './naturalSet.js';

/** The plugin's default: below this confidence it asks instead of acting. */
export const ASK_BELOW = 0.5;

export interface Row {
	case: NaturalCase;
	answer: FusionAnswer;
	intent: boolean;
	target: boolean;
	destination: boolean;
	/** Right in every field. */
	all: boolean;
	/** The plugin would act (not ask, not refuse). */
	acts: boolean;
}

export interface Cell {
	n: number;
	intent: number;
	target: number;
	destination: number;
	/** Fraction of moves whose destination is right (n of moves in `moves`). */
	moveDestination: number;
	moves: number;
}

export function rows(cases: NaturalCase[], answers: FusionAnswer[]): Row[] {
	return cases.map((c, i) => {
		const a = answers[i];
		const e = c.scenario.expect!;
		const intent = a.intent === e.intent;
		const target = a.target === (e.target ?? null);
		const destination = a.destination === (e.destination ?? null);
		const acts =
			a.intent !== 'none' && a.confidence >= ASK_BELOW && !a.missing && (a.target !== null || a.intent === 'release');
		return { case: c, answer: a, intent, target, destination, all: intent && target && destination, acts };
	});
}

export function cell(rs: Row[]): Cell {
	const n = rs.length;
	const frac = (f: (r: Row) => boolean, of = rs) => (of.length ? of.filter(f).length / of.length : 0);
	const moves = rs.filter((r) => r.case.scenario.expect!.intent === 'move');
	return {
		n,
		intent: frac((r) => r.intent),
		target: frac((r) => r.target),
		destination: frac((r) => r.destination),
		moveDestination: frac((r) => r.destination, moves),
		moves: moves.length,
	};
}

/** Expected calibration error of "the answer is right in every field", 10 equal-width bins. */
export function ece(rs: Row[]): number {
	const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
	for (const r of rs) {
		const c = Math.min(0.9999, Math.max(0, r.answer.confidence));
		const b = bins[Math.floor(c * 10)];
		b.n++;
		b.conf += c;
		b.right += r.all ? 1 : 0;
	}
	return bins.reduce((s, b) => s + (b.n ? (b.n / rs.length) * Math.abs(b.conf / b.n - b.right / b.n) : 0), 0);
}

export async function answerNatural(model: FusionModel, cases: NaturalCase[]): Promise<FusionAnswer[]> {
	return model.explainBatch(cases.map((c) => c.scenario));
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function table(rs: Row[]): string {
	const lines = [
		'| slice | n | intent | target | destination (moves) | acts on non-commands |',
		'| --- | --- | --- | --- | --- | --- |',
	];
	const add = (name: string, sel: Row[]) => {
		if (!sel.length) return;
		const commands = sel.filter((r) => r.case.set === 'commands');
		const chat = sel.filter((r) => r.case.set === 'chitchat');
		const c = cell(commands);
		const acts = chat.length ? `${chat.filter((r) => r.acts).length}/${chat.length}` : '';
		lines.push(
			`| ${name} | ${commands.length || chat.length} | ${commands.length ? pct(c.intent) : ''} | ${commands.length ? pct(c.target) : ''} | ${c.moves ? `${pct(c.moveDestination)} (${c.moves})` : ''} | ${acts} |`,
		);
	};
	for (const lang of ['en', 'zh'])
		add(
			lang,
			rs.filter((r) => r.case.scenario.lang === lang),
		);
	const tags = [...new Set(rs.flatMap((r) => r.case.tags))].sort();
	for (const tag of tags)
		add(
			`tag: ${tag}`,
			rs.filter((r) => r.case.tags.includes(tag)),
		);
	const kinds = [...new Set(rs.map((r) => r.case.kind))].sort();
	for (const k of kinds)
		add(
			`room: ${k}`,
			rs.filter((r) => r.case.kind === k),
		);
	return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const arg = (name: string) => {
		const i = process.argv.indexOf(`--${name}`);
		return i >= 0 ? process.argv[i + 1] : undefined;
	};
	const halfArg = arg('half') ?? 'both';
	await selectBackend({ backend: 'wasm' });
	const model = await FusionModel.load(
		fileURLToPath(new URL('../../public/models/fusion/model.json', import.meta.url)),
	);
	model.grammar = !process.argv.includes('--network');
	const all = loadNaturalSet();
	for (const half of halfArg === 'both' ? (['dev', 'test'] as const) : [halfArg as 'dev' | 'test']) {
		const cases = all.filter((c) => c.half === half);
		const rs = rows(cases, await answerNatural(model, cases));
		const commands = rs.filter((r) => r.case.set === 'commands');
		console.log(
			`\n## ${half} half (${cases.length}: ${commands.length} commands, ${cases.length - commands.length} non-commands), ECE ${ece(rs).toFixed(3)}\n`,
		);
		console.log(table(rs));
		if (process.argv.includes('--misses'))
			for (const r of rs.filter((r) => !r.all || (r.case.set === 'chitchat' && r.acts))) {
				const e = r.case.scenario.expect!;
				console.log(
					`MISS ${r.case.scenario.lang} [${r.case.tags.join(',')}] "${r.case.scenario.transcript}" expect ${e.intent}/${e.target}/${e.destination} got ${r.answer.intent}/${r.answer.target}/${r.answer.destination} ${r.answer.confidence.toFixed(2)} ${r.answer.missing ?? ''} ${(r.answer as { why?: string }).why ?? ''}`,
				);
			}
	}
}
