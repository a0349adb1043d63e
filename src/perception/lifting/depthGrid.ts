/**
 * A coarse grid of depth-sensing samples taken inside an XR frame (depth data is only valid there),
 * read later when a detection for that frame comes back. `depthAt` maps NDC to the nearest cell.
 */
export interface DepthGrid {
	size: number;
	/** Metres from the view plane, row-major from the top left; 0 where unknown. */
	values: Float32Array;
}

/** Samples CPU depth information (`depth-sensing` with `cpu-optimized` usage) on a `size`² grid. */
export function sampleDepthGrid(frame: XRFrame, view: XRView, size = 16): DepthGrid | null {
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
	return { size, values };
}

/** The depth at an NDC point, or null when the grid has no valid sample there. */
export function depthAt(grid: DepthGrid, ndcX: number, ndcY: number): number | null {
	const i = Math.min(grid.size - 1, Math.max(0, Math.floor(((ndcX + 1) / 2) * grid.size)));
	const j = Math.min(grid.size - 1, Math.max(0, Math.floor(((1 - ndcY) / 2) * grid.size)));
	const d = grid.values[j * grid.size + i];
	return d > 0 && Number.isFinite(d) ? d : null;
}
