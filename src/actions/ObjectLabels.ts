import { type Camera, Group, Sprite, SpriteMaterial, Vector3 } from 'three';
import { labelZh } from '../perception/detection/cocoLabels.js';
import { fillPanel, LABEL_FONTS } from '../runtime/panelCanvas.js';
import type { SceneUnderstanding } from '../SceneUnderstanding.js';
import type { WorldObject, WorldObjectSource } from '../world/WorldObject.js';
import { LabelBatch } from './LabelBatch.js';

export interface ObjectLabelsOptions {
	/** Which world objects get a label (default: registered objects, detector tracks, planes and meshes). */
	sources?: readonly WorldObjectSource[];
	/**
	 * Detector, plane and mesh labels below this confidence are not shown (default 0.5): a guess
	 * the detector makes about a primitive shape ("traffic light 30%") is noise to a user.
	 */
	minConfidence?: number;
	/** Label height as a fraction of its distance: a constant angular size, ~4° by default (0.07). */
	angularSize?: number;
	/** Never smaller than this many metres tall (default 0.06). */
	minHeight?: number;
}

interface Entry {
	/** The label's layout — place, size, anchor, shown or not — for hosts, tests and overlays; never drawn itself. */
	sprite: Sprite;
	/** Its image's layer in the batch. */
	layer: number;
	text: string;
	label: string;
}

const _eye = new Vector3();
/** Size in pixels of one label's image. */
export const LABEL_WIDTH = 512;
export const LABEL_HEIGHT = 160;
const WIDTH = LABEL_WIDTH;
const HEIGHT = LABEL_HEIGHT;

/**
 * A billboard label over each object the plugin knows: the host's label on registered objects, the
 * class and confidence of confident detections, planes and meshes (English and Chinese) on a canvas
 * texture, drawn on top of the scene, scaled with distance so it stays readable across a room in VR.
 * All labels are drawn in one call per view ({@link LabelBatch}); each keeps a {@link Sprite} as its
 * layout (`spriteFor`), which is not rendered. Dispatches `label` on the {@link SceneUnderstanding}
 * when a label appears or changes.
 *
 * ```ts
 * const labels = new ObjectLabels( sense );
 * // each frame, after the world is updated:
 * labels.update();
 * labels.dispose();
 * ```
 */
export class ObjectLabels {
	/** Holds every label sprite and the batch that draws them; hidden from the rendered-view camera while it captures. */
	readonly group = new Group();
	readonly options: Required<ObjectLabelsOptions>;
	private readonly entries = new Map<WorldObject, Entry>();
	private readonly batch = new LabelBatch(WIDTH, HEIGHT);
	/** One canvas draws every label; its pixels are copied into the label's layer. */
	private canvas: HTMLCanvasElement | null = null;
	/** Layout sprites share one material: they are never drawn, so it is never compiled. */
	private readonly layoutMaterial = new SpriteMaterial();

	constructor(
		readonly sense: SceneUnderstanding,
		options: ObjectLabelsOptions = {},
	) {
		this.options = {
			sources: options.sources ?? ['scene', 'detector', 'plane', 'mesh'],
			minConfidence: options.minConfidence ?? 0.5,
			angularSize: options.angularSize ?? 0.07,
			minHeight: options.minHeight ?? 0.06,
		};
		this.group.name = 'xr-sense labels';
		this.group.userData.xrSenseOverlay = true;
		this.group.add(this.batch.mesh);
		sense.scene.add(this.group);
	}

	/** The sprite holding a world object's label layout — position, scale, `visible` — if any (for tests and hosts). */
	spriteFor(object: WorldObject): Sprite | undefined {
		return this.entries.get(object)?.sprite;
	}

	/** The RGBA image (rows top first, {@link LABEL_WIDTH} × {@link LABEL_HEIGHT}) drawn for a world object's label. */
	imageFor(object: WorldObject): Uint8Array | undefined {
		const entry = this.entries.get(object);
		return entry ? this.batch.image(entry.layer) : undefined;
	}

	get count(): number {
		return this.entries.size;
	}

	/** Creates, updates, places and removes labels to match the world; cheap when nothing changed. */
	update(
		camera: Camera = this.sense.renderer.xr.isPresenting ? this.sense.renderer.xr.getCamera() : this.sense.camera,
	): void {
		camera.getWorldPosition(_eye);
		this.batch.begin();
		for (const object of this.sense.world.objects.values()) {
			if (!this.options.sources.includes(object.source)) continue;
			let entry = this.entries.get(object);
			if (!entry) {
				entry = this.create();
				this.entries.set(object, entry);
			}
			// A registered object's label is the host's ground truth: shown as given, without a
			// percentage. A detector track of a registered object is that object seen again; showing
			// its guess too could contradict the host, so it is not labelled.
			const registered = object.source === 'scene';
			const shown =
				!object.hidden &&
				(registered ||
					(object.confidence >= this.options.minConfidence &&
						!(object.source === 'detector' && this.sense.world.explainedBySceneObject(object))));
			entry.sprite.visible = shown;
			if (!shown) continue;
			const text = registered ? object.label : `${object.label} ${Math.round(object.confidence * 20) * 5}%`;
			if (entry.text !== text) {
				this.draw(entry.layer, object.label, text);
				entry.text = text;
				if (entry.label !== object.label) {
					entry.label = object.label;
					this.sense.dispatchEvent({ type: 'label', object, label: object.label, confidence: object.confidence });
				}
			}
			const s = entry.sprite;
			s.position.copy(object.position);
			s.position.y += object.size.y / 2 + 0.04;
			const h = Math.max(this.options.minHeight, s.position.distanceTo(_eye) * this.options.angularSize);
			s.scale.set((h * WIDTH) / HEIGHT, h, 1);
			this.batch.push(entry.layer, s.position, s.scale.x, h);
		}
		this.batch.end();
		for (const [object, entry] of this.entries) {
			if (!this.sense.world.objects.has(object.id) || this.sense.world.get(object.id) !== object) {
				this.release(entry);
				this.entries.delete(object);
			}
		}
	}

	dispose(): void {
		for (const entry of this.entries.values()) this.release(entry);
		this.entries.clear();
		this.batch.dispose();
		this.layoutMaterial.dispose();
		this.group.removeFromParent();
	}

	private create(): Entry {
		const sprite = new Sprite(this.layoutMaterial);
		// Layout only: no camera renders it (the batch draws the label).
		sprite.layers.disableAll();
		sprite.name = 'xr-sense label';
		sprite.center.set(0.5, 0);
		this.group.add(sprite);
		return { sprite, layer: this.batch.allocate(), text: '', label: '' };
	}

	private release(entry: Entry): void {
		entry.sprite.removeFromParent();
		this.batch.release(entry.layer);
	}

	/** Draws a label (English line, Chinese line) and hands its pixels to the batch. */
	private draw(layer: number, label: string, english: string): void {
		if (!this.canvas) {
			this.canvas = document.createElement('canvas');
			this.canvas.width = WIDTH;
			this.canvas.height = HEIGHT;
		}
		// Read back on every change: a CPU-backed canvas makes that a copy, not a GPU round trip.
		const ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
		fillPanel(ctx, WIDTH, HEIGHT, 28);
		ctx.textAlign = 'center';
		ctx.textBaseline = 'middle';
		ctx.fillStyle = '#ffffff';
		ctx.font = `600 60px ${LABEL_FONTS}`;
		ctx.fillText(english, WIDTH / 2, HEIGHT * 0.34, WIDTH - 40);
		ctx.fillStyle = '#ffd76a';
		ctx.font = `500 48px ${LABEL_FONTS}`;
		ctx.fillText(labelZh(label), WIDTH / 2, HEIGHT * 0.74, WIDTH - 40);
		this.batch.setImage(layer, ctx.getImageData(0, 0, WIDTH, HEIGHT).data);
	}
}
