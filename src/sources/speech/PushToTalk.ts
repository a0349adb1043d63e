import type { EventDispatcher, Object3D } from 'three';
import type { CaptureMonitor } from '../CaptureMonitor.js';
import type { Transcript, TranscriptSource, TranscriptSourceEventMap } from './TranscriptSource.js';
import { TranscriptSourceBase } from './TranscriptSource.js';

/** Which XR input event pair holds the talk button: the trigger/pinch ('select') or the grip ('squeeze'). */
export type PushToTalkButton = 'select' | 'squeeze';

export interface PushToTalkOptions {
	/** three.js controller groups (`renderer.xr.getController( i )`) or hands whose button holds to talk. */
	controllers?: Object3D[];
	/** Default 'squeeze' (grip), leaving the trigger for pointing; 'select' is a hand's pinch. */
	button?: PushToTalkButton;
	/** A keyboard key held to talk on desktop (`KeyboardEvent.code`, e.g. 'Space'); none by default. */
	key?: string;
	/** How long after release a late final result is still accepted, ms (default 2000). */
	graceMs?: number;
}

/**
 * Push-to-talk around another transcript source (usually {@link WebSpeechTranscriptSource}): the
 * inner source listens only while a controller button, a pinch or a key is held, and the
 * utterance ends at the release at the latest — which is when the head and pointer pose is taken.
 *
 * ```ts
 * const ptt = new PushToTalk( new WebSpeechTranscriptSource(), { controllers: [ renderer.xr.getController( 0 ) ] } );
 * hearing.addTranscriptSource( ptt );
 * ```
 */
export class PushToTalk extends TranscriptSourceBase {
	readonly kind = 'push-to-talk';
	readonly inner: TranscriptSource;
	/** True while the talk button is held. */
	held = false;
	private releasedAt: number | null = null;
	private enabled = false;
	private readonly graceMs: number;
	private readonly cleanups: Array<() => void> = [];

	constructor(inner: TranscriptSource, options: PushToTalkOptions = {}) {
		super();
		this.inner = inner;
		this.graceMs = options.graceMs ?? 2000;
		this.available = inner.available;
		this.reason = inner.reason;
		const button = options.button ?? 'squeeze';
		for (const controller of options.controllers ?? []) {
			const target = controller as unknown as EventDispatcher<Record<string, object>>;
			const down = () => this.press();
			const up = () => this.release();
			target.addEventListener(`${button}start`, down);
			target.addEventListener(`${button}end`, up);
			this.cleanups.push(() => {
				target.removeEventListener(`${button}start`, down);
				target.removeEventListener(`${button}end`, up);
			});
		}
		if (options.key && typeof window !== 'undefined') {
			const key = options.key;
			const down = (e: KeyboardEvent) => {
				if (e.code === key && !e.repeat && !isTyping(e)) this.press();
			};
			const up = (e: KeyboardEvent) => {
				if (e.code === key) this.release();
			};
			window.addEventListener('keydown', down);
			window.addEventListener('keyup', up);
			this.cleanups.push(() => {
				window.removeEventListener('keydown', down);
				window.removeEventListener('keyup', up);
			});
		}
		const onTranscript = (e: TranscriptSourceEventMap['transcript']) => this.forward(e.transcript, true);
		const onInterim = (e: TranscriptSourceEventMap['interim']) => this.forward(e.transcript, false);
		const onAvailability = (e: TranscriptSourceEventMap['availability']) => this.setAvailable(e.available, e.reason);
		inner.addEventListener('transcript', onTranscript);
		inner.addEventListener('interim', onInterim);
		inner.addEventListener('availability', onAvailability);
		this.cleanups.push(() => {
			inner.removeEventListener('transcript', onTranscript);
			inner.removeEventListener('interim', onInterim);
			inner.removeEventListener('availability', onAvailability);
		});
	}

	/** Arms the binding (button presses start the inner source). */
	start(): void {
		if (!this.available) {
			this.reportUnavailable();
			return;
		}
		this.enabled = true;
		this.setListening(true);
	}

	/** Disarms the binding and stops the inner source. */
	stop(): void {
		this.enabled = false;
		if (this.held) this.release();
		this.setListening(false);
	}

	/** The talk button went down. */
	press(): void {
		if (!this.enabled || this.held) return;
		if (!this.available) {
			this.reportUnavailable();
			return;
		}
		this.held = true;
		this.releasedAt = null;
		this.inner.start();
	}

	/** The talk button came up: the utterance has ended. */
	release(): void {
		if (!this.held) return;
		this.held = false;
		this.releasedAt = performance.now();
		this.inner.stop();
	}

	/** The inner source is the one that opens the microphone; it reports its own capture. */
	reportCaptureTo(monitor: CaptureMonitor | null): void {
		this.inner.reportCaptureTo?.(monitor);
	}

	dispose(): void {
		this.stop();
		this.inner.reportCaptureTo?.(null);
		for (const cleanup of this.cleanups.splice(0)) cleanup();
	}

	private forward(t: Transcript, final: boolean): void {
		const released = this.releasedAt;
		const late = released !== null && performance.now() - released > this.graceMs;
		if (!this.held && (released === null || late)) return;
		const time = released === null ? t.time : Math.min(t.time, released);
		if (final) this.emitTranscript(t.text, t.lang, time);
		else this.emitInterim(t.text, t.lang, time);
	}
}

function isTyping(e: KeyboardEvent): boolean {
	const el = e.target as HTMLElement | null;
	return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}
