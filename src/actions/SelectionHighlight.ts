import { BoxHelper, type ColorRepresentation, type Object3D } from 'three';

/**
 * A glowing wire box around the selected object: it reads well over AR passthrough and in VR,
 * and needs no change to the host's materials.
 *
 * ```ts
 * const highlight = new SelectionHighlight( scene );
 * highlight.show( redCup );
 * // each frame:
 * highlight.update();
 * ```
 */
export class SelectionHighlight {
	/** The object highlighted now, or null. */
	target: Object3D | null = null;
	private readonly helper: BoxHelper;

	constructor(scene: Object3D, color: ColorRepresentation = 0x35e0ff) {
		this.helper = new BoxHelper(undefined as unknown as Object3D, color);
		this.helper.name = 'xr-sense selection';
		this.helper.visible = false;
		this.helper.renderOrder = 999;
		const material = this.helper.material as { depthTest: boolean; transparent: boolean };
		// Drawn on top: the outline stays visible when the object is behind others or in passthrough.
		material.depthTest = false;
		material.transparent = true;
		this.helper.raycast = () => {};
		scene.add(this.helper);
	}

	/** Highlights `object`, or clears the highlight with null. */
	show(object: Object3D | null): void {
		this.target = object;
		this.helper.visible = object !== null;
		if (object) this.helper.setFromObject(object);
	}

	/** Follows the target as it moves; call once per frame. */
	update(): void {
		if (this.target) {
			this.helper.update();
			this.helper.visible = this.target.visible;
		}
	}

	dispose(): void {
		this.helper.removeFromParent();
		this.helper.geometry.dispose();
		(this.helper.material as { dispose(): void }).dispose();
		this.target = null;
	}
}
