import type { SoundClass } from '../../fusion/scenario.js';

/** Objects that make each sound: a bearing picks among these first. */
export const SOUND_SOURCES: Partial<Record<SoundClass, string[]>> = {
	phone_ring: ['cell phone', 'phone', 'telephone'],
	alarm: [
		'clock',
		'alarm clock',
		'microwave',
		'oven',
		'smoke alarm',
		'timer',
		'monitor',
		'laptop',
		'computer',
		'cell phone',
	],
	bell: ['clock', 'bell', 'door', 'bicycle'],
	music: ['tv', 'radio', 'speaker', 'laptop', 'cell phone', 'screen', 'piano', 'guitar', 'computer'],
	speech: ['person', 'tv', 'radio', 'laptop', 'cell phone', 'screen', 'speaker', 'computer'],
	knock: ['door', 'window'],
	dog: ['dog'],
	water: ['sink', 'toilet', 'bathtub', 'bath', 'shower', 'tap', 'faucet', 'bottle', 'kettle'],
	hum: ['refrigerator', 'lamp', 'fan', 'microwave', 'laptop', 'computer', 'fridge', 'printer', 'projector', 'monitor'],
	footsteps: ['person', 'floor'],
	clap: ['person'],
};

/**
 * Whether an object labelled `label` makes sounds of class `sound`, by its label or the label's last
 * word ("blood pressure monitor" is a monitor). Used to attribute a heard sound to a plausible
 * maker first, and by grounding to pick among the objects in the sound's direction.
 *
 * ```ts
 * makesSound( 'cell phone', 'phone_ring' ); // true
 * makesSound( 'book', 'phone_ring' ); // false
 * ```
 */
export function makesSound(label: string, sound: SoundClass): boolean {
	const sources = SOUND_SOURCES[sound];
	if (!sources) return false;
	const lower = label.toLowerCase();
	const head = lower.split(' ').pop()!;
	return sources.includes(lower) || sources.includes(head);
}
