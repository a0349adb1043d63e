import { ModelFileError } from './ModelFileError.js';

/**
 * Where a model location points: a URL as it is, a relative URL against the page or worker, and in
 * Node a file path as a `file:` URL (relative to the working directory).
 */
export function resolveModelUrl(location: string, base?: string): URL {
	if (base) return new URL(location, base);
	if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return new URL(location);
	const here = (globalThis as { location?: { href: string } }).location?.href;
	if (here) return new URL(location, here);
	if (typeof process !== 'undefined' && typeof process.cwd === 'function')
		return new URL(location, `file://${process.cwd().replace(/\/?$/, '/')}`);
	throw new Error(`xr-sense: cannot tell where "${location}" is (no page URL to resolve it against)`);
}

/**
 * The bytes of one model file: `fetch` for http(s), blob and data URLs; the file system for `file:`
 * URLs in Node (whose `fetch` does not read files). A file that is not there is a
 * {@link ModelFileError} `missing`, naming it.
 */
export async function readModelBytes(url: URL): Promise<Uint8Array> {
	if (url.protocol === 'file:') {
		const fsName = 'node:fs/promises';
		// Kept out of browser bundles: only Node ever has file: model URLs.
		const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
		try {
			return new Uint8Array(await fs.readFile(url));
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT')
				throw new ModelFileError(url.href, 'missing', `xr-sense: model file ${url.href} is missing`);
			throw new ModelFileError(url.href, 'missing', `xr-sense: model file ${url.href} cannot be read (${code})`);
		}
	}
	let response: Response;
	try {
		response = await fetch(url);
	} catch (error) {
		throw new ModelFileError(
			url.href,
			'missing',
			`xr-sense: model file ${url.href} could not be fetched: ${(error as Error).message}`,
		);
	}
	if (!response.ok)
		throw new ModelFileError(
			url.href,
			'missing',
			`xr-sense: model file ${url.href} is missing (the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''})`,
		);
	return new Uint8Array(await response.arrayBuffer());
}
