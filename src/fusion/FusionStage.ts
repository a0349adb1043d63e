import type { SceneUnderstanding } from '../SceneUnderstanding.js';
import type { SenseStage } from '../SenseStage.js';
import { FusionModel } from './FusionModel.js';

export interface FusionStageOptions {
	/** Where `model.json` is; defaults to `sense.modelsPath + 'fusion/model.json'`. */
	url?: string;
}

/**
 * The stage that loads the fusion model and makes it the scene's interpreter, so transcripts
 * handed to `sense.handleTranscript()` are understood by it.
 *
 * ```ts
 * const sense = new SceneUnderstanding( { renderer, scene, camera, stages: [ new FusionStage() ] } );
 * await sense.load();
 * await sense.handleTranscript( 'pick up the red cup' ); // { intent: 'grab', target: 'red-cup', … }
 * ```
 */
export class FusionStage implements SenseStage {
	readonly name = 'fusion';
	/** The loaded model, once `load()` has finished. */
	model: FusionModel | null = null;
	private sense: SceneUnderstanding | null = null;
	private disposed = false;

	constructor(private readonly options: FusionStageOptions = {}) {}

	async load(sense: SceneUnderstanding, onProgress?: (fraction: number) => void): Promise<void> {
		const url = this.options.url ?? joinUrl(sense.modelsPath, 'fusion/model.json');
		onProgress?.(0);
		const model = await FusionModel.load(url, { verify: sense.verifyModels !== false });
		// Disposed while the model loaded: its weights are released at once, not installed.
		if (this.disposed) {
			model.dispose();
			return;
		}
		this.model = model;
		this.sense = sense;
		sense.interpreter = this.model;
		onProgress?.(1);
	}

	/** The backend changed: the model is loaded again on it, takes over as interpreter, and the old one is released. */
	async backendChanged(sense: SceneUnderstanding): Promise<void> {
		const old = this.model;
		if (!old) return;
		const model = await FusionModel.load(this.options.url ?? joinUrl(sense.modelsPath, 'fusion/model.json'), {
			verify: sense.verifyModels !== false,
		});
		if (this.disposed) {
			model.dispose();
			return;
		}
		this.model = model;
		if (sense.interpreter === old) sense.interpreter = model;
		old.dispose();
	}

	dispose(): void {
		this.disposed = true;
		if (this.sense && this.sense.interpreter === this.model) this.sense.interpreter = null;
		this.model?.dispose();
		this.model = null;
		this.sense = null;
	}
}

function joinUrl(base: string, path: string): string {
	return base.endsWith('/') ? base + path : `${base}/${path}`;
}
