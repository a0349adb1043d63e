import { EventDispatcher } from 'three';
import type { Lang } from '../../fusion/scenario.js';
import type { CaptureMonitor } from '../CaptureMonitor.js';

/** One piece of recognised or typed text. */
export interface Transcript {
	text: string;
	/** BCP 47 tag, when the source knows it. */
	lang?: Lang;
	/** `performance.now()` time the utterance ended (the moment the pose should be taken). */
	time: number;
	/** Which kind of source produced it ('speech', 'typed', 'api', 'push-to-talk', …). */
	source: string;
}

/** Events every {@link TranscriptSource} dispatches. */
export interface TranscriptSourceEventMap {
	/** A final transcript: the one to interpret. */
	transcript: { transcript: Transcript };
	/** A partial result while the user is still speaking (display only). */
	interim: { transcript: Transcript };
	/** The source became available or unavailable; `reason` says why when it is not. */
	availability: { available: boolean; reason: string | null };
	/** Listening started / stopped. */
	start: object;
	end: object;
}

/**
 * Anything that turns what the user says or types into text: the Web Speech API, a text box, code,
 * push-to-talk around another source, or the host's own recogniser. A source never throws because
 * it cannot work here; it reports `available === false` with a `reason` and an `availability` event.
 *
 * ```ts
 * const source: TranscriptSource = new WebSpeechTranscriptSource( { lang: 'zh-CN' } );
 * if ( ! source.available ) showNote( source.reason );
 * source.addEventListener( 'transcript', ( e ) => sense.handleTranscript( e.transcript.text ) );
 * source.start();
 * ```
 */
export interface TranscriptSource extends EventDispatcher<TranscriptSourceEventMap> {
	/** What kind of source this is; copied into each transcript's `source`. */
	readonly kind: string;
	readonly available: boolean;
	/** Why the source is unavailable, or null. */
	readonly reason: string | null;
	/** True while listening. */
	readonly listening: boolean;
	/** Starts listening (no-op, with an `availability` event, when unavailable). */
	start(): void;
	/** Stops listening; a pending utterance may still be delivered. */
	stop(): void;
	/**
	 * For a source that opens the user's microphone itself (the Web Speech API does): report it on
	 * `monitor` (`sense.capture`) while it captures, so the indicator shows; `null` detaches. The
	 * hearing stage attaches its sources; a host using a source on its own may call it.
	 */
	reportCaptureTo?(monitor: CaptureMonitor | null): void;
	dispose(): void;
}

/**
 * Shared bookkeeping for sources: availability, listening state and emitting transcripts.
 */
export abstract class TranscriptSourceBase
	extends EventDispatcher<TranscriptSourceEventMap>
	implements TranscriptSource
{
	abstract readonly kind: string;
	available = true;
	reason: string | null = null;
	listening = false;

	abstract start(): void;
	abstract stop(): void;
	abstract dispose(): void;

	/** Marks the source (un)available and tells listeners; does nothing if nothing changed. */
	protected setAvailable(available: boolean, reason: string | null = null): void {
		if (available === this.available && reason === this.reason) return;
		this.available = available;
		this.reason = available ? null : reason;
		this.dispatchEvent({ type: 'availability', available, reason: this.reason });
	}

	/** Tells listeners the source cannot start, without throwing. */
	protected reportUnavailable(): void {
		this.dispatchEvent({ type: 'availability', available: false, reason: this.reason });
	}

	protected setListening(listening: boolean): void {
		if (listening === this.listening) return;
		this.listening = listening;
		this.dispatchEvent({ type: listening ? 'start' : 'end' });
	}

	/** Emits a final transcript (ignored when blank after trimming). */
	protected emitTranscript(text: string, lang?: Lang, time = performance.now()): void {
		const trimmed = text.trim();
		if (!trimmed) return;
		this.dispatchEvent({ type: 'transcript', transcript: { text: trimmed, lang, time, source: this.kind } });
	}

	protected emitInterim(text: string, lang?: Lang, time = performance.now()): void {
		this.dispatchEvent({ type: 'interim', transcript: { text, lang, time, source: this.kind } });
	}
}
