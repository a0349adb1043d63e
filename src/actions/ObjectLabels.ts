import {
	type Camera,
	CanvasTexture,
	Group,
	LinearFilter,
	Sprite,
	SpriteMaterial,
	SRGBColorSpace,
	Vector3,
} from 'three';
import { labelZh } from '../perception/detection/cocoLabels.js';
import { fillPanel, LABEL_FONTS } from '../runtime/panelCanvas.js';
import type { SceneUnderstanding } from '../SceneUnderstanding.js';
import type { WorldObject, WorldObjectSource } from '../world/WorldObject.js';

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
	sprite: Sprite;
	canvas: HTMLCanvasElement;
	texture: CanvasTexture;
	text: string;
	label: string;
}

const _eye = new Vector3();
const WIDTH = 512;
const HEIGHT = 160;

/**
 * A billboard label over each object the plugin knows: the host's label on registered objects, the
 * class and confidence of confident detections, planes and meshes (English and Chinese) on a canvas
 * texture, drawn on top of the scene, scaled with distance so it stays readable across a room in VR.
 * Dispatches `label` on the {@link SceneUnderstanding} when a label appears or changes.
 *
 * ```ts
 * const labels = new ObjectLabels( sense );
 * // each frame, after the world is updated:
 * labels.update();
 * labels.dispose();
 * ```
 */
export class ObjectLabels {
	/** Holds every label sprite; hidden from the rendered-view camera while it captures. */
	readonly group = new Group();
	readonly options: Required<ObjectLabelsOptions>;
	private readonly entries = new Map<WorldObject, Entry>();

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
		sense.scene.add(this.group);
	}

	/** The sprite labelling a world object, if any (for tests and hosts). */
	spriteFor(object: WorldObject): Sprite | undefined {
		return this.entries.get(object)?.sprite;
	}

	get count(): number {
		return this.entries.size;
	}

	/** Creates, updates, places and removes labels to match the world; cheap when nothing changed. */
	update(
		camera: Camera = this.sense.renderer.xr.isPresenting ? this.sense.renderer.xr.getCamera() : this.sense.camera,
	): void {
		camera.getWorldPosition(_eye);
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
				draw(entry.canvas, object.label, text);
				entry.texture.needsUpdate = true;
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
		}
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
		this.group.removeFromParent();
	}

	private create(): Entry {
		const canvas = document.createElement('canvas');
		canvas.width = WIDTH;
		canvas.height = HEIGHT;
		const texture = new CanvasTexture(canvas);
		texture.colorSpace = SRGBColorSpace;
		texture.minFilter = LinearFilter;
		texture.generateMipmaps = false;
		const material = new SpriteMaterial({ map: texture, depthTest: false, depthWrite: false, transparent: true });
		const sprite = new Sprite(material);
		sprite.renderOrder = 1000;
		sprite.name = 'xr-sense label';
		sprite.center.set(0.5, 0);
		this.group.add(sprite);
		return { sprite, canvas, texture, text: '', label: '' };
	}

	private release(entry: Entry): void {
		entry.sprite.removeFromParent();
		entry.texture.dispose();
		entry.sprite.material.dispose();
	}
}

function draw(canvas: HTMLCanvasElement, label: string, english: string): void {
	const ctx = canvas.getContext('2d')!;
	fillPanel(ctx, WIDTH, HEIGHT, 28);
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.fillStyle = '#ffffff';
	ctx.font = `600 60px ${LABEL_FONTS}`;
	ctx.fillText(english, WIDTH / 2, HEIGHT * 0.34, WIDTH - 40);
	ctx.fillStyle = '#ffd76a';
	ctx.font = `500 48px ${LABEL_FONTS}`;
	ctx.fillText(labelZh(label), WIDTH / 2, HEIGHT * 0.74, WIDTH - 40);
}
