import { readFileSync } from 'node:fs';
import { PerspectiveCamera, Scene } from 'three';
import { afterEach, describe, expect, it } from 'vitest';
import { createLivingRoom } from '../../scenes/livingRoom.js';
import { SceneUnderstanding } from '../../src/SceneUnderstanding.js';
import { diffOutputs } from '../../src/session/diffOutputs.js';
import { formatSession, parseSession } from '../../src/session/parseSession.js';
import { SessionFormatError } from '../../src/session/SessionFormatError.js';
import { SessionRecorder } from '../../src/session/SessionRecorder.js';
import { SessionReplay } from '../../src/session/SessionReplay.js';
import type { Session, SessionRecord } from '../../src/session/sessionFormat.js';
import { nodeRenderer } from '../support/nodeRenderer.js';

/** Recorded in the demo in headless Chromium (test/e2e/record-session.spec.ts), not written by hand. */
const RECORDING = 'test/fixtures/sessions/living-room.jsonl';
const recorded = () => readFileSync(RECORDING, 'utf8');

/** The demo's living room and camera, with the real fusion model and actions; no camera or microphone. */
async function livingRoom(): Promise<SceneUnderstanding> {
	const scene = new Scene();
	scene.add(createLivingRoom());
	const camera = new PerspectiveCamera(70, 1.5, 0.05, 50);
	camera.position.set(0, 1.6, 0);
	camera.lookAt(0, 1.1, -2);
	const sense = new SceneUnderstanding({
		renderer: nodeRenderer(camera),
		scene,
		camera,
		backend: 'wasm',
		modelsPath: 'public/models/',
		vision: false,
		hearing: false,
		captureIndicator: false,
		actions: { speak: false },
	});
	return sense.load();
}

let sense: SceneUnderstanding | null = null;
afterEach(() => {
	sense?.dispose();
	sense = null;
});

describe('the session format', () => {
	it('round-trips: parse, write, parse gives the same session', () => {
		const session = parseSession(recorded());
		expect(session.header).toMatchObject({ format: 'xr-sense-session', version: 1 });
		expect(parseSession(formatSession(session))).toEqual(session);
	});

	it('the committed recording holds what a session records', () => {
		const { header, records } = parseSession(recorded());
		const kinds = new Set(records.map((r) => r.kind));
		for (const kind of ['pose', 'frame', 'detections', 'sound', 'analysis', 'transcript', 'answer', 'action'])
			expect(kinds, kind).toContain(kind);
		expect(header.scene.objects.map((o) => o.id)).toContain('red-cup');
		const frame = records.find((r) => r.kind === 'frame');
		expect(frame?.kind === 'frame' && frame.width).toBeLessThanOrEqual(160);
		expect(frame?.kind === 'frame' && frame.image).toMatch(/^data:image\/jpeg;base64,/);
		const said = records.filter((r) => r.kind === 'transcript').map((r) => r.kind === 'transcript' && r.text);
		expect(said).toEqual([
			"what's that ringing?",
			'pick up the red cup',
			'put it on the table',
			'把黄色的灯变大',
			'undo',
			'这是什么',
		]);
	});

	it('names the line of a malformed record', () => {
		const lines = recorded().split('\n');
		lines[3] = '{"t": 12, "kind": "pose", ';
		expect(() => parseSession(lines.join('\n'))).toThrow(SessionFormatError);
		expect(() => parseSession(lines.join('\n'))).toThrow(/line 4: not JSON/);
		lines[3] = '{"t": 12, "kind": "teleport"}';
		expect(() => parseSession(lines.join('\n'))).toThrow(/line 4: unknown record kind "teleport"/);
		lines[3] = '{"kind": "pose"}';
		expect(() => parseSession(lines.join('\n'))).toThrow(/line 4: a record needs a finite time/);
	});

	it('refuses another version, and a file without its header', () => {
		const [header, ...rest] = recorded().split('\n');
		const v2 = JSON.stringify({ ...JSON.parse(header), version: 2 });
		expect(() => parseSession([v2, ...rest].join('\n'))).toThrow(/line 1: version 2 is not supported/);
		expect(() => parseSession(rest.join('\n'))).toThrow(/line 1: the first line must be the header/);
		expect(() => parseSession('\n\n')).toThrow(/empty file/);
		try {
			parseSession(`\n${rest.join('\n')}`);
		} catch (error) {
			expect((error as SessionFormatError).line).toBe(2);
		}
	});
});

describe('diffOutputs', () => {
	const said: SessionRecord = {
		t: 5,
		kind: 'transcript',
		utterance: 1,
		text: 'put it on the table',
		viewer: { position: [0, 1.6, 0], forward: [0, 0, -1] },
		pointer: null,
	};
	const answer: SessionRecord = {
		t: 9,
		kind: 'answer',
		utterance: 1,
		intent: 'move',
		target: 'red-cup',
		destination: 'brown-table',
		confidence: 0.94,
	};
	const moved: SessionRecord = {
		t: 9,
		kind: 'action',
		utterance: 1,
		type: 'move',
		object: 'red-cup',
		destination: 'brown-table',
		position: [0, 0.811, -2],
	};
	const tolerance = { confidence: 0.05, position: 0.02 };
	const got = (confidence: number, y: number) => [
		{
			kind: 'answer' as const,
			utterance: 1,
			intent: 'move',
			target: 'red-cup',
			destination: 'brown-table',
			confidence,
		},
		{
			kind: 'action' as const,
			utterance: 1,
			type: 'move',
			object: 'red-cup',
			destination: 'brown-table',
			position: [0, y, -2],
		},
	];

	it('matches within the tolerances, and reports what lies outside them or is missing', () => {
		expect(diffOutputs([said, answer, moved], got(0.92, 0.82), tolerance)).toEqual([]);
		expect(diffOutputs([said, answer, moved], got(0.8, 0.811), tolerance)).toMatchObject([
			{ t: 9, utterance: 1, kind: 'answer', expected: { confidence: 0.94 }, got: { confidence: 0.8 } },
		]);
		expect(diffOutputs([said, answer, moved], got(0.94, 0.9), tolerance)).toMatchObject([{ kind: 'action' }]);
		expect(diffOutputs([said, answer, moved], got(0.94, 0.811).slice(0, 1), tolerance)).toMatchObject([
			{ kind: 'action', expected: { type: 'move' }, got: null },
		]);
	});
});

describe('replaying the recording through the real pipeline in Node', () => {
	it('the shipped fusion model and the actions answer as they did in the browser: no differences', async () => {
		sense = await livingRoom();
		const replay = new SessionReplay(sense, parseSession(recorded()));
		const diffs = await replay.run();
		expect(diffs).toEqual([]);
		// It ran for real: the replay produced the outputs it compared.
		expect(replay.outputs.filter((o) => o.kind === 'answer').length).toBeGreaterThanOrEqual(4);
		expect(sense.world.get('red-cup')!.position.y).toBeCloseTo(0.811, 2);
	});

	it('reports an altered expected output as a difference, naming the utterance', async () => {
		sense = await livingRoom();
		const session = parseSession(recorded());
		const records: SessionRecord[] = session.records.map((r) =>
			r.kind === 'answer' && r.intent === 'grab' ? { ...r, target: 'blue-cup' } : r,
		);
		const altered: Session = { ...session, records };
		const diffs = await new SessionReplay(sense, altered).run();
		expect(diffs).toHaveLength(1);
		expect(diffs[0]).toMatchObject({
			kind: 'answer',
			expected: { intent: 'grab', target: 'blue-cup' },
			got: { intent: 'grab', target: 'red-cup' },
		});
		const said = records.find((r) => r.kind === 'transcript' && r.text === 'pick up the red cup');
		expect(diffs[0].utterance).toBe(said?.kind === 'transcript' && said.utterance);
	});
});

describe('SessionRecorder', () => {
	it('records transcripts, answers and actions of a live session; stop() returns a file the loader reads', async () => {
		sense = await livingRoom();
		// three's EventDispatcher keeps its listeners by type: the recorder must leave them as it found them.
		const listeners = () =>
			Object.entries((sense as unknown as { _listeners: Record<string, unknown[]> })._listeners)
				.map(([type, list]) => `${type}:${list.length}`)
				.filter((entry) => !entry.endsWith(':0'));
		const before = listeners();
		const recorder = new SessionRecorder(sense, { poseHz: 1000 });
		expect(recorder.recording).toBe(false);
		recorder.start();
		expect(listeners()).not.toEqual(before);
		expect(sense.stages).toContain(recorder);
		sense.update(16);
		await sense.handleTranscript('hide the purple plant');
		sense.camera.position.x = 0.5;
		sense.update(32);
		const handled = sense.handleTranscript('undo');
		await handled;
		const text = recorder.stop();
		const { header, records } = parseSession(text);
		expect(header.backend).toBe('wasm');
		const kinds = records.map((r) => (r.kind === 'action' ? `${r.type}@${r.utterance}` : r.kind));
		expect(kinds).toEqual(['pose', 'transcript', 'intent@1', 'answer', 'hide@1', 'pose', 'transcript', 'undo@2']);
		// Stopped and disposed: no listener and no stage left behind.
		expect(listeners()).toEqual(before);
		recorder.dispose();
		expect(sense.stages).not.toContain(recorder);
		await sense.handleTranscript('hide the purple plant');
		expect(recorder.records).toEqual([]);
	});
});
