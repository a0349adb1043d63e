import type { Detection } from '../perception/detection/Detector.js';
import { LABEL_FONTS } from '../runtime/panelCanvas.js';
import { bearingFrom, compassPoint, fadeAlpha, fitFrame, percent, type Rect, type XYZ } from './hudMath.js';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The {@link DebugHud} canvas, in pixels. */
export const HUD_WIDTH = 512;
export const HUD_HEIGHT = 320;
/** Where the analysed camera frame and its boxes are drawn. */
export const HUD_FRAME: Rect = [12, 12, 320, 180];
/** The sound compass: centre and radius. */
export const HUD_COMPASS = { x: 424, y: 102, radius: 62 } as const;
/** The frame area's fill before any frame has been analysed (and around a letterboxed one). */
export const HUD_FRAME_FILL = '#05070a';
/** Where the text lines begin, and their spacing. */
const LINES_TOP = 216;
const LINE_HEIGHT = 28;

/** A heard sound as the compass keeps it. */
export interface SoundMark {
	class: string;
	/** World-space direction from the listener. */
	direction: XYZ;
	/** `performance.now()` time it was heard. */
	time: number;
}

const _fit = { scale: 0, x: 0, y: 0, width: 0, height: 0 };
const _point = { x: 0, y: 0 };

/**
 * The camera frame the detector analysed last (`frame`, `width × height`), letterboxed into
 * {@link HUD_FRAME}, with each detection's box and label on it. Returns the boxes drawn.
 */
export function drawFrame(
	ctx: Context2D,
	frame: CanvasImageSource | null,
	width: number,
	height: number,
	detections: readonly Detection[],
): number {
	const [x, y, w, h] = HUD_FRAME;
	ctx.fillStyle = HUD_FRAME_FILL;
	ctx.fillRect(x, y, w, h);
	if (!frame || !(width > 0 && height > 0)) {
		ctx.fillStyle = '#8a96a8';
		ctx.font = `500 16px ${LABEL_FONTS}`;
		ctx.textAlign = 'center';
		ctx.textBaseline = 'middle';
		ctx.fillText('waiting for a detection round…', x + w / 2, y + h / 2, w - 16);
		ctx.textAlign = 'start';
		return 0;
	}
	const fit = fitFrame(width, height, HUD_FRAME, _fit);
	ctx.drawImage(frame, fit.x, fit.y, fit.width, fit.height);
	ctx.lineWidth = 2;
	ctx.font = `600 13px ${LABEL_FONTS}`;
	ctx.textBaseline = 'bottom';
	let drawn = 0;
	for (const d of detections) {
		const bx = fit.x + d.box[0] * fit.scale;
		const by = fit.y + d.box[1] * fit.scale;
		ctx.strokeStyle = '#7fff9a';
		ctx.strokeRect(bx, by, d.box[2] * fit.scale, d.box[3] * fit.scale);
		const text = `${d.label} ${percent(d.score)}`;
		const ty = Math.max(fit.y + 16, by);
		ctx.fillStyle = 'rgba(0, 0, 0, 0.7)';
		ctx.fillRect(bx, ty - 16, ctx.measureText(text).width + 8, 16);
		ctx.fillStyle = '#7fff9a';
		ctx.fillText(text, bx + 4, ty - 1);
		drawn++;
	}
	return drawn;
}

/**
 * The compass of recent sounds around the viewer, who faces its top: one mark per sound at its
 * bearing, labelled with the class and fading over `fadeMs`. Returns the marks drawn (not faded out).
 */
export function drawCompass(
	ctx: Context2D,
	marks: readonly SoundMark[],
	now: number,
	fadeMs: number,
	forward: XYZ,
): number {
	const { x, y, radius } = HUD_COMPASS;
	ctx.strokeStyle = 'rgba(127, 220, 255, 0.6)';
	ctx.lineWidth = 2;
	ctx.beginPath();
	ctx.arc(x, y, radius, 0, 2 * Math.PI);
	ctx.stroke();
	// Ahead: a tick at the top, and the viewer in the middle.
	ctx.beginPath();
	ctx.moveTo(x, y - radius - 8);
	ctx.lineTo(x, y - radius + 8);
	ctx.stroke();
	ctx.fillStyle = '#7fdcff';
	ctx.beginPath();
	ctx.arc(x, y, 4, 0, 2 * Math.PI);
	ctx.fill();
	ctx.font = `500 12px ${LABEL_FONTS}`;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	let drawn = 0;
	for (const mark of marks) {
		const alpha = fadeAlpha(now - mark.time, fadeMs);
		if (alpha <= 0) continue;
		const bearing = bearingFrom(mark.direction, forward);
		ctx.globalAlpha = alpha;
		compassPoint(bearing, x, y, radius, _point);
		ctx.fillStyle = '#ffb347';
		ctx.beginPath();
		ctx.arc(_point.x, _point.y, 7, 0, 2 * Math.PI);
		ctx.fill();
		// The class inside the ring, beside its mark: right-aligned on the right half, left-aligned on the left.
		const side = Math.sin(bearing);
		compassPoint(bearing, x, y, radius - 12, _point);
		ctx.textAlign = side > 0.3 ? 'right' : side < -0.3 ? 'left' : 'center';
		ctx.textBaseline = Math.cos(bearing) > 0.3 ? 'top' : Math.cos(bearing) < -0.3 ? 'bottom' : 'middle';
		ctx.fillStyle = '#ffffff';
		ctx.fillText(mark.class.replaceAll('_', ' '), _point.x, _point.y, radius * 1.1);
		drawn++;
	}
	ctx.globalAlpha = 1;
	ctx.textAlign = 'start';
	ctx.fillStyle = '#8a96a8';
	ctx.fillText('sounds', x - radius - 4, HUD_FRAME[1] + HUD_FRAME[3] - 4);
	return drawn;
}

/** The text lines under the pictures, each with its caption in the accent colour. */
export function drawLines(ctx: Context2D, lines: ReadonlyArray<readonly [caption: string, text: string]>): void {
	ctx.textBaseline = 'middle';
	ctx.textAlign = 'start';
	lines.forEach(([caption, text], i) => {
		const y = LINES_TOP + i * LINE_HEIGHT;
		ctx.font = `600 17px ${LABEL_FONTS}`;
		ctx.fillStyle = '#7fdcff';
		ctx.fillText(caption, 16, y, 90);
		ctx.font = `500 17px ${LABEL_FONTS}`;
		ctx.fillStyle = '#ffffff';
		ctx.fillText(text, 110, y, HUD_WIDTH - 126);
	});
}
