import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIVING_ROOM } from '../../scenes/livingRoomLayout.js';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import type { Scenario, Vec3 } from '../../src/fusion/scenario.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';

// The demo's commands (issue 6) in the demo's living room, viewer at the origin facing −z.
const objects = LIVING_ROOM.map((o) => ({
	id: o.name.replace(/ /g, '-'),
	label: o.label,
	color: o.color,
	position: [...o.position] as Vec3,
	size: [...o.size] as Vec3,
	confidence: 1,
}));
const viewer = { position: [0, 1.6, 0] as Vec3, forward: [0, -0.2, -1] as Vec3 };
const at = (id: string) => objects.find((o) => o.id === id)!.position;
const aim = (p: Vec3) => ({
	position: [0.2, 1.3, -0.2] as Vec3,
	forward: [p[0] - 0.2, p[1] - 1.3, p[2] + 0.2] as Vec3,
});
const holdingCup = objects.map((o) =>
	o.id === 'red-cup' ? { ...o, held: true, position: [0.2, 1.25, -0.4] as Vec3 } : o,
);
const phone = at('pink-phone');
/** Of the 40 sentences in `chitchat-unseen.json`; the shipped weights answer 31 with "none". */
const CHITCHAT_FLOOR = 30;

const CASES: Array<[string, Partial<Scenario>, string, string | null, string | null]> = [
	['pick up the red cup', {}, 'grab', 'red-cup', null],
	['put it on the table', { objects: holdingCup }, 'move', 'red-cup', 'brown-table'],
	[
		"what's that ringing",
		{ sounds: [{ class: 'phone_ring', direction: [phone[0], phone[1] - 1.6, phone[2]] }] },
		'describe',
		'pink-phone',
		null,
	],
	['make the yellow lamp bigger', {}, 'scale_up', 'yellow-lamp', null],
	['hide the purple plant', {}, 'hide', 'purple-plant', null],
	['把这个放到桌子上', { pointer: aim(at('red-cup')) }, 'move', 'red-cup', 'brown-table'],
	['这是什么', { pointer: aim(at('white-lamp')) }, 'describe', 'white-lamp', null],
	['hello how are you', {}, 'none', null, null],
];

describe('the shipped fusion model in the demo living room', () => {
	let model: FusionModel;
	beforeAll(async () => {
		await selectBackend({ backend: 'wasm' });
		model = await FusionModel.load('public/models/fusion/model.json');
	});

	it.each(CASES)('"%s"', async (text, extra, intent, target, destination) => {
		const answer = await model.interpret({ id: 'demo', transcript: text, viewer, objects, ...extra } as Scenario);
		expect(answer).toMatchObject({ intent, target, destination });
	});

	it('answers chit-chat it never heard with "none", mostly (a floor)', async () => {
		const { en, zh } = JSON.parse(readFileSync('test/fixtures/fusion/chitchat-unseen.json', 'utf8')) as Record<
			'en' | 'zh',
			string[]
		>;
		const said = [...en, ...zh];
		const answers = await model.interpretBatch(
			said.map((transcript, i) => ({ id: `chat-${i}`, transcript, viewer, objects }) as Scenario),
		);
		const none = answers.filter((a) => a.intent === 'none').length;
		expect(said).toHaveLength(40);
		expect(none).toBeGreaterThanOrEqual(CHITCHAT_FLOOR);
	});

	// Former misses of the network alone, fixed by grounding the words: "那个" while pointing at the
	// cup on the table meant the table itself; a knock heard from another bearing pulled "what's that
	// ringing?" away from the ringing phone (the grammar keeps the sound the words name).
	it('"把那个放到桌子上" while pointing at the red cup', async () => {
		const answer = await model.interpret({
			id: 'demo',
			transcript: '把那个放到桌子上',
			viewer,
			objects,
			pointer: aim(at('red-cup')),
		});
		expect(answer).toMatchObject({ intent: 'move', target: 'red-cup', destination: 'brown-table' });
	});

	it('"what\'s that ringing" with a knock heard from another bearing (as the e2e demo hears it)', async () => {
		// Bearings and confidences the hearing stage reported in the demo: ring 54° right, knock 13°.
		const bearing = (deg: number): Vec3 => [Math.sin((deg * Math.PI) / 180), 0, -Math.cos((deg * Math.PI) / 180)];
		const answer = await model.interpret({
			id: 'demo',
			transcript: "what's that ringing",
			viewer,
			objects,
			sounds: [
				{ class: 'knock', direction: bearing(13), confidence: 1 },
				{ class: 'phone_ring', direction: bearing(54), confidence: 0.98 },
			],
		});
		expect(answer).toMatchObject({ intent: 'describe', target: 'pink-phone' });
	});
});
