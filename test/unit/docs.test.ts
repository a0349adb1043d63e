import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const out = mkdtempSync(join(tmpdir(), 'xr-sense-docs-'));

describe('npm run docs', () => {
	afterAll(() => rmSync(out, { recursive: true, force: true }));

	it('generates the API reference from the TSDoc of the public API, usage snippets included', () => {
		execFileSync('npx', ['typedoc', '--out', out, '--logLevel', 'Error'], { cwd: root, stdio: 'pipe' });
		const page = join(out, 'classes', 'SceneUnderstanding.html');
		expect(existsSync(page)).toBe(true);
		// Text only: the highlighter wraps each token of a code snippet in its own span.
		const text = readFileSync(page, 'utf8').replace(/<[^>]*>/g, '');
		// The class's TSDoc usage snippet and a documented member make it into the page.
		expect(text).toContain('new SceneUnderstanding( { renderer, scene, camera } )');
		expect(text).toContain('handleTranscript');
		for (const name of ['VisionStage', 'HearingStage', 'FusionStage', 'ActionStage', 'FusionModel']) {
			expect(existsSync(join(out, 'classes', `${name}.html`)), name).toBe(true);
		}
	}, 180_000);
});
