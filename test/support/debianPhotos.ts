/**
 * The hand-labelled photo set (test/fixtures/photos/coco-photos.json): real photographs shipped in
 * Debian packages, fetched at bench/test time with `apt-get download` + `dpkg -x` into
 * `.cache/debian/<package>/` (ignored by git), decoded and shrunk to at most 640 px a side (as a
 * camera frame would be), with the labelled boxes scaled alike.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RgbaImage, readImage } from '../../tools/_nodeModels.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = join(root, '.cache', 'debian');

export interface LabelledBox {
	label: string;
	/** `[x1, y1, x2, y2]` in the photo's pixels. */
	box: [number, number, number, number];
}

export interface PhotoEntry {
	package: string;
	version: string;
	file: string;
	licence: string;
	size: [number, number];
	boxes: LabelledBox[];
	ignore?: LabelledBox[];
}

export interface LabelledPhoto extends PhotoEntry {
	image: RgbaImage;
	name: string;
}

export function photoEntries(): PhotoEntry[] {
	return (
		JSON.parse(readFileSync(join(root, 'test/fixtures/photos/coco-photos.json'), 'utf8')) as { photos: PhotoEntry[] }
	).photos;
}

/** A file inside a Debian package, downloading and unpacking the package the first time. */
export function debianFile(pkg: string, inside: string): string {
	const dir = join(cache, pkg);
	const file = join(dir, 'root', inside);
	if (existsSync(file)) return file;
	mkdirSync(dir, { recursive: true });
	try {
		if (!readdirSync(dir).some((f) => f.endsWith('.deb')))
			execFileSync('apt-get', ['download', pkg], { cwd: dir, stdio: 'pipe' });
		const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
		if (!deb) throw new Error('apt-get download produced no .deb');
		execFileSync('dpkg', ['-x', join(dir, deb), join(dir, 'root')], { stdio: 'pipe' });
	} catch (error) {
		const e = error as Error & { stderr?: Buffer };
		throw new Error(
			`Cannot obtain ${inside} from the Debian package ${pkg} (${e.stderr?.toString().trim() || e.message}).\n` +
				'Fix: on Debian with apt sources, run `apt-get update`, or place the file yourself at\n' +
				file,
		);
	}
	if (!existsSync(file)) throw new Error(`${pkg} has no ${inside} (a newer version may have moved it)`);
	return file;
}

/** Every labelled photo, decoded and shrunk to at most `maxSide` pixels a side, boxes scaled alike. */
export function labelledPhotos(maxSide = 640): LabelledPhoto[] {
	return photoEntries().map((entry) => {
		const full = readImage(debianFile(entry.package, entry.file));
		if (full.width !== entry.size[0] || full.height !== entry.size[1]) {
			throw new Error(`${entry.file} is ${full.width}×${full.height}, labelled as ${entry.size.join('×')}`);
		}
		const k = Math.max(1, Math.ceil(Math.max(full.width, full.height) / maxSide));
		const scale = (b: LabelledBox): LabelledBox => ({
			label: b.label,
			box: b.box.map((v) => v / k) as LabelledBox['box'],
		});
		return {
			...entry,
			name: photoName(entry.file),
			image: k === 1 ? full : shrink(full, k),
			boxes: entry.boxes.map(scale),
			ignore: entry.ignore?.map(scale),
		};
	});
}

/** A short unique name: the file name, after its folder when the name alone is generic (`Kite/2560x1600.jpg`). */
export function photoName(file: string): string {
	const parts = file.split('/').filter((s) => s !== 'contents' && s !== 'images');
	const last = parts[parts.length - 1];
	return /^\d+x\d+\./.test(last) ? parts.slice(-2).join('/') : last;
}

/** Averages each k×k block into one pixel. */
function shrink(img: RgbaImage, k: number): RgbaImage {
	const width = Math.floor(img.width / k);
	const height = Math.floor(img.height / k);
	const data = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			for (let c = 0; c < 4; c++) {
				let sum = 0;
				for (let dy = 0; dy < k; dy++) {
					const row = ((y * k + dy) * img.width + x * k) * 4 + c;
					for (let dx = 0; dx < k; dx++) sum += img.data[row + dx * 4];
				}
				data[(y * width + x) * 4 + c] = Math.round(sum / (k * k));
			}
		}
	}
	return { data, width, height };
}
