/**
 * The scenario: one frozen moment of an XR session, as defined by `shared/scenario.schema.json`.
 * The fusion model consumes exactly this structure; the episode generator writes it and the
 * evaluator reads it as JSON Lines. Keep these types in step with the schema.
 */

export type Vec3 = [number, number, number];

export interface Ray {
	position: Vec3;
	forward: Vec3;
}

export const INTENTS = [
	'select',
	'grab',
	'release',
	'move',
	'rotate',
	'scale_up',
	'scale_down',
	'hide',
	'show',
	'delete',
	'describe',
	'none',
] as const;
export type Intent = (typeof INTENTS)[number];

export const SOUND_CLASSES = [
	'speech',
	'music',
	'alarm',
	'phone_ring',
	'bell',
	'knock',
	'footsteps',
	'water',
	'hum',
	'clap',
	'dog',
	'silence',
] as const;
export type SoundClass = (typeof SOUND_CLASSES)[number];

export const COLOR_NAMES = [
	'red',
	'orange',
	'yellow',
	'green',
	'blue',
	'purple',
	'pink',
	'brown',
	'black',
	'white',
	'gray',
] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

export const LANGS = ['en', 'en-US', 'en-GB', 'zh', 'zh-CN', 'zh-TW'] as const;
export type Lang = (typeof LANGS)[number];

export interface ScenarioObject {
	id: string;
	label: string;
	confidence?: number;
	color?: ColorName;
	position: Vec3;
	size?: Vec3;
	name?: string;
	held?: boolean;
	hidden?: boolean;
}

export interface ScenarioSound {
	class: SoundClass;
	direction: Vec3;
	confidence?: number;
}

export interface ScenarioExpectation {
	intent: Intent;
	target?: string | null;
	destination?: string | null;
}

export interface Scenario {
	id: string;
	lang?: Lang;
	transcript: string;
	viewer: Ray;
	pointer?: Ray | null;
	objects: ScenarioObject[];
	sounds?: ScenarioSound[];
	expect?: ScenarioExpectation;
}

/** What the fusion model answers for one scenario. */
export interface FusionAnswer {
	intent: Intent;
	/** Id of the target object, or null. */
	target: string | null;
	/** Id of the destination object (for `move`), or null. */
	destination: string | null;
	/** Confidence of the decision, 0–1. */
	confidence: number;
	/** What the user named that is not in the scene ("banana"): the answer is to say so, not act. */
	missing?: string;
}
