/** Accuracy of answers against `expect`: overall, per language and per phenomenon (from the id). */
import type { FusionAnswer, Scenario } from '../../src/fusion/scenario.js';

export interface Accuracy {
	n: number;
	intent: number;
	target: number;
	destination: number;
}

export interface Report {
	overall: Accuracy;
	byLanguage: Record<string, Accuracy>;
	byPhenomenon: Record<string, Accuracy>;
	byScene: Record<string, Accuracy>;
}

/** `test-000042-room-ordinal` → `ordinal`; ids not made by the generator count as `other`. */
export function phenomenonOf(id: string): string {
	const m = /^[a-z]+-\d+-(?:[a-z]+-)?([a-z_]+)$/.exec(id);
	return m ? m[1] : 'other';
}

/** `test-000042-livingroom-ordinal` → `livingroom`. */
export function sceneOf(id: string): string {
	const m = /^[a-z]+-\d+-([a-z]+)-[a-z_]+$/.exec(id);
	return m ? m[1] : 'other';
}

/** Language of a scenario: its tag, or detected from the transcript (any Han character → zh). */
export function languageOf(s: Scenario): 'en' | 'zh' {
	if (s.lang) return s.lang.startsWith('zh') ? 'zh' : 'en';
	return /\p{Script=Han}/u.test(s.transcript) ? 'zh' : 'en';
}

export function score(scenarios: Scenario[], answers: FusionAnswer[]): Report {
	const groups = new Map<string, boolean[][]>();
	const add = (key: string, hits: boolean[]) => {
		const g = groups.get(key) ?? [];
		g.push(hits);
		groups.set(key, g);
	};
	scenarios.forEach((s, i) => {
		const e = s.expect;
		if (!e) return;
		const a = answers[i];
		const hits = [a.intent === e.intent, a.target === (e.target ?? null), a.destination === (e.destination ?? null)];
		add('overall', hits);
		add(`lang:${languageOf(s)}`, hits);
		add(`ph:${phenomenonOf(s.id)}`, hits);
		add(`scene:${sceneOf(s.id)}`, hits);
	});
	const acc = (rows: boolean[][] = []): Accuracy => {
		const n = rows.length;
		const mean = (k: number) => (n ? rows.filter((r) => r[k]).length / n : 0);
		return { n, intent: mean(0), target: mean(1), destination: mean(2) };
	};
	const pick = (prefix: string) =>
		Object.fromEntries(
			[...groups.keys()]
				.filter((k) => k.startsWith(prefix))
				.sort()
				.map((k) => [k.slice(prefix.length), acc(groups.get(k))]),
		);
	return {
		overall: acc(groups.get('overall')),
		byLanguage: pick('lang:'),
		byPhenomenon: pick('ph:'),
		byScene: pick('scene:'),
	};
}

/** A Markdown table of a report. */
export function reportTable(r: Report): string {
	const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
	const row = (name: string, a: Accuracy) =>
		`| ${name} | ${a.n} | ${pct(a.intent)} | ${pct(a.target)} | ${pct(a.destination)} |`;
	return [
		'| split | n | intent | target | destination |',
		'| --- | --- | --- | --- | --- |',
		row('all', r.overall),
		...Object.entries(r.byLanguage).map(([k, a]) => row(k, a)),
		...Object.entries(r.byScene).map(([k, a]) => row(`scene: ${k}`, a)),
		...Object.entries(r.byPhenomenon).map(([k, a]) => row(k, a)),
	].join('\n');
}
