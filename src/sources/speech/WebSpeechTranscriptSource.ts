import type { Lang } from '../../fusion/scenario.js';
import { lookupTable } from '../../runtime/lookupTable.js';
import type { CaptureMonitor } from '../CaptureMonitor.js';
import { TranscriptSourceBase } from './TranscriptSource.js';

/** The part of the Web Speech API's `SpeechRecognition` this source uses. */
export interface SpeechRecognitionLike extends EventTarget {
	lang: string;
	continuous: boolean;
	interimResults: boolean;
	maxAlternatives: number;
	start(): void;
	stop(): void;
	abort(): void;
}

export type SpeechRecognitionConstructor = new () => SpeechRecognitionLike;

/** On-device recognition in the Web Speech API (Chrome 139+): `processLocally`, `available()`, `install()`. */
interface OnDeviceRecognitionClass {
	available?(options: { langs: string[]; processLocally: boolean }): Promise<string>;
	install?(options: { langs: string[]; processLocally: boolean }): Promise<boolean>;
}

const SERVER_ONLY =
	"this browser's speech recognition may send the user's audio to a speech service (it offers no on-device mode); pass { serverRecognition: true } to allow that";

interface ResultEventLike extends Event {
	resultIndex: number;
	results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}

export interface WebSpeechTranscriptSourceOptions {
	/** Recognition language (default 'en-US'; 'zh-CN' for Mandarin). */
	lang?: 'en-US' | 'zh-CN' | Lang;
	/**
	 * The recogniser class; defaults to the browser's `SpeechRecognition` / `webkitSpeechRecognition`.
	 * A host can pass any implementation of the same interface (an on-device polyfill).
	 */
	recognition?: SpeechRecognitionConstructor | null;
	/**
	 * Allow recognition that may run on a server (default false). Chrome's Web Speech recognition
	 * streams the microphone to a speech service unless it is asked to process locally, so by default
	 * the source asks for on-device recognition (`processLocally`) and is unavailable, with a reason,
	 * where the browser cannot promise it. A `recognition` class passed in without `available()` is
	 * the host's own choice and is used as it is.
	 */
	serverRecognition?: boolean;
}

/** Recognition errors after which retrying is pointless. */
const FATAL: Record<string, string> = lookupTable({
	'not-allowed': 'microphone permission was denied',
	'service-not-allowed': 'speech recognition is not allowed here',
	'language-not-supported': 'the recognition language is not supported',
	'audio-capture': 'no microphone could be opened',
	network: 'the speech recognition service could not be reached',
});

/**
 * Speech recognition through the Web Speech API, continuous with interim results, in English or
 * Chinese, on the device: it asks for `processLocally` and checks `SpeechRecognition.available()`
 * for the language before it starts. Where the API is missing (Firefox, headless browsers, most
 * headsets) or could only recognise on a server (`serverRecognition: true` allows that), the source
 * is unavailable with a reason; typed and programmatic sources keep working.
 *
 * ```ts
 * const speech = new WebSpeechTranscriptSource( { lang: 'zh-CN' } );
 * speech.addEventListener( 'interim', ( e ) => caption.textContent = e.transcript.text );
 * speech.addEventListener( 'transcript', ( e ) => sense.handleTranscript( e.transcript.text, { lang: e.transcript.lang } ) );
 * speech.reportCaptureTo( sense.capture ); // the hearing stage does this for its own sources
 * speech.start();
 * ```
 *
 * While recognition runs the browser captures the microphone, so the source holds `'microphone'`
 * on the monitor given to {@link reportCaptureTo} from `start()` until recognition ends, fails,
 * is stopped or the source is disposed.
 */
export class WebSpeechTranscriptSource extends TranscriptSourceBase {
	readonly kind = 'speech';
	private readonly recognition: SpeechRecognitionLike | null = null;
	private wanted = false;
	private speechEnd: number | null = null;
	private language: Lang;
	private monitor: CaptureMonitor | null = null;
	/** The recogniser's class when recognition must stay on the device; null when it need not. */
	private onDevice: OnDeviceRecognitionClass | null = null;
	/** The language on-device recognition was found ready for. */
	private localLang: Lang | null = null;
	private checking = false;
	private disposed = false;

	constructor(options: WebSpeechTranscriptSourceOptions = {}) {
		super();
		this.language = (options.lang ?? 'en-US') as Lang;
		const browsers = options.recognition === undefined;
		const Recognition = browsers ? findRecognition() : options.recognition;
		if (!Recognition) {
			this.setAvailable(false, 'speech recognition (Web Speech API) is not available in this browser');
			return;
		}
		try {
			this.recognition = new Recognition();
		} catch (error) {
			this.setAvailable(false, `speech recognition could not start: ${(error as Error).message}`);
			return;
		}
		const r = this.recognition;
		const local = Recognition as unknown as OnDeviceRecognitionClass;
		if (!options.serverRecognition && (browsers || typeof local.available === 'function')) {
			if (typeof local.available !== 'function' || !('processLocally' in r)) {
				this.setAvailable(false, SERVER_ONLY);
				return;
			}
			(r as SpeechRecognitionLike & { processLocally: boolean }).processLocally = true;
			this.onDevice = local;
		}
		r.continuous = true;
		r.interimResults = true;
		r.maxAlternatives = 1;
		r.lang = this.language;
		r.addEventListener('result', this.onResult);
		r.addEventListener('speechend', this.onSpeechEnd);
		r.addEventListener('error', this.onError);
		r.addEventListener('end', this.onEnd);
	}

	/** Recognition language; takes effect at the next start. */
	get lang(): Lang {
		return this.language;
	}

	set lang(value: Lang) {
		this.language = value;
		if (this.recognition) this.recognition.lang = value;
	}

	start(): void {
		if (!this.available || !this.recognition) {
			this.reportUnavailable();
			return;
		}
		this.wanted = true;
		if (this.listening) return;
		if (this.onDevice && this.localLang !== this.language) {
			void this.checkOnDevice(this.onDevice);
			return;
		}
		try {
			this.recognition.start();
			this.setListening(true);
		} catch (error) {
			// Already started (InvalidStateError) is fine; anything else makes the source unavailable.
			if ((error as DOMException).name !== 'InvalidStateError') {
				this.setAvailable(false, `speech recognition could not start: ${(error as Error).message}`);
			}
		}
	}

	/**
	 * Installs the on-device language pack for the current language where the browser offers one to
	 * download (the `availability` reason says so); resolves true once recognition can start.
	 */
	async installLanguage(): Promise<boolean> {
		const install = this.onDevice?.install;
		if (!install) return this.available;
		const lang = this.language;
		const ok = await install.call(this.onDevice, { langs: [lang], processLocally: true }).catch(() => false);
		if (ok && !this.disposed) {
			this.localLang = lang;
			this.setAvailable(true);
		}
		return ok;
	}

	/** Asks the browser whether on-device recognition is ready for the language, then starts if still wanted. */
	private async checkOnDevice(onDevice: OnDeviceRecognitionClass): Promise<void> {
		if (this.checking) return;
		this.checking = true;
		const lang = this.language;
		const status = await onDevice
			.available!.call(onDevice, { langs: [lang], processLocally: true })
			.catch((error: Error) => `unavailable (${error.message})`);
		this.checking = false;
		if (this.disposed) return;
		if (status === 'available') {
			this.localLang = lang;
			if (this.wanted) this.start();
			return;
		}
		this.wanted = false;
		const install = status === 'downloadable' ? ': call installLanguage() to download its language pack' : '';
		this.setAvailable(false, `on-device speech recognition for ${lang} is ${status}${install}`);
	}

	stop(): void {
		this.wanted = false;
		this.recognition?.stop();
	}

	reportCaptureTo(monitor: CaptureMonitor | null): void {
		if (monitor === this.monitor) return;
		this.monitor?.release(this);
		this.monitor = monitor;
		if (this.listening) monitor?.hold(this, 'microphone');
	}

	/** Listening is capturing: the microphone is held on the monitor exactly while recognition runs. */
	protected override setListening(listening: boolean): void {
		super.setListening(listening);
		if (listening) this.monitor?.hold(this, 'microphone');
		else this.monitor?.release(this);
	}

	dispose(): void {
		this.wanted = false;
		this.disposed = true;
		const r = this.recognition;
		if (!r) return;
		r.removeEventListener('result', this.onResult);
		r.removeEventListener('speechend', this.onSpeechEnd);
		r.removeEventListener('error', this.onError);
		r.removeEventListener('end', this.onEnd);
		r.abort();
		this.setListening(false);
		this.reportCaptureTo(null);
	}

	private readonly onResult = (event: Event) => {
		const e = event as ResultEventLike;
		for (let i = e.resultIndex; i < e.results.length; i++) {
			const result = e.results[i];
			const text = result[0]?.transcript ?? '';
			if (result.isFinal) {
				// The utterance ended when the recogniser heard speech stop, not when it finished thinking.
				this.emitTranscript(text, this.language, this.speechEnd ?? performance.now());
				this.speechEnd = null;
			} else this.emitInterim(text, this.language);
		}
	};

	private readonly onSpeechEnd = () => {
		this.speechEnd = performance.now();
	};

	private readonly onError = (event: Event) => {
		const code = (event as Event & { error?: string }).error ?? 'unknown';
		const fatal = FATAL[code];
		if (fatal) {
			this.wanted = false;
			// Recognition is over (Chrome's 'end' follows): the microphone is released now, not later.
			this.setListening(false);
			this.setAvailable(false, fatal);
		}
	};

	private readonly onEnd = () => {
		// Chrome ends a continuous session after a silence; keep listening while the user wants it.
		this.setListening(false);
		if (this.wanted && this.available) this.start();
	};
}

function findRecognition(): SpeechRecognitionConstructor | null {
	const g = globalThis as {
		SpeechRecognition?: SpeechRecognitionConstructor;
		webkitSpeechRecognition?: SpeechRecognitionConstructor;
	};
	return g.SpeechRecognition ?? g.webkitSpeechRecognition ?? null;
}
