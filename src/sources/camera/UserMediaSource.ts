import { Matrix4 } from 'three';
import type { SceneUnderstanding } from '../../SceneUnderstanding.js';
import type { CameraFrame, CameraSource } from './CameraSource.js';
import { projectionForAspect, viewerPose } from './viewerPose.js';

export interface UserMediaOptions {
	/** Constraints for `getUserMedia` video (default: the environment-facing camera, ~640 px wide). */
	video?: MediaTrackConstraints;
	/** Vertical field of view of the camera in degrees (default: the viewer's). */
	fovY?: number;
	/** An already-open stream to use instead of asking for one (not stopped on dispose). */
	stream?: MediaStream;
}

type VideoWithCallback = HTMLVideoElement & {
	requestVideoFrameCallback?(
		cb: (now: number, meta: { captureTime?: number; expectedDisplayTime: number }) => void,
	): number;
	cancelVideoFrameCallback?(handle: number): void;
};

const _projection = new Matrix4();
const _pose = new Matrix4();

/**
 * A getUserMedia camera: Quest Browser's headset cameras, a phone or a webcam, or in tests a y4m file
 * (Chromium's `--use-file-for-fake-video-capture`). Its frames are not synchronised with the XR
 * frame loop, so each frame carries its capture time (from `requestVideoFrameCallback`) and the
 * head pose at that time, interpolated from the plugin's pose history (`sense.poses`). Frames are `ImageBitmap`s made off the main thread.
 *
 * ```ts
 * const source = new UserMediaSource( { fovY: 60 } );
 * await source.start( sense ); // asks for camera permission
 * const frame = await source.grab();
 * frame?.release();
 * ```
 */
export class UserMediaSource implements CameraSource {
	readonly kind = 'user-media';
	private sense: SceneUnderstanding | null = null;
	private video: VideoWithCallback | null = null;
	private stream: MediaStream | null = null;
	private readonly projection = new Matrix4();
	private lastCapture = Number.NaN;
	private frameCallback = 0;
	onLost: ((reason: string) => void) | null = null;
	private readonly onTrackEnded = () => {
		if (!this.stream) return;
		const lost = this.onLost;
		this.dispose();
		lost?.('the camera stopped: its permission was revoked or the device went away');
	};

	constructor(readonly options: UserMediaOptions = {}) {}

	async start(sense: SceneUnderstanding): Promise<void> {
		this.sense = sense;
		if (this.options.stream) {
			this.stream = this.options.stream;
		} else {
			if (!navigator.mediaDevices?.getUserMedia) throw new Error('UserMediaSource: getUserMedia is not available here');
			try {
				this.stream = await navigator.mediaDevices.getUserMedia({
					video: this.options.video ?? { facingMode: 'environment', width: { ideal: 640 } },
					audio: false,
				});
			} catch (error) {
				throw new Error(`UserMediaSource: no camera (${(error as Error).name}: ${(error as Error).message})`);
			}
		}
		for (const track of this.stream.getVideoTracks()) track.addEventListener('ended', this.onTrackEnded);
		const video = document.createElement('video') as VideoWithCallback;
		video.muted = true;
		video.playsInline = true;
		video.srcObject = this.stream;
		this.video = video;
		await video.play();
		const onFrame = (_now: number, meta: { captureTime?: number; expectedDisplayTime: number }) => {
			this.lastCapture = meta.captureTime ?? meta.expectedDisplayTime;
			if (this.video) this.frameCallback = video.requestVideoFrameCallback!(onFrame);
		};
		if (video.requestVideoFrameCallback) this.frameCallback = video.requestVideoFrameCallback(onFrame);
	}

	update(_time: number, frame?: XRFrame): void {
		const sense = this.sense;
		if (!sense) return;
		// The head pose itself is recorded by the plugin each frame (sense.poses); only the projection is ours.
		viewerPose(sense.renderer, sense.camera, frame, _pose, this.projection);
	}

	async grab(): Promise<CameraFrame | null> {
		const video = this.video;
		if (!video || !this.sense || video.readyState < 2 || video.videoWidth === 0) return null;
		const now = performance.now();
		// The frame on screen was captured at lastCapture, unless the callback is stale (hidden page).
		const time = now - this.lastCapture < 250 ? this.lastCapture : now;
		const bitmap = await createImageBitmap(video);
		const pose = new Matrix4();
		if (!this.sense.poses.sampleMatrix(time, pose)) {
			bitmap.close();
			return null;
		}
		const projection = projectionForAspect(
			this.projection,
			bitmap.width / bitmap.height,
			_projection,
			this.options.fovY,
		).clone();
		return {
			pixels: bitmap,
			width: bitmap.width,
			height: bitmap.height,
			time,
			pose,
			projection,
			release: () => bitmap.close(),
		};
	}

	dispose(): void {
		if (this.video) {
			this.video.cancelVideoFrameCallback?.(this.frameCallback);
			this.video.pause();
			this.video.srcObject = null;
		}
		this.video = null;
		for (const track of this.stream?.getVideoTracks() ?? []) track.removeEventListener('ended', this.onTrackEnded);
		if (this.stream && !this.options.stream) for (const track of this.stream.getTracks()) track.stop();
		this.stream = null;
		this.sense = null;
		this.onLost = null;
	}
}
