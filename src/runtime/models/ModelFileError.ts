/** Why a model file was refused. */
export type ModelFileProblem =
	| 'missing'
	| 'truncated'
	| 'size'
	| 'corrupted'
	| 'another-file'
	| 'unlisted'
	| 'format'
	| 'manifest';

/**
 * A model file that must not be used: missing, truncated, corrupted, of another version, or not
 * vouched for by the manifest. The message names the file, what was expected and what was found;
 * `SceneUnderstanding` reports it in its `unavailable` event and leaves that one stage out.
 *
 * ```ts
 * try { await FusionModel.load( url ); } catch ( e ) { if ( e instanceof ModelFileError ) console.log( e.file, e.problem ); }
 * ```
 */
export class ModelFileError extends Error {
	override readonly name = 'ModelFileError';

	constructor(
		/** The file's URL (or path in Node). */
		readonly file: string,
		readonly problem: ModelFileProblem,
		message: string,
	) {
		super(message);
	}
}

/** `977276` → `977,276`: sizes people can read in a message. */
export function formatBytes(n: number): string {
	return n.toLocaleString('en-US');
}
