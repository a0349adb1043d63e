import { type AudioListener, type Object3D, PositionalAudio } from 'three';
import { CLASS_SYNTHS } from '../../src/perception/audio/corpus/classSynth.js';
import { Rng } from '../../src/runtime/Rng.js';

/**
 * Makes an object ring like a phone, spatially: 2 s of ringing every 6 s from a three.js
 * `PositionalAudio` on `object` (HRTF-panned), synthesised on the spot — no audio file to fetch.
 * The hearing stage picks it up from the scene mix, so "what's that ringing?" has an answer.
 */
export function ringFrom(object: Object3D, listener: AudioListener): PositionalAudio {
	const context = listener.context;
	const rate = context.sampleRate;
	const ring = CLASS_SYNTHS.phone_ring!(new Rng(7), 2 * rate, rate);
	const buffer = context.createBuffer(1, 6 * rate, rate);
	buffer.getChannelData(0).set(ring);
	const sound = new PositionalAudio(listener);
	sound.name = 'ringing';
	sound.panner.panningModel = 'HRTF';
	sound.setRefDistance(1.5);
	sound.setBuffer(buffer);
	sound.setLoop(true);
	sound.setVolume(0.6);
	object.add(sound);
	sound.play();
	return sound;
}
