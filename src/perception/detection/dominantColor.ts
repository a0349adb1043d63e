import { COLOR_NAMES, type ColorName } from '../../fusion/scenario.js';
import type { PixelBox } from './Detector.js';

/**
 * Names an sRGB colour (0–255 channels) with one of the scenario's {@link COLOR_NAMES}, by hue,
 * saturation and value — the way people name colours, so a dark orange is brown and a pale red pink.
 */
export function nameColor(r: number, g: number, b: number): ColorName {
	const max = Math.max(r, g, b);
	const min = Math.min(r, g, b);
	const v = max / 255;
	const s = max === 0 ? 0 : (max - min) / max;
	if (v < 0.18) return 'black';
	if (s < 0.2 || max - min < 24) {
		if (v > 0.82) return 'white';
		if (v < 0.3) return 'black';
		return 'gray';
	}
	let h: number;
	const d = max - min;
	if (max === r) h = ((g - b) / d + 6) % 6;
	else if (max === g) h = (b - r) / d + 2;
	else h = (r - g) / d + 4;
	h *= 60;
	if (h >= 10 && h < 48 && v < 0.62) return 'brown';
	if (h < 12 || h >= 340) return s < 0.5 && v > 0.7 ? 'pink' : 'red';
	if (h < 40) return 'orange';
	if (h < 68) return 'yellow';
	if (h < 165) return 'green';
	if (h < 255) return 'blue';
	if (h < 290) return 'purple';
	return 'pink';
}

/**
 * The dominant colour name inside `box` of an RGBA (or, with `channels` 3, RGB) image: votes over (at most ~2000 sampled) pixels
 * of the box's central part, where the object is and the background is least.
 */
export function dominantColor(
	rgba: ArrayLike<number>,
	width: number,
	height: number,
	box: PixelBox,
	channels = 4,
	centralFraction = 0.6,
): ColorName | undefined {
	const cw = box[2] * centralFraction;
	const ch = box[3] * centralFraction;
	const x0 = Math.max(0, Math.floor(box[0] + (box[2] - cw) / 2));
	const y0 = Math.max(0, Math.floor(box[1] + (box[3] - ch) / 2));
	const x1 = Math.min(width, Math.ceil(x0 + cw));
	const y1 = Math.min(height, Math.ceil(y0 + ch));
	if (x1 <= x0 || y1 <= y0) return undefined;
	const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 2000)));
	const votes = new Array<number>(COLOR_NAMES.length).fill(0);
	for (let y = y0; y < y1; y += step) {
		for (let x = x0; x < x1; x += step) {
			const i = (y * width + x) * channels;
			votes[COLOR_NAMES.indexOf(nameColor(rgba[i], rgba[i + 1], rgba[i + 2]))]++;
		}
	}
	let best = 0;
	for (let i = 1; i < votes.length; i++) if (votes[i] > votes[best]) best = i;
	return votes[best] > 0 ? COLOR_NAMES[best] : undefined;
}
