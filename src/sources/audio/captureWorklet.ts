/**
 * The AudioWorklet processor that taps a stereo stream. It is kept as source text and loaded from a
 * Blob URL, so it comes from the app's own origin in dev, in the demo build and in the library build
 * alike (no separate file to copy or serve). It batches 128-frame render quanta into blocks and
 * transfers each block to the main thread with the context time of its first frame.
 */
export const CAPTURE_PROCESSOR_NAME = 'xr-sense-stereo-tap';

export const CAPTURE_WORKLET_SOURCE = `
class StereoTap extends AudioWorkletProcessor {
	constructor(options) {
		super();
		this.blockFrames = options.processorOptions.blockFrames;
		this.left = new Float32Array(this.blockFrames);
		this.right = new Float32Array(this.blockFrames);
		this.filled = 0;
		this.blockTime = 0;
		this.running = true;
		this.port.onmessage = (e) => { if (e.data === 'stop') this.running = false; };
	}
	process(inputs) {
		if (!this.running) { this.port.close(); return false; }
		const input = inputs[0];
		if (!input || input.length === 0) return true;
		const l = input[0];
		const r = input.length > 1 ? input[1] : input[0];
		for (let i = 0; i < l.length; i++) {
			if (this.filled === 0) this.blockTime = currentTime + i / sampleRate;
			this.left[this.filled] = l[i];
			this.right[this.filled] = r[i];
			if (++this.filled === this.blockFrames) {
				this.port.postMessage({ time: this.blockTime, left: this.left, right: this.right, channels: input.length }, [this.left.buffer, this.right.buffer]);
				this.left = new Float32Array(this.blockFrames);
				this.right = new Float32Array(this.blockFrames);
				this.filled = 0;
			}
		}
		return true;
	}
}
registerProcessor('${CAPTURE_PROCESSOR_NAME}', StereoTap);
`;

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/** Adds the tap processor to `context`'s worklet once (from a Blob URL revoked after loading). */
export function loadCaptureWorklet(context: BaseAudioContext): Promise<void> {
	let promise = loaded.get(context);
	if (!promise) {
		if (!context.audioWorklet) return Promise.reject(new Error('AudioWorklet is not supported in this browser'));
		const url = URL.createObjectURL(new Blob([CAPTURE_WORKLET_SOURCE], { type: 'text/javascript' }));
		promise = context.audioWorklet.addModule(url).finally(() => URL.revokeObjectURL(url));
		loaded.set(context, promise);
		promise.catch(() => loaded.delete(context));
	}
	return promise;
}
