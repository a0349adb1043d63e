import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import type { Scenario } from '../../src/fusion/scenario.js';
import { SoundEventClassifier } from '../../src/perception/audio/SoundEventClassifier.js';
import { CenterNetDetector } from '../../src/perception/detection/CenterNetDetector.js';
import { ModelFileError } from '../../src/runtime/models/ModelFileError.js';
import type { ModelManifest } from '../../src/runtime/models/ModelManifest.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import { CENTERNET_FILES } from '../../tools/_nodeModels.js';

/**
 * The verifier on real files: a copy of the shipped models folder in a scratch directory, then
 * broken the ways files break in the field — cut short, one byte flipped, another model's file in
 * its place, deleted, not in the manifest, the manifest itself gone.
 */

let models: string;
const fusion = () => join(models, 'fusion/model.json');
const weights = () => join(models, 'fusion/weights.bin');
const manifestPath = () => join(models, 'manifest.json');
const shipped = (path: string) => readFileSync(join('public/models', path));

/** The rejection of `load`, which must be a {@link ModelFileError}. */
async function refusal(load: Promise<unknown>): Promise<ModelFileError> {
	const error = await load.then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(ModelFileError);
	return error as ModelFileError;
}

beforeAll(async () => {
	await selectBackend({ backend: 'wasm' });
});

beforeEach(() => {
	models = mkdtempSync(join(tmpdir(), 'xr-sense-models-'));
	cpSync('public/models/fusion', join(models, 'fusion'), { recursive: true });
	cpSync('public/models/audio', join(models, 'audio'), { recursive: true });
	copyFileSync('public/models/manifest.json', manifestPath());
	return () => rmSync(models, { recursive: true, force: true });
});

describe('model files verified against the manifest', () => {
	it('intact files load and answer (the verified bytes are what tfjs gets)', async () => {
		const model = await FusionModel.load(fusion());
		const scenario = JSON.parse(readFileSync('test/fixtures/fusion/test.jsonl', 'utf8').split('\n')[0]) as Scenario;
		expect((await model.interpret(scenario)).intent).toBeTypeOf('string');
		model.dispose();
	});

	it('a truncated weights file: "truncated", with the bytes found and expected', async () => {
		writeFileSync(weights(), shipped('fusion/weights.bin').subarray(0, 1234));
		const error = await refusal(FusionModel.load(fusion()));
		expect(error.problem).toBe('truncated');
		expect(error.file).toMatch(/fusion\/weights\.bin$/);
		expect(error.message).toMatch(/fusion\/weights\.bin is truncated: 1,234 of 977,276 bytes/);
	});

	it('one flipped byte: "corrupted or a different version", with both hashes', async () => {
		const bytes = shipped('fusion/weights.bin');
		bytes[500_000] ^= 0x01;
		writeFileSync(weights(), bytes);
		const error = await refusal(FusionModel.load(fusion()));
		expect(error.problem).toBe('corrupted');
		const expected = (JSON.parse(readFileSync(manifestPath(), 'utf8')) as ModelManifest).files['fusion/weights.bin'];
		expect(error.message).toContain('fusion/weights.bin is corrupted or a different version');
		expect(error.message).toContain(`the manifest expects ${expected.sha256}`);
		expect(error.message).toMatch(/SHA-256 [0-9a-f]{64}/);
	});

	it('a flipped byte in model.json is caught before it is parsed', async () => {
		const json = shipped('fusion/model.json');
		json[100] ^= 0x20;
		writeFileSync(fusion(), json);
		expect((await refusal(FusionModel.load(fusion()))).message).toMatch(/fusion\/model\.json is corrupted/);
	});

	it("another model's file in its place is named as such", async () => {
		copyFileSync(join(models, 'audio/weights.bin'), weights());
		const error = await refusal(FusionModel.load(fusion()));
		expect(error.problem).toBe('another-file');
		const audioBytes = statSync(join(models, 'audio/weights.bin')).size.toLocaleString('en-US');
		expect(error.message).toContain(
			`fusion/weights.bin holds audio/weights.bin (${audioBytes} bytes of xr-sense/sound-events/2), not fusion/weights.bin (977,276 bytes of xr-sense-fusion/1)`,
		);
	});

	it('a missing file: "missing", with what was expected', async () => {
		rmSync(weights());
		const error = await refusal(FusionModel.load(fusion()));
		expect(error.problem).toBe('missing');
		expect(error.message).toMatch(/fusion\/weights\.bin is missing; expected 977,276 bytes of xr-sense-fusion\/1/);
	});

	it('a file the manifest does not list is refused, and the message says how to refresh it', async () => {
		const manifest = JSON.parse(readFileSync(manifestPath(), 'utf8')) as ModelManifest;
		delete manifest.files['fusion/weights.bin'];
		writeFileSync(manifestPath(), JSON.stringify(manifest));
		const error = await refusal(FusionModel.load(fusion()));
		expect(error.problem).toBe('unlisted');
		expect(error.message).toMatch(/fusion\/weights\.bin is not listed in the model manifest .*manifest\.json/);
		expect(error.message).toContain('npx tsx tools/manifest.ts');
	});

	it('a manifest entry of another model version is refused before the file is read', async () => {
		const manifest = JSON.parse(readFileSync(manifestPath(), 'utf8')) as ModelManifest;
		manifest.files['fusion/model.json'].model = 'xr-sense-fusion/2';
		writeFileSync(manifestPath(), JSON.stringify(manifest));
		const error = await refusal(FusionModel.load(fusion()));
		expect(error.problem).toBe('format');
		expect(error.message).toMatch(/belongs to a xr-sense-fusion\/2 model.*reads xr-sense-fusion\/1/);
	});

	it('no manifest: a clear error that names it; verify: false loads unverified', async () => {
		rmSync(manifestPath());
		const error = await refusal(FusionModel.load(fusion()));
		expect(error.problem).toBe('manifest');
		expect(error.message).toMatch(
			/the model manifest .*manifest\.json is missing, so .*model\.json cannot be verified/,
		);
		expect(error.message).toContain('verify: false');
		const model = await FusionModel.load(fusion(), { verify: false });
		model.dispose();
		// Unverified, a short weights file still fails clearly (no obscure tfjs error).
		writeFileSync(weights(), shipped('fusion/weights.bin').subarray(0, 1234));
		await expect(FusionModel.load(fusion(), { verify: false })).rejects.toThrow(/truncated or corrupt/);
	});

	it('the sound-event classifier checks its files the same way', async () => {
		const url = join(models, 'audio/model.json');
		const classifier = await new SoundEventClassifier().load(url);
		expect(classifier.isLoaded).toBe(true);
		classifier.dispose();
		const bytes = shipped('audio/weights.bin');
		bytes[0] ^= 0x80;
		writeFileSync(join(models, 'audio/weights.bin'), bytes);
		const error = await refusal(new SoundEventClassifier().load(url));
		expect(error.message).toMatch(/audio\/weights\.bin is corrupted or a different version/);
	});

	it('the detector loads verified files from a path, and refuses a corrupted .bin', async () => {
		copyFileSync(`${CENTERNET_FILES}.json`, join(models, 'centernet.json'));
		copyFileSync(`${CENTERNET_FILES}.bin`, join(models, 'centernet.bin'));
		const detector = new CenterNetDetector();
		await detector.load(join(models, 'centernet.json'));
		const frame = { data: new Uint8Array(64 * 64 * 4).fill(128), width: 64, height: 64 };
		expect(Array.isArray(await detector.detect(frame))).toBe(true);
		detector.dispose();
		const bin = readFileSync(`${CENTERNET_FILES}.bin`);
		writeFileSync(join(models, 'centernet.bin'), bin.subarray(0, bin.byteLength - 1));
		const error = await refusal(new CenterNetDetector().load(join(models, 'centernet.json')));
		expect(error.message).toMatch(/centernet\.bin is truncated: 4,030,289 of 4,030,290 bytes/);
	});
});
