import { Matrix4, Vector3 } from 'three';

/**
 * A coarse grid of depth-sensing samples taken inside an XR frame (depth data is only valid there),
 * read later when a detection for that frame comes back. `depthAt` maps NDC to the nearest cell.
 */
export interface DepthGrid {
	size: number;
	/** Pose (camera-to-world) and projection of the view the depth belongs to. */
	pose: Matrix4;
	projection: Matrix4;
	/** Metres from the view plane, row-major from the top left; 0 where unknown. */
	values: Float32Array;
}

/** Samples CPU depth information (`depth-sensing` with `cpu-optimized` usage) on a `size`² grid. */
export function sampleDepthGrid(
	frame: XRFrame,
	view: XRView,
	pose: Matrix4,
	projection: Matrix4,
	size = 16,
): DepthGrid | null {
	let info: XRCPUDepthInformation | null | undefined;
	try {
		info = frame.getDepthInformation?.(view);
	} catch {
		return null; // depth-sensing not enabled, or GPU-optimized only
	}
	if (!info) return null;
	const values = new Float32Array(size * size);
	for (let j = 0; j < size; j++) {
		for (let i = 0; i < size; i++) values[j * size + i] = info.getDepthInMeters((i + 0.5) / size, (j + 0.5) / size);
	}
	return { size, values, pose: pose.clone(), projection: projection.clone() };
}

/** The depth at an NDC point, or null when the grid has no valid sample there. */
export function depthAt(grid: DepthGrid, ndcX: number, ndcY: number): number | null {
	const i = Math.min(grid.size - 1, Math.max(0, Math.floor(((ndcX + 1) / 2) * grid.size)));
	const j = Math.min(grid.size - 1, Math.max(0, Math.floor(((1 - ndcY) / 2) * grid.size)));
	const d = grid.values[j * grid.size + i];
	return d > 0 && Number.isFinite(d) ? d : null;
}

const _p = new Vector3();
const _forward = new Vector3();
const _inverse = new Matrix4();

/**
 * Distance along a world ray to the depth-sensed surface. The ray may come from another camera
 * than the depth's view (a getUserMedia camera beside the eyes): the cell is found by projecting a
 * point of the ray into the depth view.
 */
export function depthAlongRay(grid: DepthGrid, origin: Vector3, direction: Vector3): number | null {
	_inverse.copy(grid.pose).invert();
	_p.copy(origin).addScaledVector(direction, 2).applyMatrix4(_inverse).applyMatrix4(grid.projection);
	if (Math.abs(_p.x) > 1 || Math.abs(_p.y) > 1) return null;
	const d = depthAt(grid, _p.x, _p.y);
	if (d === null) return null;
	_forward.set(0, 0, -1).transformDirection(grid.pose);
	const cos = direction.dot(_forward);
	return cos > 1e-3 ? d / cos : null;
}
