import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toTensors } from '../../src/fusion/batch.js';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import { FusionStage } from '../../src/fusion/FusionStage.js';
import { extractFeatures, PAIR_FEATURES } from '../../src/fusion/features.js';
import { INTENTS, type Scenario } from '../../src/fusion/scenario.js';
import { vocabSize } from '../../src/perception/tokenizer.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import type { SceneUnderstanding } from '../../src/SceneUnderstanding.js';
import { generateEpisodes, LABEL_CLASSES, toDataset } from '../../tools/fusion/dataset.js';
import { saveModel } from '../../tools/fusion/modelFiles.js';
import { score } from '../../tools/fusion/score.js';
import { seededNet, train } from '../../tools/fusion/trainer.js';
import { fusionVocabulary } from '../../tools/fusion/vocabulary.js';

const SHIPPED = 'public/models/fusion/model.json';
const fixture = (): Scenario[] =>
	readFileSync('test/fixtures/fusion/test.jsonl', 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l));

beforeAll(async () => {
	await selectBackend({ backend: 'wasm' });
});

describe('fusion network', () => {
	const episodes = generateEpisodes('train', 256, 3);
	const vocab = fusionVocabulary(episodes);
	const meta = { format: 'xr-sense-fusion/1' as const, vocab, labelClasses: LABEL_CLASSES };

	it('round-trips: save → load → same outputs', async () => {
		const net = seededNet(7, vocabSize(vocab), LABEL_CLASSES.length);
		const dir = mkdtempSync(join(tmpdir(), 'fusion-'));
		await saveModel(net, dir, meta);
		// A scratch folder has no manifest: a fresh model is loaded unverified.
		const loaded = await FusionModel.load(join(dir, 'model.json'), { verify: false });
		const inputs = toTensors(episodes.slice(0, 8).map((e) => extractFeatures(e.scenario, vocab)));
		const a = net.predict(inputs) as tf.Tensor[];
		const b = loaded.net.predict(inputs) as tf.Tensor[];
		for (let i = 0; i < a.length; i++) {
			const diff = (await tf.max(tf.abs(tf.sub(a[i], b[i]))).data())[0];
			expect(diff).toBeLessThan(1e-5);
		}
		tf.dispose([...a, ...b, ...inputs]);
		const answers = await loaded.interpretBatch(episodes.slice(0, 3).map((e) => e.scenario));
		expect(answers).toHaveLength(3);
		loaded.dispose();
		net.dispose();
	});

	it('dispose() releases every weight, the shared embedding table included (no tensor left)', async () => {
		const before = tf.memory().numTensors;
		const model = await FusionModel.load(SHIPPED);
		expect(tf.memory().numTensors).toBeGreaterThan(before);
		model.dispose();
		expect(tf.memory().numTensors).toBe(before);
		model.dispose();
	});

	it('a tight batch (cut to its longest utterance and largest scene) gives the padded answers', async () => {
		const model = await FusionModel.load(SHIPPED);
		const scenes = fixture();
		const features = scenes.map((s) => extractFeatures(s, model.metadata.vocab));
		// The reference: every scene padded to 24 words and 16 objects, through predict.
		const fullIntent: number[][] = [];
		const fullTarget: number[][] = [];
		for (let start = 0; start < features.length; start += 100) {
			const inputs = toTensors(features.slice(start, start + 100), 'full');
			const out = model.net.predict(inputs) as tf.Tensor[];
			fullIntent.push(...((await tf.softmax(out[0]).array()) as number[][]));
			fullTarget.push(...((await tf.softmax(out[1]).array()) as number[][]));
			tf.dispose([...inputs, ...out]);
		}
		// 64 at once: cut to the largest of mixed sizes; 1 at a time: each cut to its own size.
		let worst = 0;
		for (const size of [64, 1]) {
			const explained = await model.explainBatch(scenes, size);
			explained.forEach((e, i) => {
				expect(e.intent).toBe(INTENTS[fullIntent[i].indexOf(Math.max(...fullIntent[i]))]);
				for (const [slot, id] of features[i].ids.entries())
					worst = Math.max(worst, Math.abs(e.targets[id] - fullTarget[i][slot]));
			});
		}
		expect(scenes).toHaveLength(600);
		expect(worst).toBeLessThan(1e-4);
		const one = toTensors([features[0]], 'tight');
		const words = Array.from(features[0].tokens).filter((t) => t !== 0).length;
		expect(one[0].shape).toEqual([1, Math.max(1, words)]);
		expect(one[5].shape).toEqual([1, features[0].ids.length, features[0].ids.length, PAIR_FEATURES]);
		tf.dispose(one);
		model.dispose();
	});

	it('still runs a model saved with fixed word and object counts, padded, with the same answers', async () => {
		const shipped = await FusionModel.load(SHIPPED);
		const old = await FusionModel.load('test/fixtures/fusion/fixed-shape-model.json', { verify: false });
		expect(old.net.inputs.map((s) => s.shape[1])).toEqual([24, 24, 48, 16, 16, 16, 16]);
		const scenes = fixture().slice(0, 40);
		const a = await shipped.explainBatch(scenes, 1);
		const b = await old.explainBatch(scenes, 1);
		b.forEach((e, i) => {
			expect({ intent: e.intent, target: e.target, destination: e.destination }).toEqual({
				intent: a[i].intent,
				target: a[i].target,
				destination: a[i].destination,
			});
			for (const [id, p] of Object.entries(a[i].targets)) expect(e.targets[id]).toBeCloseTo(p, 4);
		});
		shipped.dispose();
		old.dispose();
	});

	it('a short training run lowers the loss', async () => {
		const net = seededNet(5, vocabSize(vocab), LABEL_CLASSES.length);
		const losses = await train(net, toDataset(episodes, vocab), {
			epochs: 3,
			batchSize: 32,
			learningRate: 0.003,
			seed: 5,
			vocabSize: vocabSize(vocab),
			labelClasses: LABEL_CLASSES.length,
		});
		const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
		expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)) * 0.8);
		net.dispose();
	});
});

describe('FusionModel', () => {
	it('the shipped weights meet the floor on the fixed test file', async () => {
		const model = await FusionModel.load(SHIPPED);
		const scenarios = fixture();
		const report = score(scenarios, await model.interpretBatch(scenarios));
		expect(report.overall.n).toBe(scenarios.length);
		expect(report.overall.intent).toBeGreaterThan(FLOOR.intent);
		expect(report.overall.target).toBeGreaterThan(FLOOR.target);
		model.dispose();
	});

	it('answers in the schema shape, with null target for chit-chat', async () => {
		const model = await FusionModel.load(SHIPPED);
		const none = fixture().filter((s) => s.expect?.intent === 'none');
		const answers = await model.interpretBatch(none);
		for (const a of answers) {
			expect(a.confidence).toBeGreaterThanOrEqual(0);
			expect(a.confidence).toBeLessThanOrEqual(1);
			if (a.intent === 'none') expect(a.target).toBeNull();
			if (a.intent !== 'move') expect(a.destination).toBeNull();
		}
		model.dispose();
	});

	it('rejects a malformed scenario with a clear error', async () => {
		const model = await FusionModel.load(SHIPPED);
		const bad = { ...fixture()[0], objects: [{ id: 'x', label: 'cup', position: [0, 'a', 0] }] } as unknown as Scenario;
		await expect(model.interpret(bad)).rejects.toThrow(/invalid scenario "test-000000.*objects\[0\]\.position/);
		await expect(model.interpret(null as unknown as Scenario)).rejects.toThrow(/invalid scenario/);
		model.dispose();
		await expect(model.interpret(fixture()[0])).rejects.toThrow(/after dispose/);
	});

	it('gives clear errors for missing and corrupt weights', async () => {
		await expect(FusionModel.load('/nonexistent/model.json')).rejects.toThrow(
			/model manifest file:\/\/\/manifest\.json is missing, so file:\/\/\/nonexistent\/model\.json cannot be verified/,
		);
		await expect(FusionModel.load('/nonexistent/model.json', { verify: false })).rejects.toThrow(
			/\/nonexistent\/model\.json is missing/,
		);
		const dir = mkdtempSync(join(tmpdir(), 'fusion-bad-'));
		copyFileSync(SHIPPED, join(dir, 'model.json'));
		writeFileSync(join(dir, 'weights.bin'), readFileSync('public/models/fusion/weights.bin').subarray(0, 1000));
		await expect(FusionModel.load(join(dir, 'model.json'), { verify: false })).rejects.toThrow(/truncated or corrupt/);
		writeFileSync(join(dir, 'model.json'), '{"not": "a model"');
		await expect(FusionModel.load(join(dir, 'model.json'), { verify: false })).rejects.toThrow(/could not load/);
	});

	it('FusionStage loads from modelsPath and becomes the interpreter', async () => {
		const sense = { modelsPath: 'public/models/', interpreter: null } as unknown as SceneUnderstanding;
		const stage = new FusionStage();
		const progress: number[] = [];
		await stage.load(sense, (f) => progress.push(f));
		expect(sense.interpreter).toBe(stage.model);
		expect(progress.at(-1)).toBe(1);
		const answer = await sense.interpreter!.interpret(fixture()[0]);
		expect(answer.intent).toBeTypeOf('string');
		stage.dispose();
		expect(sense.interpreter).toBeNull();
		await expect(new FusionStage({ url: 'missing/model.json' }).load(sense)).rejects.toThrow(/missing\/model\.json/);
	});
});

/** Set a little below what the shipped weights measure on the fixture (see README). */
const FLOOR = { intent: 0.95, target: 0.9 };
