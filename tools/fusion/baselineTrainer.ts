/**
 * Trains the reference-design baseline on the same episodes as the fusion model, within a time
 * budget, on the CPU backend (its Conv2D filter gradient has no WASM kernel).
 */
import * as tf from '@tensorflow/tfjs';
import type { Episode } from '../../src/fusion/episodes/generateEpisode.js';
import { MAX_OBJECTS } from '../../src/fusion/features.js';
import { type FusionAnswer, INTENTS, type Scenario } from '../../src/fusion/scenario.js';
import type { Vocabulary } from '../../src/perception/tokenizer.js';
import { Rng } from '../../src/runtime/Rng.js';
import { baselineInput, baselineTensors, buildBaselineNet } from './baseline.js';

export interface BaselineTrainOptions {
	batchSize: number;
	learningRate: number;
	seed: number;
	maxSeconds: number;
	onBatch?: (info: { batch: number; loss: number; seconds: number }) => void;
}

export async function trainBaseline(
	episodes: Episode[],
	vocab: Vocabulary,
	vocabSize: number,
	o: BaselineTrainOptions,
) {
	const rng = new Rng(o.seed);
	const random = Math.random;
	Math.random = () => rng.next();
	const net = buildBaselineNet(vocabSize);
	Math.random = random;
	const optimizer = tf.train.adam(o.learningRate);
	const start = performance.now();
	const losses: number[] = [];
	let seen = 0;
	for (let batch = 0; (performance.now() - start) / 1000 < o.maxSeconds; batch++) {
		const eps = Array.from({ length: o.batchSize }, () => episodes[rng.int(0, episodes.length - 1)]);
		const items = eps.map((e) => baselineInput(e.scenario, vocab));
		const inputs = baselineTensors(items);
		const slot = (id: string | null | undefined, ids: string[]) =>
			id && ids.includes(id) ? ids.indexOf(id) : MAX_OBJECTS;
		const yi = tf.tensor1d(
			eps.map((e) => INTENTS.indexOf(e.scenario.expect!.intent)),
			'int32',
		);
		const yt = tf.tensor1d(
			eps.map((e, i) => slot(e.scenario.expect!.target, items[i].ids)),
			'int32',
		);
		const yd = tf.tensor1d(
			eps.map((e, i) => slot(e.scenario.expect!.destination, items[i].ids)),
			'int32',
		);
		const lossT = optimizer.minimize(() => {
			const [li, lt, ld] = net.apply(inputs, { training: true }) as tf.Tensor[];
			const ce = (l: tf.Tensor, y: tf.Tensor, c: number) => tf.losses.softmaxCrossEntropy(tf.oneHot(y, c), l);
			return tf.addN([
				ce(li, yi, INTENTS.length),
				ce(lt, yt, MAX_OBJECTS + 1),
				tf.mul(ce(ld, yd, MAX_OBJECTS + 1), 0.5),
			]) as tf.Scalar;
		}, true)!;
		const loss = (await lossT.data())[0];
		tf.dispose([lossT, inputs, yi, yt, yd]);
		losses.push(loss);
		seen += o.batchSize;
		o.onBatch?.({ batch, loss, seconds: (performance.now() - start) / 1000 });
	}
	optimizer.dispose();
	return { net, losses, seen };
}

/** Answers of the baseline (argmax of each head; slot → id). */
export async function baselineAnswers(
	net: tf.LayersModel,
	scenarios: Scenario[],
	vocab: Vocabulary,
	batchSize = 16,
): Promise<FusionAnswer[]> {
	const out: FusionAnswer[] = [];
	for (let s = 0; s < scenarios.length; s += batchSize) {
		const items = scenarios.slice(s, s + batchSize).map((sc) => baselineInput(sc, vocab));
		const inputs = baselineTensors(items);
		const probs = tf.tidy(() => (net.predict(inputs) as tf.Tensor[]).map((t) => tf.softmax(t)));
		tf.dispose(inputs);
		const [pi, pt, pd] = await Promise.all(probs.map((t) => t.array() as Promise<number[][]>));
		tf.dispose(probs);
		items.forEach((item, i) => {
			const intentIdx = argmax(pi[i]);
			const t = argmax(pt[i]);
			const d = argmax(pd[i]);
			const intent = INTENTS[intentIdx];
			out.push({
				intent,
				target: intent !== 'none' && t < item.ids.length ? item.ids[t] : null,
				destination: intent === 'move' && d < item.ids.length ? item.ids[d] : null,
				confidence: pi[i][intentIdx] * pt[i][t],
			});
		});
	}
	return out;
}

function argmax(xs: number[]): number {
	let best = 0;
	for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
	return best;
}
