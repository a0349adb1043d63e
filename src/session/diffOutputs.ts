import type { ActionRecord, AnswerRecord, SessionRecord, TranscriptRecord } from './sessionFormat.js';

/** An output that differs between the recording and the replay (null: missing on that side). */
export interface SessionDiff {
	/** Recorded time of the output (or of the transcript it followed), ms. */
	t: number;
	/** The transcript it followed (0: the scene check before the first). */
	utterance: number;
	kind: 'scene' | 'answer' | 'action';
	expected: Record<string, unknown> | null;
	got: Record<string, unknown> | null;
}

/** An answer or action event as the replay saw it, tagged with the utterance it followed. */
export type ReplayOutput = Record<string, unknown> & { kind: 'answer' | 'action'; utterance: number };

/** How far numbers may differ and still match: confidences, and positions in metres. */
export interface DiffTolerance {
	confidence: number;
	position: number;
}

/**
 * The recorded outputs (`answer` and `action` records) against those of a replay, utterance by
 * utterance, answers and actions each in order: one {@link SessionDiff} per output that differs or
 * is missing on one side. Selections by pointer are left out (a replay drives no pointer clicks).
 *
 * ```ts
 * const diffs = diffOutputs( session.records, replay.outputs, { confidence: 0.05, position: 0.02 } );
 * ```
 */
export function diffOutputs(
	records: SessionRecord[],
	outputs: ReplayOutput[],
	tolerance: DiffTolerance,
): SessionDiff[] {
	const expected = records.filter(
		(r): r is AnswerRecord | ActionRecord =>
			(r.kind === 'answer' || r.kind === 'action') &&
			r.utterance > 0 &&
			!isPointerPick(r as unknown as Record<string, unknown>),
	);
	const got = outputs.filter((o) => o.utterance > 0 && !isPointerPick(o));
	const spoken = records.filter((r): r is TranscriptRecord => r.kind === 'transcript');
	const diffs: SessionDiff[] = [];
	for (const said of spoken) {
		for (const kind of ['answer', 'action'] as const) {
			const want = expected.filter((r) => r.utterance === said.utterance && r.kind === kind);
			const have = got.filter((o) => o.utterance === said.utterance && o.kind === kind);
			for (let i = 0; i < Math.max(want.length, have.length); i++) {
				const e = want[i] ? strip(want[i] as unknown as Record<string, unknown>) : null;
				const g = have[i] ? strip(have[i]) : null;
				if (!e || !g || !same(e, g, tolerance))
					diffs.push({ t: want[i]?.t ?? said.t, utterance: said.utterance, kind, expected: e, got: g });
			}
		}
	}
	return diffs;
}

function same(a: Record<string, unknown>, b: Record<string, unknown>, tolerance: DiffTolerance): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	for (const key of keys) {
		const x = a[key];
		const y = b[key];
		if (key === 'confidence' && typeof x === 'number' && typeof y === 'number') {
			if (Math.abs(x - y) > tolerance.confidence) return false;
		} else if (key === 'position' && Array.isArray(x) && Array.isArray(y)) {
			if (x.length !== y.length || x.some((v, i) => Math.abs(v - y[i]) > tolerance.position)) return false;
		} else if (JSON.stringify(x) !== JSON.stringify(y)) return false;
	}
	return true;
}

function isPointerPick(r: Record<string, unknown>): boolean {
	return r.kind === 'action' && r.type === 'select' && r.via === 'pointer';
}

/** An output without its bookkeeping (time, utterance): what is compared. */
function strip(r: Record<string, unknown>): Record<string, unknown> {
	const { t: _t, utterance: _u, ...rest } = r;
	return rest;
}
