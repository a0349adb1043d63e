import type { Intent, Ray, SoundClass, Vec3 } from '../fusion/scenario.js';

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
	/** Bearing relative to the head, radians (negative: left); null when unknown (identical channels). */
	azimuth: number | null;
	/** World-space direction from the listener; null when the bearing is unknown. */
	direction: Vec3 | null;
	/** The object the sound was attributed to, or null. */
	objectId: string | null;
}

/** The summary of one analysed audio window (best class, its probability, level in dBFS). */
export interface AnalysisRecord {
	t: number;
	kind: 'analysis';
	/** A sound class, or `unknown` (none of them). */
	class: SoundClass | 'unknown';
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

/** The events recorded as `action` records, and compared on replay: every action event and `select`. */
export { ACTION_EVENTS } from '../actions/ActionEvents.js';

import type { ACTION_EVENTS } from '../actions/ActionEvents.js';
export type ActionEventType = (typeof ACTION_EVENTS)[number];
