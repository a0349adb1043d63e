import type { Intent, Ray, SoundClass, Vec3 } from '../fusion/scenario.js';
import type { SceneUnderstandingEventMap } from '../SceneUnderstanding.js';
import type { WorldObject } from '../world/WorldObject.js';
import { SessionFormatError } from './SessionFormatError.js';

/** The `format` of a session file's header line. */
export const SESSION_FORMAT = 'xr-sense-session';
/** The version of the session format this code writes and reads. */
export const SESSION_VERSION = 1;

/**
 * The first line of a session file (JSON Lines). Times in every later record (`t`) are milliseconds
 * from the start of the recording.
 */
export interface SessionHeader {
	format: typeof SESSION_FORMAT;
	version: typeof SESSION_VERSION;
	/** Wall-clock start, ISO 8601. */
	created: string;
	/** The tfjs backend the session ran on (answers' confidences differ slightly between backends). */
	backend: string | null;
	/** What the recorder sampled: poses per second, frames per second, frame width in pixels. */
	rates: { poseHz: number; frameHz: number; frameWidth: number };
	/** The host's registered objects when the recording started: the scene a replay needs. */
	scene: { objects: SessionObject[] };
}

/** An object as the world model saw it (ids are the world model's). */
export interface SessionObject {
	id: string;
	label: string;
	confidence: number;
	color?: string;
	name?: string;
	position: Vec3;
	size: Vec3;
}

/** The head pose (position xyz, quaternion xyzw), the pointing ray and the tracked controllers, sampled. */
export interface PoseRecord {
	t: number;
	kind: 'pose';
	head: number[];
	pointer: Ray | null;
	/** Controller (target-ray) poses while an XR session runs: index, position xyz, quaternion xyzw. */
	controllers: Array<{ index: number; pose: number[] }>;
}

/** A camera frame the vision stage analysed, down-sampled (a JPEG data URL). */
export interface FrameRecord {
	t: number;
	kind: 'frame';
	width: number;
	height: number;
	image: string;
}

/** One detection round: boxes in frame pixels, with the 3D lift of each (or null). */
export interface DetectionsRecord {
	t: number;
	kind: 'detections';
	ms: number;
	boxes: Array<{ label: string; score: number; box: number[]; color?: string; position: Vec3 | null }>;
}

/** The detector tracks in the world model after a detection round (written when they changed). */
export interface TracksRecord {
	t: number;
	kind: 'tracks';
	objects: SessionObject[];
}

/** A sound event the hearing stage added to the world. */
export interface SoundRecord {
	t: number;
	kind: 'sound';
	class: SoundClass;
	confidence: number;
	/** Bearing relative to the head, radians (negative: left). */
	azimuth: number;
	/** World-space direction from the listener. */
	direction: Vec3;
	/** The object the sound was attributed to, or null. */
	objectId: string | null;
}

/** The summary of one analysed audio window (best class, its probability, level in dBFS). */
export interface AnalysisRecord {
	t: number;
	kind: 'analysis';
	class: SoundClass;
	score: number;
	level: number;
}

/** A transcript as `handleTranscript` received it, with the rays the model saw. */
export interface TranscriptRecord {
	t: number;
	kind: 'transcript';
	/** 1 for the first transcript of the session, and so on; outputs name the one they followed. */
	utterance: number;
	text: string;
	lang?: string;
	source?: string;
	viewer: Ray;
	pointer: Ray | null;
	thatRay?: Ray | null;
	thereRay?: Ray | null;
}

/** What the interpreter answered. */
export interface AnswerRecord {
	t: number;
	kind: 'answer';
	utterance: number;
	intent: Intent;
	target: string | null;
	destination: string | null;
	confidence: number;
	missing?: string;
}

/** An event of the acting stage (or a selection), with the fields that say what happened. */
export interface ActionRecord {
	t: number;
	kind: 'action';
	utterance: number;
	type: ActionEventType;
	[field: string]: string | number | boolean | null | number[];
}

export type SessionRecord =
	| PoseRecord
	| FrameRecord
	| DetectionsRecord
	| TracksRecord
	| SoundRecord
	| AnalysisRecord
	| TranscriptRecord
	| AnswerRecord
	| ActionRecord;

/** A parsed session file. */
export interface Session {
	header: SessionHeader;
	records: SessionRecord[];
}

/** The events recorded as `action` records, and compared on replay. */
export const ACTION_EVENTS = [
	'select',
	'intent',
	'grab',
	'release',
	'move',
	'rotate',
	'scale',
	'hide',
	'show',
	'delete',
	'undo',
	'describe',
	'ask',
	'missing',
	'confirm',
	'actionfailed',
] as const;
export type ActionEventType = (typeof ACTION_EVENTS)[number];

const KINDS = new Set(['pose', 'frame', 'detections', 'tracks', 'sound', 'analysis', 'transcript', 'answer', 'action']);

/**
 * Reads a session file (JSON Lines): checks the header (format and version) and that every record
 * is an object with a finite `t` and a known `kind`. Throws a {@link SessionFormatError} naming the
 * line otherwise. Pure: runs in Node and in browsers.
 *
 * ```ts
 * const session = parseSession( readFileSync( 'test/fixtures/sessions/living-room.jsonl', 'utf8' ) );
 * session.records.filter( ( r ) => r.kind === 'transcript' ).map( ( r ) => r.text );
 * ```
 */
export function parseSession(text: string): Session {
	const lines = text.split('\n');
	let header: SessionHeader | null = null;
	const records: SessionRecord[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (error) {
			throw new SessionFormatError(i + 1, `not JSON (${(error as Error).message})`);
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value))
			throw new SessionFormatError(i + 1, 'a record must be a JSON object');
		const record = value as Record<string, unknown>;
		if (!header) {
			if (record.format !== SESSION_FORMAT)
				throw new SessionFormatError(i + 1, `the first line must be the header { format: '${SESSION_FORMAT}', … }`);
			if (record.version !== SESSION_VERSION)
				throw new SessionFormatError(
					i + 1,
					`version ${JSON.stringify(record.version)} is not supported (this reader reads version ${SESSION_VERSION})`,
				);
			if (!Array.isArray((record.scene as SessionHeader['scene'] | undefined)?.objects))
				throw new SessionFormatError(i + 1, 'the header has no scene.objects list');
			header = record as unknown as SessionHeader;
			continue;
		}
		if (typeof record.t !== 'number' || !Number.isFinite(record.t))
			throw new SessionFormatError(i + 1, 'a record needs a finite time "t" (ms from the start)');
		if (typeof record.kind !== 'string' || !KINDS.has(record.kind))
			throw new SessionFormatError(i + 1, `unknown record kind ${JSON.stringify(record.kind)}`);
		if (record.kind === 'transcript' && typeof record.text !== 'string')
			throw new SessionFormatError(i + 1, 'a transcript record needs its "text"');
		records.push(record as unknown as SessionRecord);
	}
	if (!header) throw new SessionFormatError(1, 'empty file: no header line');
	return { header, records };
}

/** Writes a session as JSON Lines: the header, then one record per line. */
export function formatSession(session: Session): string {
	return `${[session.header, ...session.records].map((r) => JSON.stringify(r)).join('\n')}\n`;
}

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
