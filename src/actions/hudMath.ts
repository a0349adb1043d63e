/**
 * The pure parts of the {@link DebugHud}: where a sound's mark sits on the compass, how it fades,
 * how a camera frame fits its box, and how the figures read. No DOM, no three.js objects: tested in Node.
 */

/** Anything with x, y, z (a three.js `Vector3`). */
export interface XYZ {
	x: number;
	y: number;
	z: number;
}

/** A rectangle in canvas pixels: left, top, width, height. */
export type Rect = readonly [x: number, y: number, width: number, height: number];

/**
 * Bearing of a world direction seen from a viewer facing `forward`, on the horizontal plane: radians
 * in (−π, π], 0 straight ahead, positive to the viewer's right (clockwise seen from above), ±π behind.
 * Heights are ignored (stereo hearing gives no elevation); a vertical `forward` counts as facing −Z.
 */
export function bearingFrom(direction: XYZ, forward: XYZ): number {
	const heading = forward.x === 0 && forward.z === 0 ? 0 : Math.atan2(forward.x, -forward.z);
	return wrapAngle(Math.atan2(direction.x, -direction.z) - heading);
}

/** An angle brought into (−π, π]. */
export function wrapAngle(a: number): number {
	const wrapped = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
	return wrapped === -Math.PI ? Math.PI : wrapped;
}

/**
 * Where a bearing sits on a compass drawn at (`cx`, `cy`) with `radius`, ahead at the top: written
 * into `out` (canvas pixels, y down), which is returned.
 */
export function compassPoint<T extends { x: number; y: number }>(
	bearing: number,
	cx: number,
	cy: number,
	radius: number,
	out: T,
): T {
	out.x = cx + radius * Math.sin(bearing);
	out.y = cy - radius * Math.cos(bearing);
	return out;
}

/** Opacity of a mark `ageMs` old that fades out linearly over `fadeMs`: 1 when new, 0 from `fadeMs` on. */
export function fadeAlpha(ageMs: number, fadeMs: number): number {
	if (!(fadeMs > 0) || !(ageMs < fadeMs)) return 0;
	return ageMs <= 0 ? 1 : 1 - ageMs / fadeMs;
}

/**
 * How a `width × height` frame fits inside `box` without distortion (letterboxed, centred): the
 * scale from frame pixels to canvas pixels and the canvas position of the frame's top-left corner.
 */
export function fitFrame(
	width: number,
	height: number,
	box: Rect,
	out: { scale: number; x: number; y: number; width: number; height: number },
): typeof out {
	const scale = width > 0 && height > 0 ? Math.min(box[2] / width, box[3] / height) : 0;
	out.scale = scale;
	out.width = width * scale;
	out.height = height * scale;
	out.x = box[0] + (box[2] - out.width) / 2;
	out.y = box[1] + (box[3] - out.height) / 2;
	return out;
}

/** Frames per second from `frames` counted over `ms`; 0 when there is nothing to measure. */
export function framesPerSecond(frames: number, ms: number): number {
	return frames > 0 && ms > 0 ? (frames * 1000) / ms : 0;
}

/** A 0–1 confidence as a whole percentage: `0.923` → `'92%'`. */
export function percent(confidence: number): string {
	return Number.isFinite(confidence) ? `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%` : '–';
}

/** The intent line: `'grab → red cup · 92%'`, `'none · 40%'`, or `'–'` before any answer. */
export function intentLine(intent: string | null, target: string | null, confidence: number): string {
	if (!intent) return '–';
	return `${intent}${target ? ` → ${target}` : ''} · ${percent(confidence)}`;
}

/** The performance line: `'58 fps · +1.2 ms/frame · webgl · 71 tensors'`. */
export function perfLine(fps: number, updateMs: number, backend: string | null, tensors: number): string {
	const ms = updateMs < 10 ? updateMs.toFixed(1) : Math.round(updateMs).toString();
	return `${Math.round(fps)} fps · +${ms} ms/frame · ${backend ?? '…'} · ${tensors} tensors`;
}
