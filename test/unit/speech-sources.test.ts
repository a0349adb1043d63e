import { Group } from 'three';
import { describe, expect, it } from 'vitest';
import { HearingStage } from '../../src/perception/audio/HearingStage.js';
import type { SceneUnderstanding } from '../../src/SceneUnderstanding.js';
import { CaptureMonitor } from '../../src/sources/CaptureMonitor.js';
import { ProgrammaticTranscriptSource } from '../../src/sources/speech/ProgrammaticTranscriptSource.js';
import { PushToTalk } from '../../src/sources/speech/PushToTalk.js';
import type { Transcript, TranscriptSource } from '../../src/sources/speech/TranscriptSource.js';
import { TypedTranscriptSource } from '../../src/sources/speech/TypedTranscriptSource.js';
import {
	type SpeechRecognitionLike,
	WebSpeechTranscriptSource,
} from '../../src/sources/speech/WebSpeechTranscriptSource.js';

function collect(source: TranscriptSource): { finals: Transcript[]; interims: Transcript[]; availability: string[] } {
	const out = { finals: [] as Transcript[], interims: [] as Transcript[], availability: [] as string[] };
	source.addEventListener('transcript', (e) => out.finals.push(e.transcript));
	source.addEventListener('interim', (e) => out.interims.push(e.transcript));
	source.addEventListener('availability', (e) => out.availability.push(`${e.available}:${e.reason}`));
	return out;
}

/**
 * Stands in for the browser's SpeechRecognition, which neither Node nor headless Chromium has: it
 * dispatches the same events with the same shapes Chrome's does, driven by the test.
 */
class ScriptedRecognition extends EventTarget implements SpeechRecognitionLike {
	static last: ScriptedRecognition | null = null;
	lang = '';
	continuous = false;
	interimResults = false;
	maxAlternatives = 0;
	starts = 0;
	running = false;
	private results: Array<{ isFinal: boolean; 0: { transcript: string }; length: number }> = [];
	constructor() {
		super();
		ScriptedRecognition.last = this;
	}
	start(): void {
		if (this.running) throw new DOMException('already started', 'InvalidStateError');
		this.running = true;
		this.starts++;
	}
	stop(): void {
		this.running = false;
		this.dispatchEvent(new Event('end'));
	}
	abort(): void {
		this.running = false;
	}
	say(text: string, isFinal: boolean): void {
		const index = this.results.length;
		const result = { isFinal, 0: { transcript: text }, length: 1 };
		if (index > 0 && !this.results[index - 1].isFinal) this.results[index - 1] = result;
		else this.results.push(result);
		const event = Object.assign(new Event('result'), {
			resultIndex: this.results.length - 1,
			results: this.results,
		});
		if (isFinal) this.dispatchEvent(new Event('speechend'));
		this.dispatchEvent(event);
	}
	fail(error: string): void {
		this.dispatchEvent(Object.assign(new Event('error'), { error }));
		this.running = false;
		this.dispatchEvent(new Event('end'));
	}
	silenceTimeout(): void {
		this.running = false;
		this.dispatchEvent(new Event('end'));
	}
}

describe('ProgrammaticTranscriptSource', () => {
	it('delivers pushed text as a final transcript with language, time and kind', () => {
		const source = new ProgrammaticTranscriptSource();
		const seen = collect(source);
		source.push('  pick up the red cup ', { lang: 'en-US', time: 1234 });
		source.push('   ');
		source.push('把红色的杯子拿起来', { lang: 'zh-CN' });
		expect(seen.finals.map((t) => [t.text, t.lang, t.source])).toEqual([
			['pick up the red cup', 'en-US', 'api'],
			['把红色的杯子拿起来', 'zh-CN', 'api'],
		]);
		expect(seen.finals[0].time).toBe(1234);
		expect(source.available).toBe(true);
		expect(() => source.push(42 as unknown as string)).toThrow(TypeError);
		source.dispose();
		source.push('after dispose');
		expect(seen.finals).toHaveLength(2);
	});
});

describe('TypedTranscriptSource', () => {
	it('without a DOM is unavailable with a reason, and start() reports instead of throwing', () => {
		const typed = new TypedTranscriptSource();
		const seen = collect(typed);
		expect(typed.available).toBe(false);
		expect(typed.reason).toMatch(/no document/);
		expect(() => typed.start()).not.toThrow();
		expect(seen.availability).toEqual(['false:no document to put a text box in']);
		expect(typed.listening).toBe(false);
		typed.dispose();
	});
});

describe('WebSpeechTranscriptSource', () => {
	it('is unavailable, not thrown, where the Web Speech API is missing', () => {
		const speech = new WebSpeechTranscriptSource();
		const seen = collect(speech);
		expect(speech.available).toBe(false);
		expect(speech.reason).toMatch(/Web Speech API/);
		expect(() => speech.start()).not.toThrow();
		expect(seen.availability).toHaveLength(1);
		speech.dispose();
	});

	it('runs continuous with interim results, in Chinese, stamping the end of speech', () => {
		const speech = new WebSpeechTranscriptSource({ lang: 'zh-CN', recognition: ScriptedRecognition });
		const seen = collect(speech);
		const r = ScriptedRecognition.last!;
		expect([r.continuous, r.interimResults, r.lang]).toEqual([true, true, 'zh-CN']);
		speech.start();
		expect(speech.listening).toBe(true);
		r.say('把红色', false);
		r.say('把红色的杯子', false);
		const before = performance.now();
		r.say('把红色的杯子拿起来', true);
		expect(seen.interims.map((t) => t.text)).toEqual(['把红色', '把红色的杯子']);
		expect(seen.finals).toHaveLength(1);
		expect(seen.finals[0]).toMatchObject({ text: '把红色的杯子拿起来', lang: 'zh-CN', source: 'speech' });
		expect(seen.finals[0].time).toBeGreaterThanOrEqual(before);
		// Chrome ends a continuous session after a silence: the source restarts while wanted.
		r.silenceTimeout();
		expect(r.starts).toBe(2);
		expect(speech.listening).toBe(true);
		speech.lang = 'en-US';
		expect(r.lang).toBe('en-US');
		speech.stop();
		expect(speech.listening).toBe(false);
		expect(r.starts).toBe(2);
		speech.dispose();
	});

	it('a denied microphone makes it unavailable with a reason', () => {
		const speech = new WebSpeechTranscriptSource({ recognition: ScriptedRecognition });
		const seen = collect(speech);
		speech.start();
		ScriptedRecognition.last!.fail('not-allowed');
		expect(speech.available).toBe(false);
		expect(speech.reason).toBe('microphone permission was denied');
		expect(seen.availability).toEqual(['false:microphone permission was denied']);
		expect(ScriptedRecognition.last!.starts).toBe(1);
		expect(() => speech.start()).not.toThrow();
		speech.dispose();
	});
});

describe('WebSpeechTranscriptSource keeps speech on the device', () => {
	/** A recogniser with Chrome's on-device API: `processLocally`, `available()`, `install()`. */
	class OnDeviceRecognition extends ScriptedRecognition {
		static status = 'available';
		static asked: Array<{ langs: string[]; processLocally: boolean }> = [];
		processLocally = false;
		static async available(options: { langs: string[]; processLocally: boolean }): Promise<string> {
			OnDeviceRecognition.asked.push(options);
			return OnDeviceRecognition.status;
		}
		static async install(options: { langs: string[]; processLocally: boolean }): Promise<boolean> {
			OnDeviceRecognition.asked.push(options);
			OnDeviceRecognition.status = 'available';
			return true;
		}
	}
	const g = globalThis as { SpeechRecognition?: unknown };
	const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

	it("refuses the browser's recogniser when it cannot promise on-device recognition, unless allowed", () => {
		g.SpeechRecognition = ScriptedRecognition;
		try {
			const speech = new WebSpeechTranscriptSource();
			expect(speech.available).toBe(false);
			expect(speech.reason).toMatch(/may send the user's audio.*serverRecognition: true/);
			speech.start();
			expect(ScriptedRecognition.last!.starts).toBe(0);
			speech.dispose();
			const allowed = new WebSpeechTranscriptSource({ serverRecognition: true });
			allowed.start();
			expect(allowed.listening).toBe(true);
			allowed.dispose();
		} finally {
			delete g.SpeechRecognition;
		}
	});

	it('asks for on-device recognition, checks the language first, and installs a downloadable pack on request', async () => {
		g.SpeechRecognition = OnDeviceRecognition;
		try {
			OnDeviceRecognition.status = 'available';
			const speech = new WebSpeechTranscriptSource({ lang: 'zh-CN' });
			const r = ScriptedRecognition.last as OnDeviceRecognition;
			expect(r.processLocally).toBe(true);
			speech.start();
			expect(r.starts).toBe(0); // not before the browser says the language runs locally
			await flush();
			expect(OnDeviceRecognition.asked).toEqual([{ langs: ['zh-CN'], processLocally: true }]);
			expect([speech.listening, r.starts]).toEqual([true, 1]);
			speech.dispose();

			OnDeviceRecognition.status = 'downloadable';
			const later = new WebSpeechTranscriptSource({ lang: 'en-US' });
			later.start();
			await flush();
			expect(later.available).toBe(false);
			expect(later.reason).toBe(
				'on-device speech recognition for en-US is downloadable: call installLanguage() to download its language pack',
			);
			expect(await later.installLanguage()).toBe(true);
			later.start();
			expect(later.listening).toBe(true);
			later.dispose();
		} finally {
			delete g.SpeechRecognition;
		}
	});
});

describe('WebSpeechTranscriptSource and the capture indicator', () => {
	// While the browser's recogniser runs it has the microphone open, so the indicator must show.
	function watchMicrophone(monitor: CaptureMonitor): boolean[] {
		const changes: boolean[] = [];
		monitor.addEventListener('change', (e) => {
			if (e.device === 'microphone') changes.push(e.capturing);
		});
		return changes;
	}

	it('holds the microphone from start() until stop()', () => {
		const monitor = new CaptureMonitor();
		const changes = watchMicrophone(monitor);
		const speech = new WebSpeechTranscriptSource({ recognition: ScriptedRecognition });
		speech.reportCaptureTo(monitor);
		expect(monitor.state.microphone).toBe(false);
		speech.start();
		expect(monitor.state.microphone).toBe(true);
		// Chrome's silence timeout ends recognition and the source restarts it: released for that instant, held again.
		ScriptedRecognition.last!.silenceTimeout();
		expect(monitor.state.microphone).toBe(true);
		speech.stop();
		expect(monitor.state.microphone).toBe(false);
		expect(changes).toEqual([true, false, true, false]);
		speech.dispose();
	});

	it('releases it when recognition fails, ends on its own, or the source is disposed', () => {
		const monitor = new CaptureMonitor();
		const failing = new WebSpeechTranscriptSource({ recognition: ScriptedRecognition });
		failing.reportCaptureTo(monitor);
		failing.start();
		const recognition = ScriptedRecognition.last!;
		recognition.dispatchEvent(Object.assign(new Event('error'), { error: 'audio-capture' }));
		// Released on the fatal error itself, before the browser's 'end' arrives.
		expect(monitor.state.microphone).toBe(false);
		recognition.running = false;
		recognition.dispatchEvent(new Event('end'));
		expect(monitor.state.microphone).toBe(false);
		failing.dispose();

		const disposed = new WebSpeechTranscriptSource({ recognition: ScriptedRecognition });
		disposed.reportCaptureTo(monitor);
		disposed.start();
		expect(monitor.state.microphone).toBe(true);
		disposed.dispose();
		expect(monitor.state.microphone).toBe(false);

		// Attached and detached while running: the monitor follows at once.
		const ended = new WebSpeechTranscriptSource({ recognition: ScriptedRecognition });
		ended.start();
		ended.reportCaptureTo(monitor); // attached while already running: held at once
		expect(monitor.state.microphone).toBe(true);
		ended.reportCaptureTo(null);
		expect(monitor.state.microphone).toBe(false);
		ended.reportCaptureTo(monitor);
		ended.stop();
		expect(monitor.state.microphone).toBe(false);
		ended.dispose();
	});

	it('leaves another holder of the microphone alone, and an unavailable source never holds it', () => {
		const monitor = new CaptureMonitor();
		const audio = {};
		monitor.hold(audio, 'microphone');
		const speech = new WebSpeechTranscriptSource({ recognition: ScriptedRecognition });
		speech.reportCaptureTo(monitor);
		speech.start();
		speech.stop();
		expect(monitor.state.microphone).toBe(true);
		monitor.release(audio);
		expect(monitor.state.microphone).toBe(false);
		const missing = new WebSpeechTranscriptSource({ recognition: null });
		missing.reportCaptureTo(monitor);
		missing.start();
		expect(monitor.state.microphone).toBe(false);
		speech.dispose();
		missing.dispose();
	});

	it('through push-to-talk and the hearing stage: held while the button is, released on dispose', async () => {
		const capture = new CaptureMonitor();
		const speech = new WebSpeechTranscriptSource({ recognition: ScriptedRecognition });
		const controller = new Group();
		const ptt = new PushToTalk(speech, { controllers: [controller] });
		const hearing = new HearingStage({ soundEvents: false, transcripts: [ptt] });
		const sense = {
			capture,
			frameBudget: undefined,
			modelsPath: '/',
			verifyModels: false,
		} as unknown as SceneUnderstanding;
		await hearing.load(sense);
		ptt.start();
		// Armed but not held: the recogniser is not running, nothing is captured.
		expect(capture.state.microphone).toBe(false);
		controller.dispatchEvent({ type: 'squeezestart' } as never);
		expect(capture.state.microphone).toBe(true);
		controller.dispatchEvent({ type: 'squeezeend' } as never);
		expect(capture.state.microphone).toBe(false);
		controller.dispatchEvent({ type: 'squeezestart' } as never);
		expect(capture.state.microphone).toBe(true);
		hearing.dispose();
		expect(capture.state.microphone).toBe(false);
		speech.dispose();
	});
});

describe('PushToTalk', () => {
	it('listens only while a controller button is held; the utterance ends at release', async () => {
		const inner = new ProgrammaticTranscriptSource('speech');
		const controller = new Group();
		const ptt = new PushToTalk(inner, { controllers: [controller], graceMs: 50 });
		const seen = collect(ptt);
		ptt.start();
		inner.push('not held');
		controller.dispatchEvent({ type: 'squeezestart' } as never);
		expect(ptt.held).toBe(true);
		expect(inner.listening).toBe(true);
		inner.push('select the lamp');
		controller.dispatchEvent({ type: 'squeezeend' } as never);
		expect(inner.listening).toBe(false);
		const released = performance.now();
		// A final result that arrives just after release counts, stamped no later than the release.
		inner.push('and the chair', { time: released + 500 });
		await new Promise((r) => setTimeout(r, 80));
		inner.push('too late');
		expect(seen.finals.map((t) => t.text)).toEqual(['select the lamp', 'and the chair']);
		expect(seen.finals[1].time).toBeLessThanOrEqual(released + 1);
		expect(seen.finals.every((t) => t.source === 'push-to-talk')).toBe(true);
		ptt.dispose();
		controller.dispatchEvent({ type: 'squeezestart' } as never);
		expect(ptt.held).toBe(false);
	});

	it('binds the trigger / pinch when asked, and mirrors an unavailable inner source', () => {
		const hand = new Group();
		const ptt = new PushToTalk(new ProgrammaticTranscriptSource(), { controllers: [hand], button: 'select' });
		ptt.start();
		hand.dispatchEvent({ type: 'selectstart' } as never);
		expect(ptt.held).toBe(true);
		hand.dispatchEvent({ type: 'selectend' } as never);
		const missing = new PushToTalk(new WebSpeechTranscriptSource());
		const seen = collect(missing);
		expect(missing.available).toBe(false);
		expect(() => missing.start()).not.toThrow();
		expect(seen.availability).toHaveLength(1);
		ptt.dispose();
		missing.dispose();
	});
});
