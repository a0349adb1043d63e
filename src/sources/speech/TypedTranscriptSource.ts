import type { Lang } from '../../fusion/scenario.js';
import { TranscriptSourceBase } from './TranscriptSource.js';

export interface TypedTranscriptSourceOptions {
	/** An input or textarea to read; when absent a small text box is created in `container`. */
	input?: HTMLInputElement | HTMLTextAreaElement;
	/** Where the created text box goes (default `document.body`). */
	container?: HTMLElement;
	/** Placeholder of the created box. */
	placeholder?: string;
	/** Language of typed text, when known (otherwise the model detects it). */
	lang?: Lang;
}

/**
 * Typed commands: Enter in a text box delivers its text as a transcript and clears it. The desktop
 * fallback wherever speech recognition is missing. Unavailable (with a reason) without a DOM.
 *
 * ```ts
 * const typed = new TypedTranscriptSource( { placeholder: 'Type a command' } );
 * typed.addEventListener( 'transcript', ( e ) => sense.handleTranscript( e.transcript.text ) );
 * typed.start();
 * ```
 */
export class TypedTranscriptSource extends TranscriptSourceBase {
	readonly kind = 'typed';
	/** The text box read, or null without a DOM. */
	readonly input: HTMLInputElement | HTMLTextAreaElement | null;
	private readonly created: HTMLElement | null = null;
	private readonly lang?: Lang;
	private readonly onKeyDown = (event: Event) => {
		const e = event as KeyboardEvent;
		if (e.key !== 'Enter' || e.shiftKey || e.isComposing || !this.listening || !this.input) return;
		e.preventDefault();
		const text = this.input.value;
		this.input.value = '';
		this.emitTranscript(text, this.lang);
	};

	constructor(options: TypedTranscriptSourceOptions = {}) {
		super();
		this.lang = options.lang;
		if (options.input) this.input = options.input;
		else if (typeof document !== 'undefined') {
			const input = document.createElement('input');
			input.type = 'text';
			input.placeholder = options.placeholder ?? 'Type a command and press Enter';
			input.setAttribute('aria-label', 'Command');
			input.className = 'xr-sense-typed-command';
			(options.container ?? document.body).appendChild(input);
			this.input = input;
			this.created = input;
		} else {
			this.input = null;
			this.setAvailable(false, 'no document to put a text box in');
		}
		this.input?.addEventListener('keydown', this.onKeyDown);
	}

	start(): void {
		if (!this.available) {
			this.reportUnavailable();
			return;
		}
		this.setListening(true);
	}

	stop(): void {
		this.setListening(false);
	}

	/** Delivers text as if typed and submitted. */
	submit(text: string): void {
		this.emitTranscript(text, this.lang);
	}

	dispose(): void {
		this.stop();
		this.input?.removeEventListener('keydown', this.onKeyDown);
		this.created?.remove();
	}
}
