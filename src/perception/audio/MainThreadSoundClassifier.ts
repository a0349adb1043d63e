import * as tf from '@tensorflow/tfjs';
import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';
import { analyseSoundWindow, type SoundWindowOptions, type SoundWindowResult } from './analyseSoundWindow.js';
import { SoundEventClassifier } from './SoundEventClassifier.js';
import type { SoundWindowClassifier } from './SoundWindowClassifier.js';

/**
 * The hearing stage's analysis on the page's own thread and tfjs backend: resampling, log-mel, the
 * sound-event model and GCC-PHAT all run where it is called (3–6 ms of main thread per window in
 * Chromium on WASM). The default in Node; in browsers the fallback to {@link WorkerSoundClassifier}.
 *
 * ```ts
 * const hearing = new HearingStage( { classifier: new MainThreadSoundClassifier() } );
 * ```
 */
export class MainThreadSoundClassifier implements SoundWindowClassifier {
	readonly model = new SoundEventClassifier();
	onFailure: ((error: Error) => void) | null = null;
	private mono = new Float32Array(0);

	get isLoaded(): boolean {
		return this.model.isLoaded;
	}

	readonly onPageBackend = true;

	get backend(): string | null {
		return this.model.isLoaded ? tf.getBackend() : null;
	}

	async load(url: string, options: ModelVerifyOptions = {}): Promise<void> {
		await this.model.load(url, options);
	}

	classify(
		left: Float32Array,
		right: Float32Array,
		sampleRate: number,
		options: SoundWindowOptions = {},
	): Promise<SoundWindowResult> {
		const length = Math.min(left.length, right.length);
		if (this.mono.length !== length) this.mono = new Float32Array(length);
		return analyseSoundWindow(this.model, left, right, sampleRate, options, this.mono);
	}

	dispose(): void {
		this.model.dispose();
	}
}
