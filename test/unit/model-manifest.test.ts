import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/runtime/models/ModelManifest.js';
import { buildManifest, MANIFEST_PATH, manifestText } from '../../tools/manifest/buildManifest.js';

describe('public/models/manifest.json', () => {
	it('agrees with the model files on disk (after a retrain: npx tsx tools/manifest.ts)', () => {
		const committed = readFileSync(MANIFEST_PATH, 'utf8');
		const wanted = buildManifest();
		// Compared entry by entry first, so a failure names the file that changed.
		expect(parseManifest(committed, MANIFEST_PATH).files).toEqual(wanted.files);
		expect(committed).toBe(manifestText(wanted));
	});

	it('lists every file the loaders read, with the formats they read', () => {
		const { files } = buildManifest();
		expect(Object.keys(files).sort()).toEqual([
			'audio/model.json',
			'audio/weights.bin',
			'centernet.bin',
			'centernet.json',
			'fusion/model.json',
			'fusion/weights.bin',
		]);
		expect(files['fusion/weights.bin'].model).toBe('xr-sense-fusion/1');
		expect(files['audio/weights.bin'].model).toBe('xr-sense/sound-events/2');
		expect(files['centernet.bin'].model).toMatch(/^centernet\/@vladmandic\/human@\d/);
	});

	it('refuses a manifest of another format or with a malformed entry', () => {
		expect(() => parseManifest('{"format":"other/1","files":{}}', 'm.json')).toThrow(/not an xr-sense model manifest/);
		expect(() => parseManifest('{"format":"xr-sense-models/1","files":{"a.bin":{"bytes":1}}}', 'm.json')).toThrow(
			/malformed entry for a\.bin/,
		);
		expect(() => parseManifest('{', 'm.json')).toThrow(/m\.json is not JSON/);
	});
});
