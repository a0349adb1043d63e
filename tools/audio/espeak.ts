/**
 * Speech for the sound-event corpus, synthesised by espeak-ng (Debian package `espeak-ng`) at
 * training/test time — nothing is downloaded and no recording ships. Node only.
 */
import { spawnSync } from 'node:child_process';
import type { SpeechProvider } from '../../src/perception/audio/corpus/synthesizeClip.js';
import { resample } from '../../src/perception/audio/resample.js';
import { decodeWav } from '../../src/perception/audio/wav.js';
import { Rng } from '../../src/runtime/Rng.js';

const EN_WORDS = (
	'the a red blue green cup chair table lamp pick up put move it there this that on under next to please ' +
	'can you show me hide rotate bigger smaller what is where did I leave my phone keys open door window ' +
	'hello okay thanks today meeting coffee later yes no maybe second first left right behind above book'
).split(' ');
const ZH_PHRASES = [
	'把红色的杯子拿起来',
	'这是什么',
	'把椅子移到桌子旁边',
	'你好',
	'打开灯',
	'请把它放在那里',
	'我的手机在哪里',
	'今天天气很好',
	'左边那个蓝色的盒子',
	'谢谢你',
	'把这个藏起来',
	'旋转一下',
];
const VOICES = ['en-us', 'en-gb', 'en-gb-scotland', 'en-029', 'en-us-nyc', 'cmn', 'de', 'fr', 'es', 'it'];
const VARIANTS = ['', '+m1', '+m2', '+m3', '+m4', '+m7', '+f1', '+f2', '+f3', '+f4', '+klatt', '+croak', '+whisper'];

/** True when the `espeak-ng` binary runs. */
export function espeakAvailable(): boolean {
	const probe = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
	return probe.status === 0;
}

function sentence(rng: Rng, chinese: boolean): string {
	if (chinese) return Array.from({ length: rng.int(1, 2) }, () => rng.pick(ZH_PHRASES)).join('，');
	return Array.from({ length: rng.int(4, 12) }, () => rng.pick(EN_WORDS)).join(' ');
}

/** Speaks one utterance; returns mono samples at `rate`. */
export function speak(text: string, voice: string, speed: number, pitch: number, rate: number): Float32Array {
	const run = spawnSync('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '--stdout', text], {
		maxBuffer: 64 << 20,
	});
	if (run.status !== 0 || !run.stdout?.length) {
		throw new Error(`espeak-ng failed for voice ${voice}: ${run.stderr?.toString() || run.error?.message}`);
	}
	const wav = decodeWav(new Uint8Array(run.stdout));
	return resample(wav.channels[0], wav.sampleRate, rate);
}

/**
 * A pool of `count` espeak-ng utterances (voices, variants, speed and pitch drawn from `seed`),
 * handed out at random by the returned provider. Throws when espeak-ng is not installed.
 */
export function espeakSpeech(seed: number, count: number, rate = 16000): SpeechProvider {
	if (!espeakAvailable()) {
		throw new Error('espeak-ng is not installed (Debian: apt-get install -y espeak-ng); it voices the speech class');
	}
	const rng = new Rng(seed);
	const pool: Float32Array[] = [];
	for (let i = 0; i < count; i++) {
		const voice = rng.pick(VOICES);
		const text = sentence(rng, voice === 'cmn');
		pool.push(speak(text, voice + rng.pick(VARIANTS), rng.int(110, 220), rng.int(20, 80), rate));
	}
	return (pick) => pool[Math.floor(pick.next() * pool.length)];
}
