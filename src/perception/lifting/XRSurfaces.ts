import { Box3, BufferAttribute, BufferGeometry, Matrix4, Mesh, MeshBasicMaterial, Vector3 } from 'three';
import type { SurfaceObservation } from '../../world/ObjectTracker.js';
import type { PlaneSnapshot } from './BoxLifter.js';

interface MeshEntry {
	mesh: Mesh;
	changed: number;
}

const _point = new Vector3();
const _box = new Box3();

/**
 * Reads the platform's detected planes and meshes (WebXR plane-detection / mesh-detection) inside an
 * XR frame and keeps them in world space: plane snapshots and three.js meshes for lifting, and
 * labelled surfaces (`semanticLabel`: floor, wall, table, couch…) for the world model.
 *
 * ```ts
 * const surfaces = new XRSurfaces();
 * surfaces.update( frame, renderer.xr.getReferenceSpace(), camera.parent?.matrixWorld );
 * lifter.lift( box, cameraFrame, { planes: surfaces.planes, meshes: surfaces.meshes } );
 * ```
 */
export class XRSurfaces {
	planes: PlaneSnapshot[] = [];
	meshes: Mesh[] = [];
	/** Planes and meshes that carry a semantic label, for {@link ObjectTracker.syncSurfaces}. */
	labelledPlanes: SurfaceObservation[] = [];
	labelledMeshes: SurfaceObservation[] = [];
	private readonly meshCache = new Map<XRMesh, MeshEntry>();
	private readonly material = new MeshBasicMaterial();

	update(frame: XRFrame, space: XRReferenceSpace, parent?: Matrix4): void {
		this.planes = [];
		this.labelledPlanes = [];
		frame.detectedPlanes?.forEach((plane) => {
			const pose = frame.getPose(plane.planeSpace, space);
			if (!pose) return;
			const matrix = new Matrix4().fromArray(pose.transform.matrix);
			if (parent) matrix.premultiply(parent);
			const polygon = plane.polygon.map((p) => ({ x: p.x, z: p.z }));
			this.planes.push({
				matrix,
				inverse: matrix.clone().invert(),
				polygon,
				orientation: plane.orientation,
				semanticLabel: plane.semanticLabel,
			});
			if (plane.semanticLabel) {
				_box.makeEmpty();
				for (const p of polygon) _box.expandByPoint(_point.set(p.x, 0, p.z).applyMatrix4(matrix));
				this.labelledPlanes.push(surface(plane, plane.semanticLabel));
			}
		});
		this.labelledMeshes = [];
		const seen = new Set<XRMesh>();
		frame.detectedMeshes?.forEach((xrMesh) => {
			const pose = frame.getPose(xrMesh.meshSpace, space);
			if (!pose) return;
			seen.add(xrMesh);
			let entry = this.meshCache.get(xrMesh);
			if (!entry || entry.changed !== xrMesh.lastChangedTime) {
				entry?.mesh.geometry.dispose();
				const geometry = new BufferGeometry();
				geometry.setAttribute('position', new BufferAttribute(xrMesh.vertices, 3));
				geometry.setIndex(new BufferAttribute(xrMesh.indices, 1));
				const mesh = entry?.mesh ?? new Mesh(geometry, this.material);
				mesh.geometry = geometry;
				mesh.matrixAutoUpdate = false;
				entry = { mesh, changed: xrMesh.lastChangedTime };
				this.meshCache.set(xrMesh, entry);
			}
			entry.mesh.matrix.fromArray(pose.transform.matrix);
			if (parent) entry.mesh.matrix.premultiply(parent);
			entry.mesh.matrixWorld.copy(entry.mesh.matrix);
			if (xrMesh.semanticLabel && xrMesh.semanticLabel !== 'global mesh') {
				entry.mesh.geometry.computeBoundingBox();
				_box.copy(entry.mesh.geometry.boundingBox!).applyMatrix4(entry.mesh.matrixWorld);
				this.labelledMeshes.push(surface(xrMesh, xrMesh.semanticLabel));
			}
		});
		for (const [xrMesh, entry] of this.meshCache) {
			if (!seen.has(xrMesh)) {
				entry.mesh.geometry.dispose();
				this.meshCache.delete(xrMesh);
			}
		}
		this.meshes = [...this.meshCache.values()].map((e) => e.mesh);
	}

	/** Forgets every plane and mesh (leaving AR). */
	clear(): void {
		for (const entry of this.meshCache.values()) entry.mesh.geometry.dispose();
		this.meshCache.clear();
		this.planes = [];
		this.meshes = [];
		this.labelledPlanes = [];
		this.labelledMeshes = [];
	}

	dispose(): void {
		this.clear();
		this.material.dispose();
	}
}

/** A labelled surface from the current `_box` (its world AABB). */
function surface(key: object, label: string): SurfaceObservation {
	return { key, label, position: _box.getCenter(new Vector3()), size: _box.getSize(new Vector3()) };
}
