import { describe, expect, it } from 'vitest';
import { dominantColor, nameColor } from '../../src/perception/detection/dominantColor.js';

describe('nameColor', () => {
	it.each([
		[[220, 20, 30], 'red'],
		[[250, 140, 0], 'orange'],
		[[240, 220, 30], 'yellow'],
		[[30, 160, 50], 'green'],
		[[30, 60, 200], 'blue'],
		[[0, 160, 200], 'blue'],
		[[130, 40, 180], 'purple'],
		[[240, 120, 190], 'pink'],
		[[250, 170, 180], 'pink'],
		[[120, 70, 30], 'brown'],
		[[10, 10, 12], 'black'],
		[[245, 245, 240], 'white'],
		[[128, 128, 130], 'gray'],
	] as const)('names %j %s', (rgb, name) => {
		expect(nameColor(rgb[0], rgb[1], rgb[2])).toBe(name);
	});
});

describe('dominantColor', () => {
	function image(width: number, height: number, fill: (x: number, y: number) => [number, number, number]) {
		const data = new Uint8Array(width * height * 4);
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const [r, g, b] = fill(x, y);
				data.set([r, g, b, 255], (y * width + x) * 4);
			}
		}
		return data;
	}

	it('names the object in the box, not the background around it', () => {
		// a red square in the middle of a large box of white background
		const data = image(100, 100, (x, y) => (x >= 30 && x < 70 && y >= 30 && y < 70 ? [200, 20, 20] : [250, 250, 250]));
		expect(dominantColor(data, 100, 100, [20, 20, 60, 60])).toBe('red');
		expect(dominantColor(data, 100, 100, [0, 0, 25, 100])).toBe('white');
	});

	it('reads RGB (3-channel) images and returns undefined for an empty box', () => {
		const rgb = new Uint8Array(10 * 10 * 3).fill(0).map((_, i) => (i % 3 === 2 ? 220 : 30));
		expect(dominantColor(rgb, 10, 10, [0, 0, 10, 10], 3)).toBe('blue');
		expect(dominantColor(rgb, 10, 10, [20, 20, 5, 5], 3)).toBeUndefined();
	});
});
