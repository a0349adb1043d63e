import { Quaternion, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { attributeSound, foldedAzimuthOf } from '../../src/perception/audio/attributeSound.js';
import { decodeWav, encodeWav } from '../../src/perception/audio/wav.js';
import { StereoRingBuffer } from '../../src/sources/audio/StereoRingBuffer.js';

const deg = (d: number) => (d * Math.PI) / 180;

describe('WAV codec', () => {
	it('round-trips 16-bit stereo', () => {
		const left = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.8);
		const right = Float32Array.from({ length: 100 }, (_, i) => -Math.sin(i / 5) * 0.4);
		const { sampleRate, channels } = decodeWav(encodeWav([left, right], 22050));
		expect(sampleRate).toBe(22050);
		expect(channels).toHaveLength(2);
		for (let i = 0; i < 100; i++) {
			expect(channels[0][i]).toBeCloseTo(left[i], 3);
			expect(channels[1][i]).toBeCloseTo(right[i], 3);
		}
	});

	it('reads 24-bit PCM and 32-bit float, skipping unknown chunks', () => {
		const header = (format: number, bits: number, dataBytes: number, extra = 0) => {
			const b = new Uint8Array(44 + extra + dataBytes);
			const v = new DataView(b.buffer);
			const put = (at: number, s: string) => {
				for (let i = 0; i < s.length; i++) b[at + i] = s.charCodeAt(i);
			};
			put(0, 'RIFF');
			v.setUint32(4, b.length - 8, true);
			put(8, 'WAVE');
			put(12, 'fmt ');
			v.setUint32(16, 16, true);
			v.setUint16(20, format, true);
			v.setUint16(22, 1, true);
			v.setUint32(24, 8000, true);
			v.setUint16(34, bits, true);
			if (extra) {
				put(36, 'LIST');
				v.setUint32(40, extra - 8, true);
			}
			put(36 + extra, 'data');
			v.setUint32(40 + extra, dataBytes, true);
			return { b, v, data: 44 + extra };
		};
		const int24 = header(1, 24, 6, 12);
		int24.b.set([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0], int24.data); // +0.5, −0.5
		expect(Array.from(decodeWav(int24.b).channels[0])).toEqual([0.5, -0.5]);
		const f32 = header(3, 32, 8);
		f32.v.setFloat32(f32.data, 0.25, true);
		f32.v.setFloat32(f32.data + 4, -1, true);
		expect(Array.from(decodeWav(f32.b).channels[0])).toEqual([0.25, -1]);
		// G.711 (the ITU table's end points): µ-law 0xff = 0, 0x80 = +32124, 0x00 = −32124; A-law 0xd5 = +8, 0xaa = +32256, 0x2a = −32256.
		const mu = header(7, 8, 3);
		mu.b.set([0xff, 0x80, 0x00], mu.data);
		expect(Array.from(decodeWav(mu.b).channels[0]).map((x) => x * 32768)).toEqual([0, 32124, -32124]);
		const alaw = header(6, 8, 3);
		alaw.b.set([0xd5, 0xaa, 0x2a], alaw.data);
		expect(Array.from(decodeWav(alaw.b).channels[0]).map((x) => x * 32768)).toEqual([8, 32256, -32256]);
		const adpcm = header(2, 4, 4);
		expect(() => decodeWav(adpcm.b)).toThrow(/unsupported encoding \(format 2/);
	});

	it('says what is wrong with a file that is not WAV', () => {
		expect(() => decodeWav(new TextEncoder().encode('ID3 this is an mp3'))).toThrow(/not a WAV file/);
		expect(() => decodeWav(new Uint8Array(4))).toThrow(/not a WAV file/);
		const noData = encodeWav([new Float32Array(4)], 8000).slice(0, 36);
		expect(() => decodeWav(noData)).toThrow(/no data chunk/);
	});
});

describe('StereoRingBuffer', () => {
	it('keeps the newest frames across the wrap and finds block stamps', () => {
		const ring = new StereoRingBuffer(10);
		const block = (from: number) => Float32Array.from({ length: 4 }, (_, i) => from + i);
		for (let b = 0; b < 4; b++) ring.write(block(b * 4), block(100 + b * 4), { time: b * 10, pose: null });
		expect(ring.written).toBe(16);
		expect(ring.size).toBe(10);
		const l = new Float32Array(6);
		const r = new Float32Array(6);
		expect(ring.readLatest(6, l, r)).toBe(10);
		expect(Array.from(l)).toEqual([10, 11, 12, 13, 14, 15]);
		expect(Array.from(r)).toEqual([110, 111, 112, 113, 114, 115]);
		expect(ring.stampAt(13)?.time).toBe(30);
		expect(ring.stampAt(1)).toBeNull();
		expect(() => ring.readLatest(11, new Float32Array(11), new Float32Array(11))).toThrow(RangeError);
	});
});

describe('attributeSound', () => {
	const head = new Vector3(0, 1.6, 0);
	const facing = new Quaternion(); // looking down −Z
	const objects = [
		{ id: 'radio', position: new Vector3(-2, 1, -2) }, // 45° left
		{ id: 'dog', position: new Vector3(2, 0.3, -0.5) }, // ~76° right
		{ id: 'clock', position: new Vector3(0, 2, -3) }, // ahead
	];

	it('attributes a sound to the object it clearly came from', () => {
		expect(attributeSound(deg(-43), head, facing, objects)?.objectId).toBe('radio');
		expect(attributeSound(deg(70), head, facing, objects)?.objectId).toBe('dog');
		expect(attributeSound(deg(3), head, facing, objects)?.objectId).toBe('clock');
	});

	it('leaves it unattributed when nothing fits or two objects fit equally', () => {
		expect(attributeSound(deg(-80), head, facing, objects)).toBeNull();
		const twins = [
			{ id: 'a', position: new Vector3(-1, 1.6, -3) },
			{ id: 'b', position: new Vector3(-1.2, 1.6, -3) },
		];
		expect(attributeSound(deg(-19), head, facing, twins)).toBeNull();
	});

	it('tries the objects that make such a sound first, then every object', () => {
		// A phone on a shelf: the shelf is 3° from the phone, too close to tell apart by bearing alone.
		const shelf = [
			{ id: 'phone', label: 'cell phone', position: new Vector3(-2, 1.6, -2) },
			{ id: 'shelf', label: 'shelf', position: new Vector3(-2.1, 1.6, -1.9) },
		];
		const rings = (o: { label: string }) => o.label === 'cell phone';
		expect(attributeSound(deg(-45), head, facing, shelf)).toBeNull();
		expect(attributeSound(deg(-45), head, facing, shelf, { prefer: rings })?.objectId).toBe('phone');
		// No maker near the bearing: the ordinary rule over every object still applies.
		expect(
			attributeSound(deg(3), head, facing, [...shelf, ...objects.map((o) => ({ ...o, label: o.id }))], {
				prefer: rings,
			})?.objectId,
		).toBe('clock');
	});

	it('matches an object behind the listener by its front/back mirror, in the head frame', () => {
		const behindRight = new Vector3(1, 1.6, 1); // 135° → heard as 45°
		expect((foldedAzimuthOf(behindRight, head, facing) * 180) / Math.PI).toBeCloseTo(45, 5);
		const turned = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), deg(90)); // looking down −X
		expect((foldedAzimuthOf(new Vector3(0, 1.6, -3), head, turned) * 180) / Math.PI).toBeCloseTo(90, 5);
	});
});
