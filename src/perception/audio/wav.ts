/** Decoded PCM audio: one Float32Array per channel, samples in [−1, 1]. */
export interface DecodedWav {
	sampleRate: number;
	channels: Float32Array[];
}

const PCM = 1;
const IEEE_FLOAT = 3;
const A_LAW = 6;
const MU_LAW = 7;
const EXTENSIBLE = 0xfffe;

/** ITU-T G.711 µ-law byte → linear sample in [−1, 1]. */
function muLaw(byte: number): number {
	const u = ~byte & 0xff;
	const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 0x07)) - 0x84;
	return (u & 0x80 ? -magnitude : magnitude) / 32768;
}

/** ITU-T G.711 A-law byte → linear sample in [−1, 1]. */
function aLaw(byte: number): number {
	const a = byte ^ 0x55;
	const exponent = (a >> 4) & 0x07;
	const mantissa = a & 0x0f;
	const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
	return (a & 0x80 ? magnitude : -magnitude) / 32768;
}

/**
 * Reads a RIFF/WAVE file: integer PCM of 8, 16, 24 or 32 bits, IEEE float of 32 or 64 bits, and
 * 8-bit G.711 µ-law or A-law (telephone recordings, ring tones), plain or WAVE_FORMAT_EXTENSIBLE. Throws an Error that says what is wrong with anything else.
 *
 * ```ts
 * const { sampleRate, channels } = decodeWav( await readFile( 'street.wav' ) );
 * ```
 */
export function decodeWav(bytes: Uint8Array | ArrayBuffer): DecodedWav {
	const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
	const tag = (at: number) => String.fromCharCode(u8[at], u8[at + 1], u8[at + 2], u8[at + 3]);
	if (u8.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file (no RIFF/WAVE header)');
	let format = -1;
	let channelCount = 0;
	let sampleRate = 0;
	let bits = 0;
	let data: { at: number; size: number } | null = null;
	for (let at = 12; at + 8 <= u8.length; ) {
		const id = tag(at);
		const size = view.getUint32(at + 4, true);
		const body = at + 8;
		if (id === 'fmt ') {
			if (size < 16 || body + 16 > u8.length) throw new Error('WAV: truncated fmt chunk');
			format = view.getUint16(body, true);
			channelCount = view.getUint16(body + 2, true);
			sampleRate = view.getUint32(body + 4, true);
			bits = view.getUint16(body + 14, true);
			if (format === EXTENSIBLE && size >= 26) format = view.getUint16(body + 24, true);
		} else if (id === 'data') {
			// Streams written live often leave the size at 0 or 0xFFFFFFFF: take what is there.
			const available = u8.length - body;
			data = { at: body, size: size === 0 || size > available ? available : size };
			break;
		}
		at = body + size + (size & 1);
	}
	if (format < 0) throw new Error('WAV: no fmt chunk');
	if (!data) throw new Error('WAV: no data chunk');
	if (channelCount < 1) throw new Error('WAV: zero channels');
	if (!(sampleRate > 0)) throw new Error('WAV: sample rate is 0');
	const isFloat = format === IEEE_FLOAT && (bits === 32 || bits === 64);
	const isInt = format === PCM && [8, 16, 24, 32].includes(bits);
	const companded = (format === MU_LAW || format === A_LAW) && bits === 8 ? format : 0;
	if (!isFloat && !isInt && !companded) throw new Error(`WAV: unsupported encoding (format ${format}, ${bits} bits)`);
	const bytesPer = bits / 8;
	const frames = Math.floor(data.size / (bytesPer * channelCount));
	const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
	for (let f = 0; f < frames; f++) {
		for (let c = 0; c < channelCount; c++) {
			const at = data.at + (f * channelCount + c) * bytesPer;
			let v: number;
			if (companded) v = companded === MU_LAW ? muLaw(u8[at]) : aLaw(u8[at]);
			else if (isFloat) v = bits === 32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
			else if (bits === 8) v = (u8[at] - 128) / 128;
			else if (bits === 16) v = view.getInt16(at, true) / 32768;
			else if (bits === 24) v = (((u8[at + 2] << 24) | (u8[at + 1] << 16) | (u8[at] << 8)) >> 8) / 8388608;
			else v = view.getInt32(at, true) / 2147483648;
			channels[c][f] = v;
		}
	}
	return { sampleRate, channels };
}

/**
 * Writes 16-bit PCM WAV (interleaving the channels, clamping to ±1). Used to make test fixtures at
 * test time and by the CLI.
 *
 * ```ts
 * await writeFile( 'tone.wav', encodeWav( [ left, right ], 48000 ) );
 * ```
 */
export function encodeWav(channels: Float32Array[], sampleRate: number): Uint8Array {
	const count = channels.length;
	const frames = Math.min(...channels.map((c) => c.length));
	const out = new Uint8Array(44 + frames * count * 2);
	const view = new DataView(out.buffer);
	const put = (at: number, s: string) => {
		for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
	};
	put(0, 'RIFF');
	view.setUint32(4, 36 + frames * count * 2, true);
	put(8, 'WAVE');
	put(12, 'fmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, PCM, true);
	view.setUint16(22, count, true);
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * count * 2, true);
	view.setUint16(32, count * 2, true);
	view.setUint16(34, 16, true);
	put(36, 'data');
	view.setUint32(40, frames * count * 2, true);
	for (let f = 0; f < frames; f++) {
		for (let c = 0; c < count; c++) {
			const v = channels[c][f];
			const x = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
			view.setInt16(44 + (f * count + c) * 2, Math.round(x < 0 ? x * 32768 : x * 32767), true);
		}
	}
	return out;
}
