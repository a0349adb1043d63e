/**
 * Re-points `test/fixtures/fusion/fixed-shape-model.json` (the network as saved before word and
 * object counts were left open) at newly shipped weights: the weight list and shapes, the
 * vocabulary size in its topology and the metadata come from `public/models/fusion/model.json`.
 * Run after every retrain: `npx tsx tools/fusion/refreshFixedShapeFixture.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const FIXTURE = 'test/fixtures/fusion/fixed-shape-model.json';
const SHIPPED = 'public/models/fusion/model.json';

interface WeightSpec {
	name: string;
	shape: number[];
}
interface ModelFile {
	modelTopology: { config: { layers: Array<{ class_name: string; config: Record<string, unknown> }> } };
	weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
	userDefinedMetadata: unknown;
}

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ModelFile;
const shipped = JSON.parse(readFileSync(SHIPPED, 'utf8')) as ModelFile;
const names = (m: ModelFile) => m.weightsManifest[0].weights.map((w) => w.name).join();
// Both files read one weights.bin, so the weights must be listed in the same order.
if (names(fixture) !== names(shipped))
	throw new Error(`${FIXTURE}: its weights differ from ${SHIPPED}'s in name or order`);
fixture.weightsManifest[0].weights = shipped.weightsManifest[0].weights;
const table = shipped.weightsManifest[0].weights.find((w) => w.name === 'embedding/table');
for (const layer of fixture.modelTopology.config.layers)
	if (layer.class_name === 'XrTokenEmbedding') layer.config.vocab_size = table?.shape[0];
fixture.userDefinedMetadata = shipped.userDefinedMetadata;
writeFileSync(FIXTURE, JSON.stringify(fixture));
console.log(`${FIXTURE}: re-pointed at ${SHIPPED} (vocabulary ${table?.shape[0]})`);
