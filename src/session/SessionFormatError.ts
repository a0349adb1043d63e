/**
 * A session file that cannot be read: `line` (1-based) is where, the message says what is wrong.
 *
 * ```ts
 * try { parseSession( text ); } catch ( e ) { if ( e instanceof SessionFormatError ) console.log( e.line ); }
 * ```
 */
export class SessionFormatError extends Error {
	constructor(
		readonly line: number,
		readonly problem: string,
	) {
		super(`xr-sense session, line ${line}: ${problem}`);
		this.name = 'SessionFormatError';
	}
}
