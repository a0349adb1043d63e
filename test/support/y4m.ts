/**
 * A minimal YUV4MPEG2 writer, for Chromium's `--use-file-for-fake-video-capture`: turns an RGBA
 * image into a one-frame 4:2:0 y4m (BT.601 full range, as JPEG), which Chromium loops as a camera.
 */
import { writeFileSync } from 'node:fs';

export function writeY4m(path: string, rgba: ArrayLike<number>, width: number, height: number): void {
	if (width % 2 || height % 2) throw new Error(`y4m 4:2:0 needs even sides, got ${width}×${height}`);
	const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'latin1');
	const y = Buffer.alloc(width * height);
	const u = Buffer.alloc((width / 2) * (height / 2));
	const v = Buffer.alloc((width / 2) * (height / 2));
	const clamp = (x: number) => Math.max(0, Math.min(255, Math.round(x)));
	for (let j = 0; j < height; j++) {
		for (let i = 0; i < width; i++) {
			const k = (j * width + i) * 4;
			y[j * width + i] = clamp(0.299 * rgba[k] + 0.587 * rgba[k + 1] + 0.114 * rgba[k + 2]);
		}
	}
	for (let j = 0; j < height; j += 2) {
		for (let i = 0; i < width; i += 2) {
			let r = 0;
			let g = 0;
			let b = 0;
			for (const [di, dj] of [
				[0, 0],
				[1, 0],
				[0, 1],
				[1, 1],
			]) {
				const k = ((j + dj) * width + i + di) * 4;
				r += rgba[k] / 4;
				g += rgba[k + 1] / 4;
				b += rgba[k + 2] / 4;
			}
			const c = (j / 2) * (width / 2) + i / 2;
			u[c] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
			v[c] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
		}
	}
	writeFileSync(path, Buffer.concat([header, y, u, v]));
}
