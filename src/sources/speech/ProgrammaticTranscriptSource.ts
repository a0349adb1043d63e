import type { Lang } from '../../fusion/scenario.js';
import { TranscriptSourceBase } from './TranscriptSource.js';

/**
 * Transcripts handed in by code: the host's own speech recogniser, a test, the console. Always
 * available; `push` delivers text exactly as the other sources do.
 *
 * ```ts
 * const fromCode = new ProgrammaticTranscriptSource();
 * hearing.addTranscriptSource( fromCode );
 * myRecogniser.onResult = ( text ) => fromCode.push( text, { lang: 'zh-CN' } );
 * ```
 */
export class ProgrammaticTranscriptSource extends TranscriptSourceBase {
	readonly kind: string;
	private disposed = false;

	constructor(kind = 'api') {
		super();
		this.kind = kind;
	}

	start(): void {
		if (!this.disposed) this.setListening(true);
	}

	stop(): void {
		this.setListening(false);
	}

	/** Delivers `text` as a final transcript. Throws a TypeError for a non-string (a caller bug). */
	push(text: string, options: { lang?: Lang; time?: number } = {}): void {
		if (typeof text !== 'string') throw new TypeError('ProgrammaticTranscriptSource.push: text must be a string');
		if (this.disposed) return;
		this.emitTranscript(text, options.lang, options.time);
	}

	dispose(): void {
		this.stop();
		this.disposed = true;
	}
}
