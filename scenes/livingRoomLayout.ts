import type { ColorName, Vec3 } from '../src/fusion/scenario.js';

/** The primitive a layout entry is drawn with. */
export type Shape = 'box' | 'cylinder' | 'sphere' | 'cone' | 'plant' | 'lamp' | 'cup' | 'couch' | 'table' | 'shelf';

/** One object of a scene layout: what it is (ground truth) and where. Pure data, usable in Node. */
export interface LayoutObject {
	/** Unique name, after what it is: "red cup". Also the world-object id (spaces → dashes). */
	name: string;
	/** Ground-truth label: a COCO class name or a WebXR semantic label. */
	label: string;
	color: ColorName;
	/** Centre of the bounding box, metres, three.js world space (viewer starts at the origin facing −z). */
	position: Vec3;
	/** Bounding-box extent (width, height, depth). */
	size: Vec3;
	shape: Shape;
	/** Hex colour used to draw it. */
	hex: number;
	/** Name of the object it rests on, when it rests on one. */
	on?: string;
}

const TABLE_TOP = 0.75;
const SHELF_TOP = 1.2;

/**
 * The default living room: couch, table, lamps, plants, cups (one red), books, a TV, a clock and a
 * phone, each named after what it is and carrying its ground-truth label. Objects on the table and
 * the shelf rest exactly on their top surfaces.
 */
export const LIVING_ROOM: readonly LayoutObject[] = [
	{
		name: 'gray couch',
		label: 'couch',
		color: 'gray',
		position: [0, 0.42, -3.6],
		size: [2.2, 0.84, 0.9],
		shape: 'couch',
		hex: 0x7d8088,
	},
	{
		name: 'brown table',
		label: 'table',
		color: 'brown',
		position: [0, TABLE_TOP / 2, -2],
		size: [1.4, TABLE_TOP, 0.8],
		shape: 'table',
		hex: 0x8b5a2b,
	},
	{
		name: 'red cup',
		label: 'cup',
		color: 'red',
		position: [-0.35, TABLE_TOP + 0.06, -1.9],
		size: [0.09, 0.12, 0.09],
		shape: 'cup',
		hex: 0xe02424,
		on: 'brown table',
	},
	{
		name: 'blue cup',
		label: 'cup',
		color: 'blue',
		position: [0.05, TABLE_TOP + 0.06, -2.1],
		size: [0.09, 0.12, 0.09],
		shape: 'cup',
		hex: 0x2456e0,
		on: 'brown table',
	},
	{
		// On the shelf, near ear height and off to the right: its ring comes from a bearing of its own.
		name: 'pink phone',
		label: 'cell phone',
		color: 'pink',
		position: [2.3, SHELF_TOP + 0.08, -1.72],
		size: [0.08, 0.16, 0.04],
		shape: 'box',
		hex: 0xf07ab8,
		on: 'brown shelf',
	},
	{
		name: 'brown shelf',
		label: 'shelf',
		color: 'brown',
		position: [2.3, SHELF_TOP / 2, -2.2],
		size: [0.4, SHELF_TOP, 1.2],
		shape: 'shelf',
		hex: 0x6b4423,
	},
	{
		name: 'blue book',
		label: 'book',
		color: 'blue',
		position: [2.3, SHELF_TOP + 0.12, -2.5],
		size: [0.16, 0.24, 0.05],
		shape: 'box',
		hex: 0x1f3fbf,
		on: 'brown shelf',
	},
	{
		name: 'orange book',
		label: 'book',
		color: 'orange',
		position: [2.3, SHELF_TOP + 0.11, -2.35],
		size: [0.16, 0.22, 0.05],
		shape: 'box',
		hex: 0xf08a1c,
		on: 'brown shelf',
	},
	{
		name: 'white cup',
		label: 'cup',
		color: 'white',
		position: [0.45, TABLE_TOP + 0.06, -2.0],
		size: [0.09, 0.12, 0.09],
		shape: 'cup',
		hex: 0xf2f2f2,
		on: 'brown table',
	},
	{
		name: 'yellow lamp',
		label: 'lamp',
		color: 'yellow',
		position: [-1.6, 0.8, -3.5],
		size: [0.4, 1.6, 0.4],
		shape: 'lamp',
		hex: 0xf5d000,
	},
	{
		name: 'white lamp',
		label: 'lamp',
		color: 'white',
		position: [1.6, 0.55, -3.5],
		size: [0.35, 1.1, 0.35],
		shape: 'lamp',
		hex: 0xeeeeee,
	},
	{
		name: 'green plant',
		label: 'potted plant',
		color: 'green',
		position: [-2.4, 0.45, -1.6],
		size: [0.5, 0.9, 0.5],
		shape: 'plant',
		hex: 0x2e9e3a,
	},
	{
		name: 'purple plant',
		label: 'potted plant',
		color: 'purple',
		position: [-2.4, 0.3, -0.4],
		size: [0.4, 0.6, 0.4],
		shape: 'plant',
		hex: 0x8e3fc4,
	},
	{
		name: 'black tv',
		label: 'tv',
		color: 'black',
		position: [0, 1.55, -4.35],
		size: [1.3, 0.75, 0.08],
		shape: 'box',
		hex: 0x111111,
	},
	{
		name: 'white clock',
		label: 'clock',
		color: 'white',
		position: [-1.4, 2.0, -4.37],
		size: [0.36, 0.36, 0.05],
		shape: 'cylinder',
		hex: 0xfafafa,
	},
];

/** The room shell: floor and walls (not candidates for interaction). */
export const ROOM_SIZE: Vec3 = [6, 2.8, 9];
