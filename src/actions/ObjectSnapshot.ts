import type { Material, Object3D, Quaternion, Vector3 } from 'three';

/**
 * Everything needed to put an object back as it was: its parent and place among the parent's
 * children, its local transform, its visibility and the materials of its meshes.
 *
 * ```ts
 * const before = new ObjectSnapshot( cup );
 * cup.removeFromParent();
 * before.restore(); // back under the same parent, same pose, same materials
 * ```
 */
export class ObjectSnapshot {
	readonly parent: Object3D | null;
	readonly index: number;
	readonly position: Vector3;
	readonly quaternion: Quaternion;
	readonly scale: Vector3;
	readonly visible: boolean;
	private readonly materials: Array<{
		mesh: Object3D & { material: Material | Material[] };
		material: Material | Material[];
	}> = [];

	constructor(readonly object: Object3D) {
		this.parent = object.parent;
		this.index = object.parent ? object.parent.children.indexOf(object) : -1;
		this.position = object.position.clone();
		this.quaternion = object.quaternion.clone();
		this.scale = object.scale.clone();
		this.visible = object.visible;
		object.traverse((o) => {
			const mesh = o as Object3D & { material?: Material | Material[] };
			if (mesh.material) {
				const material = Array.isArray(mesh.material) ? [...mesh.material] : mesh.material;
				this.materials.push({ mesh: mesh as Object3D & { material: Material | Material[] }, material });
			}
		});
	}

	/** Puts the object back under its parent (at its old index) with its old transform, visibility and materials. */
	restore(): void {
		const { object, parent } = this;
		if (object.parent !== parent) {
			object.removeFromParent();
			if (parent) {
				parent.add(object);
				// `add` appends; move it back to where it was so the host's child order is unchanged.
				const children = parent.children;
				const at = Math.min(this.index, children.length - 1);
				children.splice(children.indexOf(object), 1);
				children.splice(at, 0, object);
			}
		}
		object.position.copy(this.position);
		object.quaternion.copy(this.quaternion);
		object.scale.copy(this.scale);
		object.visible = this.visible;
		for (const { mesh, material } of this.materials) mesh.material = Array.isArray(material) ? [...material] : material;
		object.updateMatrixWorld(true);
	}
}
