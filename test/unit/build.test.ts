import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../src/runtime/models/ModelManifest.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('npm run build:lib + build:types', () => {
	it('emits one ESM file that imports three and tfjs instead of bundling them, with declarations', () => {
		execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: root, stdio: 'pipe' });
		execFileSync('npm', ['run', '--silent', 'build:types'], { cwd: root, stdio: 'pipe' });
		const js = read('dist/lib/xr-sense.js');
		expect(js).toMatch(/from\s*["']three["']/);
		expect(js).toMatch(/from\s*["']@tensorflow\/tfjs["']/);
		// three's own source would define its classes; the library must not carry a second copy.
		expect(js).not.toMatch(/class\s+Vector3\b/);
		expect(js).toMatch(/export\s*\{[^}]*SceneUnderstanding/);
		// The import-map build: every bare import is three; the rest (tfjs, emulator) is its own chunks.
		const browserFiles = readdirSync(new URL('dist/lib/', root)).filter((f) => /^xr-sense\.browser.*\.js$/.test(f));
		expect(browserFiles).toContain('xr-sense.browser.js');
		const bare = new Set(
			browserFiles.flatMap((f) =>
				[...read(`dist/lib/${f}`).matchAll(/(?:\bfrom|\bimport\()\s*["'](@?[a-z][\w@/.-]*)["']/g)].map((m) => m[1]),
			),
		);
		expect([...bare]).toEqual(['three']);
		expect(existsSync(new URL('dist/types/index.d.ts', root))).toBe(true);
		expect(read('dist/types/SceneUnderstanding.d.ts')).toContain('declare class SceneUnderstanding');
		const pkg = JSON.parse(read('package.json'));
		expect(pkg.peerDependencies.three).toBeDefined();
		expect(pkg.dependencies.three).toBeUndefined();
		// The manifest ships beside the models, and every file it lists is there as it says.
		const manifest = JSON.parse(read('dist/lib/models/manifest.json')) as ModelManifest;
		expect(manifest).toEqual(JSON.parse(read('public/models/manifest.json')));
		for (const [name, entry] of Object.entries(manifest.files)) {
			const bytes = readFileSync(new URL(`dist/lib/models/${name}`, root));
			expect({ name, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({
				name,
				bytes: entry.bytes,
				sha256: entry.sha256,
			});
		}
	}, 120_000);
});
