import type { SceneUnderstandingEventMap } from '../SceneUnderstanding.js';
import type { WorldObject } from '../world/WorldObject.js';
import type { ActionEventType, ActionRecord, SessionObject } from './sessionFormat.js';

/** Rounds to millimetres (and thousandths): session files stay small and compare stably. */
export function round3(v: number): number {
	return Math.round(v * 1000) / 1000;
}

/** A world object as a session stores it. */
export function sessionObject(o: WorldObject): SessionObject {
	const entry: SessionObject = {
		id: o.id,
		label: o.label,
		confidence: round3(o.confidence),
		position: [round3(o.position.x), round3(o.position.y), round3(o.position.z)],
		size: [round3(o.size.x), round3(o.size.y), round3(o.size.z)],
	};
	if (o.color) entry.color = o.color;
	if (o.name) entry.name = o.name;
	return entry;
}

type Fields = Omit<ActionRecord, 't' | 'kind' | 'utterance' | 'type'>;
const id = (o: { id: string } | null | undefined) => o?.id ?? null;

/**
 * The fields of an acting-stage event that say what happened (ids, not objects), as a session
 * stores them; the recorder and the replay both read events through it, so they compare alike.
 */
export function actionFields<K extends ActionEventType>(type: K, e: SceneUnderstandingEventMap[K]): Fields {
	const ev = e as unknown as Record<string, unknown> & { object?: WorldObject | null };
	switch (type) {
		case 'select':
			return { object: id(ev.object), via: ev.via as string };
		case 'intent': {
			const i = e as SceneUnderstandingEventMap['intent'];
			return { intent: i.intent, object: id(i.object), destination: id(i.destination), via: i.via };
		}
		case 'grab': {
			const g = e as SceneUnderstandingEventMap['grab'];
			return { object: g.object.id, handedness: g.handedness, by: g.by };
		}
		case 'release':
			return { object: id(ev.object), handedness: ev.handedness as string };
		case 'move': {
			const m = e as SceneUnderstandingEventMap['move'];
			const p = m.position;
			return { object: m.object.id, destination: id(m.destination), position: [round3(p.x), round3(p.y), round3(p.z)] };
		}
		case 'rotate':
			return { object: id(ev.object), angle: round3(ev.angle as number) };
		case 'scale':
			return { object: id(ev.object), factor: round3(ev.factor as number) };
		case 'undo':
			return { intent: ev.intent as string, object: id(ev.object) };
		case 'describe': {
			const d = e as SceneUnderstandingEventMap['describe'];
			return { object: d.object.id, text: d.text, lang: d.lang, sound: d.sound };
		}
		case 'ask': {
			const a = e as SceneUnderstandingEventMap['ask'];
			return { question: a.question, object: id(a.object), lang: a.lang };
		}
		case 'missing': {
			const m = e as SceneUnderstandingEventMap['missing'];
			return { missing: m.missing, sentence: m.sentence, lang: m.lang };
		}
		case 'confirm':
			return { accepted: (e as SceneUnderstandingEventMap['confirm']).accepted };
		case 'actionfailed': {
			const f = e as SceneUnderstandingEventMap['actionfailed'];
			return { intent: f.intent, reason: f.reason, object: id(f.object) };
		}
		default:
			return { object: id(ev.object) };
	}
}
