/**
 * What `models/manifest.json` must say, computed from the model files on disk (Node only): every
 * file the plugin loads at run time, where the dev server and the library build serve it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUSION_FORMAT } from '../../src/fusion/FusionModel.js';
import { SOUND_EVENTS_FORMAT } from '../../src/perception/audio/SoundEventClassifier.js';
import { MANIFEST_FORMAT, type ModelFileEntry, type ModelManifest } from '../../src/runtime/models/ModelManifest.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the committed manifest lives (served at `models/manifest.json`, shipped by `build:lib`). */
export const MANIFEST_PATH = join(ROOT, 'public/models/manifest.json');

const HUMAN = join(ROOT, 'node_modules/@vladmandic/human');

/** A model: its `model.json` on disk, its key prefix in the manifest, and how to read its format from the json. */
interface ModelSource {
	/** Folder of the model.json on disk. */
	dir: string;
	/** The model.json's file name. */
	json: string;
	/** Prefix of the keys (the folder below `models/`, with a trailing slash, or ''). */
	prefix: string;
	/** The format string from the parsed model.json; throws if it is not the one the plugin reads. */
	format: (json: Record<string, unknown>) => string;
}

const SOURCES: ModelSource[] = [
	{
		dir: join(ROOT, 'public/models/fusion'),
		json: 'model.json',
		prefix: 'fusion/',
		format: (json) => (json.userDefinedMetadata as { format?: string } | undefined)?.format ?? 'unknown',
	},
	{
		dir: join(ROOT, 'public/models/audio'),
		json: 'model.json',
		prefix: 'audio/',
		format: (json) => `${json.format}/${json.version}`,
	},
	{
		// Served at models/centernet.{json,bin} (vite.config.ts): the model of the installed package version.
		dir: join(HUMAN, 'models'),
		json: 'centernet.json',
		prefix: '',
		format: () =>
			`centernet/@vladmandic/human@${JSON.parse(readFileSync(join(HUMAN, 'package.json'), 'utf8')).version}`,
	},
];

/** What each loader reads, so the manifest can never vouch for a file as a format the plugin refuses. */
const EXPECTED = [FUSION_FORMAT, SOUND_EVENTS_FORMAT, /^centernet\//];

function entry(path: string, model: string): ModelFileEntry {
	const bytes = readFileSync(path);
	return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), model };
}

/** The manifest for the model files now on disk. */
export function buildManifest(): ModelManifest {
	const files: Record<string, ModelFileEntry> = {};
	SOURCES.forEach((source, i) => {
		const jsonPath = join(source.dir, source.json);
		const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>;
		const model = source.format(json);
		const expected = EXPECTED[i];
		if (typeof expected === 'string' ? model !== expected : !expected.test(model))
			throw new Error(`${jsonPath} is a ${model} model; this version of xr-sense reads ${expected}`);
		files[source.prefix + source.json] = entry(jsonPath, model);
		const groups = (json.weightsManifest ?? []) as Array<{ paths: string[] }>;
		for (const path of groups.flatMap((g) => g.paths))
			files[source.prefix + path] = entry(join(source.dir, path), model);
	});
	return { format: MANIFEST_FORMAT, files };
}

/** The manifest as written to disk: two-space JSON and a final newline, so diffs stay readable. */
export function manifestText(manifest: ModelManifest): string {
	return `${JSON.stringify(manifest, null, 2)}\n`;
}
