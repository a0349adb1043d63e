import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HearingStage } from '../../src/perception/audio/HearingStage.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import type { SceneUnderstanding } from '../../src/SceneUnderstanding.js';
import { ProgrammaticTranscriptSource } from '../../src/sources/speech/ProgrammaticTranscriptSource.js';

/** The parts of SceneUnderstanding the hearing stage talks to, recording what it is told. */
function host(modelsPath: string) {
	const events: Array<{ type: string; error?: Error; stage?: string }> = [];
	const transcripts: string[] = [];
	const sense = {
		modelsPath,
		verifyModels: true,
		dispatchEvent: (e: { type: string; error?: Error; stage?: string }) => events.push(e),
		handleTranscript: async (text: string) => {
			transcripts.push(text);
			return { intent: 'none', target: null, destination: null, confidence: 1 };
		},
	} as unknown as SceneUnderstanding;
	return { sense, events, transcripts };
}

let models = '';
beforeAll(async () => {
	await selectBackend({ backend: 'wasm' });
});
afterEach(() => rmSync(models, { recursive: true, force: true }));

describe('hearing stage with a bad sound-event model', () => {
	it('stays up for transcripts, and says the sound events are unavailable and why', async () => {
		models = mkdtempSync(join(tmpdir(), 'xr-sense-hearing-'));
		cpSync('public/models/audio', join(models, 'audio'), { recursive: true });
		cpSync('public/models/manifest.json', join(models, 'manifest.json'));
		const bytes = readFileSync('public/models/audio/weights.bin');
		writeFileSync(join(models, 'audio/weights.bin'), bytes.subarray(0, 100_000));
		const { sense, events, transcripts } = host(`${models}/`);
		const typed = new ProgrammaticTranscriptSource();
		const hearing = new HearingStage({ transcripts: [typed] });
		const unavailable: Array<{ what: string; reason: string }> = [];
		hearing.addEventListener('unavailable', (e) => unavailable.push({ what: e.what, reason: e.reason }));
		await hearing.load(sense);
		expect(hearing.classifier.isLoaded).toBe(false);
		expect(unavailable).toEqual([
			{
				what: 'sound-events',
				reason: expect.stringContaining(
					`audio/weights.bin is truncated: 100,000 of ${readFileSync('public/models/audio/weights.bin').length.toLocaleString('en-US')} bytes`,
				),
			},
		]);
		expect(events.map((e) => [e.type, e.stage])).toEqual([['error', 'hearing']]);
		typed.push('pick up the red cup');
		await expect.poll(() => transcripts).toEqual(['pick up the red cup']);
		hearing.dispose();
	});

	it('with intact files the model loads and nothing is reported', async () => {
		models = mkdtempSync(join(tmpdir(), 'xr-sense-hearing-'));
		cpSync('public/models/audio', join(models, 'audio'), { recursive: true });
		cpSync('public/models/manifest.json', join(models, 'manifest.json'));
		const { sense, events } = host(`${models}/`);
		const hearing = new HearingStage();
		await hearing.load(sense);
		expect(hearing.classifier.isLoaded).toBe(true);
		expect(events).toEqual([]);
		hearing.dispose();
	});
});
