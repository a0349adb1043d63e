import { EventDispatcher, Quaternion, type AudioListener as ThreeAudioListener, Vector3 } from 'three';
import type { HeadPose } from '../xr/PoseHistory.js';
import { CAPTURE_PROCESSOR_NAME, loadCaptureWorklet } from './captureWorklet.js';
import { type BlockStamp, StereoRingBuffer } from './StereoRingBuffer.js';

export interface AudioCaptureOptions {
	/** Seconds of audio kept in the ring buffer (default 4). */
	bufferSeconds?: number;
	/** Frames per block sent from the worklet (default 2048: ~43 ms at 48 kHz). */
	blockFrames?: number;
	/**
	 * Fills `target` with the head pose at `performance.now()`-time `time`; returns false when unknown.
	 * Called once per block, so each block carries the pose at capture time.
	 */
	poseAt?: (time: number, target: HeadPose) => boolean;
	/** Context for microphone capture (default: a new AudioContext, closed on stop). */
	context?: AudioContext;
}

export interface AudioCaptureEventMap {
	/** A block arrived and is in {@link AudioCapture.ring}. */
	block: { stamp: BlockStamp };
	start: { source: 'microphone' | 'node' };
	stop: object;
	/** Capture cannot run here (no microphone, permission denied, no AudioWorklet); nothing was thrown. */
	unavailable: { reason: string };
}

export const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = {
	audio: { channelCount: 2, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
	video: false,
};

/**
 * Stereo audio capture through an AudioWorklet into a timestamped ring buffer: from the microphone
 * or from any node of a Web Audio graph — notably the scene's own mix, three.js's `AudioListener`
 * input, which is what a VR user hears. Starts only when asked; `stop()`/`dispose()` end the
 * microphone tracks, disconnect the worklet and close any context it created.
 *
 * ```ts
 * const capture = new AudioCapture( { poseAt: ( t, pose ) => history.sample( t, pose ) } );
 * if ( ! await capture.startMicrophone() ) console.warn( 'no microphone' );
 * capture.addEventListener( 'block', () => analyse( capture.ring ) );
 * capture.dispose();
 * ```
 */
export class AudioCapture extends EventDispatcher<AudioCaptureEventMap> {
	/** The newest audio; null until started. */
	ring: StereoRingBuffer | null = null;
	/** Sample rate of the captured stream (0 until started). */
	sampleRate = 0;
	/** The context capture runs in, while running. */
	context: BaseAudioContext | null = null;
	/** The microphone stream, while capturing from it. */
	stream: MediaStream | null = null;
	/** Blocks received since start. */
	blocks = 0;

	private readonly options: AudioCaptureOptions;
	private node: AudioWorkletNode | null = null;
	private input: AudioNode | null = null;
	private ownsContext = false;
	private starting = 0;
	// The user revoked the permission, unplugged the device or the browser took it: say so and stop.
	private readonly onTrackEnded = () => {
		if (!this.stream) return;
		this.stop();
		this.unavailable('the microphone stopped: its permission was revoked or the device went away');
	};

	constructor(options: AudioCaptureOptions = {}) {
		super();
		this.options = options;
	}

	get running(): boolean {
		return this.node !== null;
	}

	/** Starts capturing the microphone; resolves false (with an `unavailable` event) when it cannot. */
	async startMicrophone(constraints: MediaStreamConstraints = MICROPHONE_CONSTRAINTS): Promise<boolean> {
		this.stop();
		const attempt = ++this.starting;
		const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
		if (!media?.getUserMedia) return this.unavailable('microphone capture needs getUserMedia (a secure context)');
		let stream: MediaStream;
		try {
			stream = await media.getUserMedia(constraints);
		} catch (error) {
			const name = (error as DOMException).name;
			const reason =
				name === 'NotAllowedError'
					? 'microphone permission was denied'
					: name === 'NotFoundError'
						? 'no microphone was found'
						: `the microphone could not be opened (${(error as Error).message})`;
			return this.unavailable(reason);
		}
		if (attempt !== this.starting) {
			for (const track of stream.getTracks()) track.stop();
			return false;
		}
		const context = this.options.context ?? new AudioContext();
		this.ownsContext = !this.options.context;
		this.stream = stream;
		for (const track of stream.getTracks()) track.addEventListener('ended', this.onTrackEnded);
		const source = context.createMediaStreamSource(stream);
		return this.attach(context, source, 'microphone', attempt);
	}

	/** Starts capturing whatever flows through `node` (e.g. a mix bus); the node's context is used. */
	async startFromNode(node: AudioNode): Promise<boolean> {
		this.stop();
		return this.attach(node.context, node, 'node', ++this.starting);
	}

	/** Starts capturing the mix of every three.js audio source attached to `listener`. */
	startFromListener(listener: ThreeAudioListener): Promise<boolean> {
		return this.startFromNode(listener.getInput());
	}

	/** Stops capture and releases the microphone, worklet and any context it created. */
	stop(): void {
		this.starting++;
		const wasRunning = this.node !== null;
		if (this.node) {
			this.node.port.postMessage('stop');
			this.node.port.onmessage = null;
			this.node.port.close();
			try {
				this.input?.disconnect(this.node);
			} catch {
				// Already disconnected (the host tore its graph down first): nothing left to undo.
			}
		}
		for (const track of this.stream?.getTracks() ?? []) {
			track.removeEventListener('ended', this.onTrackEnded);
			track.stop();
		}
		if (this.ownsContext && this.context && this.context.state !== 'closed')
			void (this.context as AudioContext).close();
		this.node = null;
		this.input = null;
		this.stream = null;
		this.context = null;
		this.ownsContext = false;
		if (wasRunning) this.dispatchEvent({ type: 'stop' });
	}

	dispose(): void {
		this.stop();
		this.ring = null;
	}

	private async attach(
		context: BaseAudioContext,
		input: AudioNode,
		source: 'microphone' | 'node',
		attempt: number,
	): Promise<boolean> {
		this.context = context;
		try {
			await loadCaptureWorklet(context);
		} catch (error) {
			this.stop();
			return this.unavailable(`the capture worklet could not load: ${(error as Error).message}`);
		}
		if (attempt !== this.starting) return false;
		const blockFrames = this.options.blockFrames ?? 2048;
		const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR_NAME, {
			numberOfInputs: 1,
			numberOfOutputs: 0,
			channelCount: 2,
			channelCountMode: 'explicit',
			// A mono microphone is up-mixed to both channels (equal, so no false level difference).
			channelInterpretation: 'speakers',
			processorOptions: { blockFrames },
		});
		this.sampleRate = context.sampleRate;
		this.ring = new StereoRingBuffer(Math.round((this.options.bufferSeconds ?? 4) * context.sampleRate));
		this.blocks = 0;
		node.port.onmessage = (e: MessageEvent<{ time: number; left: Float32Array; right: Float32Array }>) =>
			this.receive(e.data);
		input.connect(node);
		this.node = node;
		this.input = input;
		if ('resume' in context && context.state === 'suspended') void (context as AudioContext).resume().catch(() => {});
		this.dispatchEvent({ type: 'start', source });
		return true;
	}

	private receive(data: { time: number; left: Float32Array; right: Float32Array }): void {
		const ring = this.ring;
		const context = this.context;
		if (!ring || !context) return;
		const time = contextToPerformanceTime(context, data.time);
		let pose: HeadPose | null = null;
		if (this.options.poseAt) {
			const candidate = newPose();
			if (this.options.poseAt(time, candidate)) pose = candidate;
		}
		const stamp = ring.write(data.left, data.right, { time, pose });
		this.blocks++;
		this.dispatchEvent({ type: 'block', stamp });
	}

	private unavailable(reason: string): false {
		this.dispatchEvent({ type: 'unavailable', reason });
		return false;
	}
}

function contextToPerformanceTime(context: BaseAudioContext, contextTime: number): number {
	const live = context as AudioContext;
	if (typeof live.getOutputTimestamp === 'function') {
		const ts = live.getOutputTimestamp();
		if (ts.performanceTime && ts.contextTime !== undefined)
			return ts.performanceTime + (contextTime - ts.contextTime) * 1000;
	}
	return performance.now() - (context.currentTime - contextTime) * 1000;
}

// Poses are kept per block in the ring (a few seconds' worth), so each needs its own objects.
function newPose(): HeadPose {
	return { position: new Vector3(), quaternion: new Quaternion() };
}
