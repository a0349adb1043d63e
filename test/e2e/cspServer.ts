import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.wasm': 'application/wasm',
	'.json': 'application/json',
	'.bin': 'application/octet-stream',
	'.css': 'text/css',
};

/** Builds the demo and the plain app (`vite build`) into `outDir`. */
export function buildDemo(outDir: string): void {
	execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
		cwd: new URL('../../', import.meta.url),
		stdio: 'pipe',
	});
}

/**
 * A strict Content-Security-Policy for a built page: scripts only from the page's origin (plus
 * `'wasm-unsafe-eval'`, which compiling WebAssembly needs — it does not allow `eval`), no inline
 * script, styles from the origin or the exact inline `<style>` blocks of the given HTML files,
 * requests only to the origin. `inlineStyles: true` relaxes styles alone (the emulator's dev UI
 * injects style elements).
 */
export function strictPolicy(root: string, htmlFiles: string[], { inlineStyles = false } = {}): string {
	const hashes = htmlFiles.flatMap((file) =>
		[...readFileSync(join(root, file), 'utf8').matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
			(m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
		),
	);
	return [
		"default-src 'none'",
		"script-src 'self' 'wasm-unsafe-eval'",
		`style-src 'self' ${inlineStyles ? "'unsafe-inline'" : hashes.join(' ')}`,
		"img-src 'self' data: blob:",
		"connect-src 'self' data: blob:",
		"worker-src 'self'",
		"media-src 'self' blob:",
		"font-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	].join('; ');
}

/** Serves `root` statically on 127.0.0.1 with `policy` as the Content-Security-Policy of every response (none when it is empty). */
export async function serveWithPolicy(root: string, policy: () => string): Promise<{ url: string; server: Server }> {
	const server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
		let file = normalize(join(root, path));
		if (file.endsWith('/')) file = join(file, 'index.html');
		if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
			res.writeHead(404).end();
			return;
		}
		const csp = policy();
		res.writeHead(200, {
			'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
			...(csp ? { 'Content-Security-Policy': csp } : {}),
		});
		createReadStream(file).pipe(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
