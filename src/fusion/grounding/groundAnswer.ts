/**
 * The grammar and the network, together. The grammar reads the request (is it one, which verb,
 * which noun phrases) and grounds each noun phrase geometrically; the network breaks the ties the
 * words leave ("the cup" among three) and answers what the grammar cannot read. A request that
 * names something absent gets no target and a `missing` noun ("I don't see a banana"); words that
 * are not a request to the system get `none`.
 */
import type { FusionAnswer, Intent, Scenario } from '../scenario.js';
import { type Grounded, ground, type SceneContext, sceneContext } from './ground.js';
import { isInformative, type Mention } from './Mention.js';
import { NounIndex } from './NounIndex.js';
import type { Parse } from './Parse.js';
import { parseChineseUtterance } from './parseChineseUtterance.js';
import { parseEnglishUtterance } from './parseEnglishUtterance.js';

/** The network's view, per object: target and destination probabilities. */
export interface NetworkView extends FusionAnswer {
	targets: Record<string, number>;
	destinations?: Record<string, number>;
}

/** An answer with what the grammar found. */
export interface GroundedAnswer extends FusionAnswer {
	/** The thing the user named that is not here ("banana", "蓝色的杯子"). */
	missing?: string;
	/** Why the words were taken as not a command, or how the answer was reached. */
	why?: string;
}

/** Confidence of the answer when the grammar is not sure the words were meant for the system. */
const NOT_ADDRESSED = 0.5;

export function languageOfScenario(s: Scenario): 'en' | 'zh' {
	if (s.lang) return s.lang.startsWith('zh') ? 'zh' : 'en';
	return /\p{Script=Han}/u.test(s.transcript) ? 'zh' : 'en';
}

export function parseScenario(s: Scenario): Parse {
	const lang = languageOfScenario(s);
	const nouns = new NounIndex(lang, s.objects);
	return lang === 'zh' ? parseChineseUtterance(s.transcript, nouns) : parseEnglishUtterance(s.transcript, nouns);
}

export function groundAnswer(s: Scenario, net: NetworkView): GroundedAnswer {
	const parse = parseScenario(s);
	if (!s.transcript.trim()) return { intent: 'none', target: null, destination: null, confidence: 1, why: 'empty' };
	if (!parse.intent) {
		// Nothing the grammar knows as a command: the network may still read one, but never acts
		// on it unasked.
		return { intent: 'none', target: null, destination: null, confidence: 1 - parse.addressed, why: 'no command' };
	}
	if (parse.addressed < NOT_ADDRESSED)
		return { intent: 'none', target: null, destination: null, confidence: 1 - parse.addressed, why: parse.reason };
	const ctx = sceneContext(s);
	let intent: Intent = parse.intent;
	let best: Candidate | null = null;
	for (const reading of parse.readings) {
		const c = evaluate(reading.target, reading.destination, intent, ctx, net, parse);
		if (!best || c.score > best.score) best = c;
	}
	const c = best!;
	if (c.destination && (intent === 'release' || intent === 'grab' || intent === 'move')) intent = 'move';
	else if (
		intent === 'move' &&
		!c.destination &&
		c.destinationSaid === false &&
		s.objects.some((o) => o.held && o.id === c.target)
	)
		intent = 'release';
	if (parse.showOrSelect && c.target) {
		const t = s.objects.find((o) => o.id === c.target);
		intent = t?.hidden ? 'show' : 'select';
	}
	if (c.missing)
		return {
			intent,
			target: null,
			destination: null,
			confidence: 0.9 * parse.addressed,
			missing: c.missing,
			why: 'absent',
		};
	let confidence = parse.addressed * c.targetQuality;
	if (intent === 'move') confidence *= c.destination ? c.destinationQuality : 0.6;
	return {
		intent,
		target: c.target,
		destination: intent === 'move' ? c.destination : null,
		confidence: Math.max(0, Math.min(1, confidence)),
		why: c.why,
	};
}

interface Candidate {
	target: string | null;
	destination: string | null;
	targetQuality: number;
	destinationQuality: number;
	destinationSaid: boolean;
	missing?: string;
	score: number;
	why: string;
}

function evaluate(
	target: Mention,
	destination: Mention | null,
	intent: Intent,
	ctx: SceneContext,
	net: NetworkView,
	parse: Parse,
): Candidate {
	// "put this there": the pointer marks the place, so "this" is what the hand or the network says.
	const bothPointed = destination?.deixis === 'there' && !destination.noun && !!target.deixis && !target.noun;
	const t = bothPointed
		? (() => {
				const held = ctx.objects.find((o) => o.held);
				return held
					? { id: held.id, quality: 0.95, why: 'held' }
					: networkPick(
							net,
							ctx.objects.map((o) => o.id),
							0.8,
							'network',
						);
			})()
		: pickTarget(target, intent, ctx, net, parse);
	let d: Pick | null = null;
	if (destination && isInformative(destination)) d = pickDestination(destination, target, ctx, net, t.id);
	// A said place counts for a reading: one that finds it beats one that does not, and one that
	// names something absent ("in the sink" with no sink) still beats ignoring the words. A
	// reading whose relations hold nowhere ("the couch on the shelf") loses to one whose do.
	const score =
		t.quality +
		(d ? (d.id ? 1 + d.quality : d.missing ? 0.8 : 0.2) : 0) -
		(t.missing ? 0.3 : 0) -
		0.5 * ((t.unmet ?? 0) + (d?.unmet ?? 0));
	return {
		target: t.id,
		destination: d?.id ?? null,
		targetQuality: t.quality,
		destinationQuality: d?.quality ?? 0,
		destinationSaid: !!destination,
		missing: t.missing ?? d?.missing,
		score,
		why: t.why,
	};
}

interface Pick {
	id: string | null;
	quality: number;
	missing?: string;
	why: string;
	/** Relations said that held for nothing. */
	unmet?: number;
}

function pickTarget(m: Mention, intent: Intent, ctx: SceneContext, net: NetworkView, parse: Parse): Pick {
	const held = ctx.objects.find((o) => o.held);
	// "drop that": only what the hand holds can be let go.
	if (held && intent === 'release' && !m.noun && !m.color && !m.relation)
		return { id: held.id, quality: 0.97, why: 'held' };
	if (!isInformative(m) || (m.deixis === 'it' && !m.noun)) {
		// "drop it", "put it on the table": what the hand holds, else what the pointer or the network says.
		if (held && (intent === 'release' || intent === 'move' || m.deixis === 'it'))
			return { id: held.id, quality: 0.97, why: 'held' };
		if (m.unknown && !isInformative(m)) return { id: null, quality: 0.6, missing: m.unknown, why: 'unknown word' };
		if (m.deixis || ctx.pointer) {
			const g = ground({ ...m, deixis: m.deixis ?? 'this' }, ctx);
			if (g.ids.length === 1) return { id: g.ids[0], quality: 0.9, why: 'deixis' };
		}
		return networkPick(
			net,
			ctx.objects.map((o) => o.id),
			0.85,
			'network',
		);
	}
	const g = ground(m, ctx, { preferHidden: intent === 'show' });
	if (g.absent && (m.labels || m.ids))
		return { id: null, quality: 0.9, missing: describeMissing(m, parse.lang), why: 'absent' };
	return fromGrounding(g, m, net, 'words');
}

function pickDestination(
	m: Mention,
	target: Mention,
	ctx: SceneContext,
	net: NetworkView,
	exclude: string | null,
): Pick {
	if (m.anaphor && !m.noun && (target.labels || target.ids)) {
		// "next to the white one", "放到小的旁边": one of the target's kind, when there is such a one.
		const same = { ...m, noun: target.noun, labels: target.labels, ids: target.ids, anaphor: false };
		const g = ground(same, ctx, { exclude: exclude ?? undefined });
		if (g.ids.length && !g.absent) return fromGrounding(g, same, { ...net, targets: net.destinations ?? {} }, 'words');
	}
	if (!m.noun && m.deixis && !m.color) {
		// "there", "over here": where the pointer (or the gaze) rests.
		const g = ground({ ...m, deixis: 'there' }, ctx, { exclude: exclude ?? undefined });
		if (g.ids.length === 1) return { id: g.ids[0], quality: 0.9, why: 'pointer' };
		return networkPick({ ...net, targets: net.destinations ?? {} }, g.ids, 0.7, 'network');
	}
	const g = ground(m, ctx, { exclude: exclude ?? undefined });
	if (g.absent && (m.labels || m.ids))
		return { id: null, quality: 0.9, missing: describeMissing(m, ctx.objects.length ? 'en' : 'en'), why: 'absent' };
	return fromGrounding(g, m, { ...net, targets: net.destinations ?? {} }, 'words');
}

function fromGrounding(g: Grounded, m: Mention, net: NetworkView, why: string): Pick {
	const unmet = g.unmet;
	if (g.ids.length === 1) return { id: g.ids[0], quality: m.fuzzy ? 0.85 : 0.97, why, unmet };
	if (!g.ids.length) return { id: null, quality: 0.3, why: 'nothing fits', unmet };
	return { ...networkPick(net, g.ids, 0.8, 'words + network'), unmet };
}

/** The network's favourite among `ids`, with its share of their probability as quality. */
function networkPick(net: NetworkView, ids: string[], scale: number, why: string): Pick {
	if (!ids.length) return { id: net.target, quality: 0.5, why };
	let bestId = ids[0];
	let sum = 0;
	for (const id of ids) {
		const p = net.targets[id] ?? 0;
		sum += p;
		if (p > (net.targets[bestId] ?? 0)) bestId = id;
	}
	const share = sum > 0 ? (net.targets[bestId] ?? 0) / sum : 1 / ids.length;
	return { id: bestId, quality: scale * share, why };
}

function describeMissing(m: Mention, lang: 'en' | 'zh'): string {
	const noun = m.noun ?? '';
	if (lang === 'zh') return m.color ? `${m.color} ${noun}` : noun;
	return m.color ? `${m.color} ${noun}` : noun;
}
