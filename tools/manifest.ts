/**
 * `npx tsx tools/manifest.ts`: writes `public/models/manifest.json` — size, SHA-256 and model
 * format of every model file the plugin loads — from the files on disk. Run it after training
 * (`npm run train`, `tsx tools/train-audio.ts`) or after updating @vladmandic/human; the loaders
 * refuse files the manifest does not vouch for, and a unit test fails while it is out of date.
 *
 *   npx tsx tools/manifest.ts           write the manifest
 *   npx tsx tools/manifest.ts --check   exit 1 (and say which files differ) if it is out of date
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseCommand } from './_cli.js';
import { buildManifest, MANIFEST_PATH, manifestText, ROOT } from './manifest/buildManifest.js';

const { values } = parseCommand({
	name: 'manifest',
	summary: 'Writes public/models/manifest.json (size, SHA-256 and format of every model file) from the files on disk.',
	options: { check: { type: 'boolean', default: false, help: 'only check that the committed manifest is up to date' } },
	details: ['Exit codes: 0 written or up to date, 1 out of date (with --check), 2 bad arguments.'],
});

const wanted = buildManifest();
const where = relative(ROOT, MANIFEST_PATH);
if (values.check) {
	const now = existsSync(MANIFEST_PATH) ? readFileSync(MANIFEST_PATH, 'utf8') : '';
	if (now === manifestText(wanted)) {
		console.log(`${where} is up to date (${Object.keys(wanted.files).length} files)`);
	} else {
		const old = now ? (JSON.parse(now).files ?? {}) : {};
		const keys = new Set([...Object.keys(old), ...Object.keys(wanted.files)]);
		const differ = [...keys].filter((k) => JSON.stringify(old[k]) !== JSON.stringify(wanted.files[k]));
		console.error(`${where} is out of date (${differ.join(', ') || 'format'}); run npx tsx tools/manifest.ts`);
		process.exitCode = 1;
	}
} else {
	writeFileSync(MANIFEST_PATH, manifestText(wanted));
	for (const [name, e] of Object.entries(wanted.files))
		console.log(`${name.padEnd(20)} ${String(e.bytes).padStart(9)} B  ${e.sha256.slice(0, 16)}…  ${e.model}`);
	console.log(`wrote ${where}`);
}
