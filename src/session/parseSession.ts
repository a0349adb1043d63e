import { SessionFormatError } from './SessionFormatError.js';
import {
	SESSION_FORMAT,
	SESSION_VERSION,
	type Session,
	type SessionHeader,
	type SessionRecord,
} from './sessionFormat.js';

const KINDS = new Set(['pose', 'frame', 'detections', 'tracks', 'sound', 'analysis', 'transcript', 'answer', 'action']);

/**
 * Reads a session file (JSON Lines): checks the header (format and version) and that every record
 * is an object with a finite `t` and a known `kind`. Throws a {@link SessionFormatError} naming the
 * line otherwise. Pure: runs in Node and in browsers.
 *
 * ```ts
 * const session = parseSession( readFileSync( 'test/fixtures/sessions/living-room.jsonl', 'utf8' ) );
 * session.records.filter( ( r ) => r.kind === 'transcript' ).map( ( r ) => r.text );
 * ```
 */
export function parseSession(text: string): Session {
	const lines = text.split('\n');
	let header: SessionHeader | null = null;
	const records: SessionRecord[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (error) {
			throw new SessionFormatError(i + 1, `not JSON (${(error as Error).message})`);
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value))
			throw new SessionFormatError(i + 1, 'a record must be a JSON object');
		const record = value as Record<string, unknown>;
		if (!header) {
			if (record.format !== SESSION_FORMAT)
				throw new SessionFormatError(i + 1, `the first line must be the header { format: '${SESSION_FORMAT}', … }`);
			if (record.version !== SESSION_VERSION)
				throw new SessionFormatError(
					i + 1,
					`version ${JSON.stringify(record.version)} is not supported (this reader reads version ${SESSION_VERSION})`,
				);
			if (!Array.isArray((record.scene as SessionHeader['scene'] | undefined)?.objects))
				throw new SessionFormatError(i + 1, 'the header has no scene.objects list');
			header = record as unknown as SessionHeader;
			continue;
		}
		if (typeof record.t !== 'number' || !Number.isFinite(record.t))
			throw new SessionFormatError(i + 1, 'a record needs a finite time "t" (ms from the start)');
		if (typeof record.kind !== 'string' || !KINDS.has(record.kind))
			throw new SessionFormatError(i + 1, `unknown record kind ${JSON.stringify(record.kind)}`);
		if (record.kind === 'transcript' && typeof record.text !== 'string')
			throw new SessionFormatError(i + 1, 'a transcript record needs its "text"');
		records.push(record as unknown as SessionRecord);
	}
	if (!header) throw new SessionFormatError(1, 'empty file: no header line');
	return { header, records };
}

/** Writes a session as JSON Lines: the header, then one record per line. */
export function formatSession(session: Session): string {
	return `${[session.header, ...session.records].map((r) => JSON.stringify(r)).join('\n')}\n`;
}
