import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';
import type { SoundWindowOptions, SoundWindowResult } from './analyseSoundWindow.js';

/**
 * What the hearing stage runs on each captured stereo window: the sound-event model and the
 * direction of arrival. Two come with the plugin: {@link WorkerSoundClassifier} (the default in
 * browsers: everything in a Web Worker on tfjs WASM, off the page's thread) and
 * {@link MainThreadSoundClassifier} (on the page's own tfjs backend; the default in Node).
 *
 * ```ts
 * const hearing = new HearingStage( { classifier: new MainThreadSoundClassifier() } );
 * ```
 */
export interface SoundWindowClassifier {
	/** True once the model is loaded and the classifier can run. */
	readonly isLoaded: boolean;
	/** The tfjs backend it runs on, once loaded. */
	readonly backend: string | null;
	/** Whether it runs on the page's tfjs backend, so it must reload when that backend is lost. */
	readonly onPageBackend: boolean;
	/** Loads the sound-event model (`model.json` URL), verified against the manifest unless `verify: false`. */
	load(url: string, options?: ModelVerifyOptions): Promise<void>;
	/**
	 * Analyses one window (left and right at `sampleRate`). Both arrays must stay as they are until
	 * the promise settles (the stage has one window in flight at a time).
	 */
	classify(
		left: Float32Array,
		right: Float32Array,
		sampleRate: number,
		options?: SoundWindowOptions,
	): Promise<SoundWindowResult>;
	/** Called when the classifier stops working for good (its worker died); the stage says so. */
	onFailure: ((error: Error) => void) | null;
	dispose(): void;
}
