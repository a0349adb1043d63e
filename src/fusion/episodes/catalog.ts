/**
 * What the episode generator can put in a room: object kinds with the labels a perception stage
 * may report for them (COCO names, WebXR semantic labels), the words people use for them in
 * English and Chinese, a typical size, where they go, their colours and the sounds they make.
 */
import { COLOR_NAMES, type ColorName, type SoundClass, type Vec3 } from '../scenario.js';

export type Placement = 'floor' | 'surface' | 'wall';

export interface Kind {
	/** Labels a perception stage reports for this kind (one is chosen per object). */
	labels: string[];
	en: string[];
	zh: string[];
	size: Vec3;
	place: Placement;
	/** Things can rest on its top. */
	support?: boolean;
	/** Can be picked up and moved by hand. */
	small?: boolean;
	colors: ColorName[];
	sounds?: SoundClass[];
}

const ANY: ColorName[] = [...COLOR_NAMES];
const DARK: ColorName[] = ['brown', 'black', 'white', 'gray'];
const SOFT: ColorName[] = ['gray', 'blue', 'brown', 'green', 'red', 'black', 'white'];

export const KINDS: Kind[] = [
	{
		labels: ['dining table', 'table'],
		en: ['table'],
		zh: ['桌子', '餐桌'],
		size: [1.4, 0.75, 0.8],
		place: 'floor',
		support: true,
		colors: DARK,
	},
	{
		labels: ['desk', 'table'],
		en: ['desk', 'table'],
		zh: ['书桌', '桌子'],
		size: [1.1, 0.72, 0.6],
		place: 'floor',
		support: true,
		colors: DARK,
	},
	{
		labels: ['shelf'],
		en: ['shelf', 'bookshelf'],
		zh: ['架子', '书架'],
		size: [0.9, 1.2, 0.35],
		place: 'floor',
		support: true,
		colors: DARK,
	},
	{
		labels: ['couch'],
		en: ['couch', 'sofa'],
		zh: ['沙发'],
		size: [2.0, 0.85, 0.9],
		place: 'floor',
		support: true,
		colors: SOFT,
	},
	{
		labels: ['chair'],
		en: ['chair', 'seat'],
		zh: ['椅子'],
		size: [0.5, 0.9, 0.5],
		place: 'floor',
		support: true,
		colors: SOFT,
	},
	{ labels: ['bed'], en: ['bed'], zh: ['床'], size: [1.6, 0.5, 2.0], place: 'floor', support: true, colors: SOFT },
	{
		labels: ['tv', 'screen'],
		en: ['tv', 'television', 'screen'],
		zh: ['电视', '电视机'],
		size: [1.1, 0.65, 0.08],
		place: 'surface',
		colors: ['black', 'gray', 'white'],
		sounds: ['speech', 'music'],
	},
	{
		labels: ['lamp'],
		en: ['lamp', 'light'],
		zh: ['灯', '台灯'],
		size: [0.3, 0.5, 0.3],
		place: 'surface',
		small: true,
		colors: ANY,
		sounds: ['hum'],
	},
	{
		labels: ['floor lamp', 'lamp'],
		en: ['lamp', 'floor lamp'],
		zh: ['灯', '落地灯'],
		size: [0.4, 1.5, 0.4],
		place: 'floor',
		colors: ANY,
	},
	{
		labels: ['potted plant', 'plant'],
		en: ['plant', 'flower', 'potted plant'],
		zh: ['植物', '盆栽', '花'],
		size: [0.35, 0.6, 0.35],
		place: 'floor',
		small: true,
		colors: ['green', 'yellow', 'pink', 'red', 'white'],
	},
	{
		labels: ['cup'],
		en: ['cup', 'mug'],
		zh: ['杯子', '茶杯'],
		size: [0.09, 0.11, 0.09],
		place: 'surface',
		small: true,
		colors: ANY,
	},
	{
		labels: ['bottle'],
		en: ['bottle'],
		zh: ['瓶子'],
		size: [0.08, 0.26, 0.08],
		place: 'surface',
		small: true,
		colors: ANY,
	},
	{ labels: ['bowl'], en: ['bowl'], zh: ['碗'], size: [0.17, 0.08, 0.17], place: 'surface', small: true, colors: ANY },
	{
		labels: ['book'],
		en: ['book'],
		zh: ['书', '书本'],
		size: [0.16, 0.04, 0.23],
		place: 'surface',
		small: true,
		colors: ANY,
	},
	{ labels: ['vase'], en: ['vase'], zh: ['花瓶'], size: [0.15, 0.3, 0.15], place: 'surface', small: true, colors: ANY },
	{
		labels: ['clock'],
		en: ['clock', 'alarm clock'],
		zh: ['钟', '时钟', '闹钟'],
		size: [0.22, 0.22, 0.08],
		place: 'surface',
		small: true,
		colors: ANY,
		sounds: ['alarm', 'bell'],
	},
	{
		labels: ['cell phone'],
		en: ['phone', 'cell phone', 'mobile'],
		zh: ['手机', '电话'],
		size: [0.08, 0.02, 0.16],
		place: 'surface',
		small: true,
		colors: ['black', 'white', 'blue', 'pink', 'gray', 'red'],
		sounds: ['phone_ring'],
	},
	{
		labels: ['remote'],
		en: ['remote', 'remote control'],
		zh: ['遥控器'],
		size: [0.05, 0.02, 0.18],
		place: 'surface',
		small: true,
		colors: ['black', 'gray', 'white'],
	},
	{
		labels: ['laptop'],
		en: ['laptop', 'computer'],
		zh: ['电脑', '笔记本'],
		size: [0.35, 0.03, 0.25],
		place: 'surface',
		small: true,
		colors: ['gray', 'black', 'white'],
		sounds: ['hum'],
	},
	{
		labels: ['keyboard'],
		en: ['keyboard'],
		zh: ['键盘'],
		size: [0.44, 0.03, 0.14],
		place: 'surface',
		small: true,
		colors: ['black', 'white', 'gray'],
	},
	{
		labels: ['teddy bear'],
		en: ['teddy bear', 'teddy', 'bear'],
		zh: ['泰迪熊', '玩具熊'],
		size: [0.25, 0.35, 0.2],
		place: 'surface',
		small: true,
		colors: ['brown', 'white', 'pink', 'yellow'],
	},
	{
		labels: ['dog'],
		en: ['dog', 'puppy'],
		zh: ['狗', '小狗'],
		size: [0.3, 0.5, 0.7],
		place: 'floor',
		colors: ['brown', 'black', 'white', 'yellow'],
		sounds: ['dog'],
	},
	{
		labels: ['backpack'],
		en: ['backpack', 'bag'],
		zh: ['背包', '书包'],
		size: [0.32, 0.45, 0.2],
		place: 'floor',
		small: true,
		colors: ANY,
	},
	{
		labels: ['apple'],
		en: ['apple'],
		zh: ['苹果'],
		size: [0.08, 0.08, 0.08],
		place: 'surface',
		small: true,
		colors: ['red', 'green', 'yellow'],
	},
	{
		labels: ['banana'],
		en: ['banana'],
		zh: ['香蕉'],
		size: [0.2, 0.04, 0.05],
		place: 'surface',
		small: true,
		colors: ['yellow', 'green'],
	},
	{
		labels: ['scissors'],
		en: ['scissors'],
		zh: ['剪刀'],
		size: [0.18, 0.02, 0.07],
		place: 'surface',
		small: true,
		colors: ANY,
	},
	{
		labels: ['radio'],
		en: ['radio'],
		zh: ['收音机'],
		size: [0.3, 0.18, 0.12],
		place: 'surface',
		small: true,
		colors: ANY,
		sounds: ['music', 'speech'],
	},
	{
		labels: ['door'],
		en: ['door'],
		zh: ['门'],
		size: [0.9, 2.0, 0.05],
		place: 'wall',
		colors: DARK,
		sounds: ['knock'],
	},
	{
		labels: ['window'],
		en: ['window'],
		zh: ['窗户'],
		size: [1.2, 1.1, 0.05],
		place: 'wall',
		colors: ['white', 'gray'],
	},
	{
		labels: ['wall art'],
		en: ['picture', 'painting'],
		zh: ['画', '挂画'],
		size: [0.8, 0.6, 0.04],
		place: 'wall',
		colors: ANY,
	},
	{
		labels: ['sink'],
		en: ['sink'],
		zh: ['水槽', '水池'],
		size: [0.6, 0.2, 0.45],
		place: 'surface',
		colors: ['white', 'gray'],
		sounds: ['water'],
	},
	{
		labels: ['refrigerator'],
		en: ['fridge', 'refrigerator'],
		zh: ['冰箱'],
		size: [0.7, 1.8, 0.7],
		place: 'floor',
		colors: ['white', 'gray', 'black'],
		sounds: ['hum'],
	},
	{
		labels: ['microwave'],
		en: ['microwave'],
		zh: ['微波炉'],
		size: [0.5, 0.3, 0.35],
		place: 'surface',
		colors: ['white', 'black', 'gray'],
		sounds: ['bell', 'hum'],
	},
	{
		labels: ['umbrella'],
		en: ['umbrella'],
		zh: ['雨伞', '伞'],
		size: [0.15, 0.9, 0.15],
		place: 'floor',
		small: true,
		colors: ANY,
	},
];

/** Labels a host app registered that no detector knows: in training they reach the model only through hash buckets. */
export const FREE_LABELS_TRAIN = [
	'globe',
	'trophy',
	'robot',
	'guitar',
	'kettle',
	'candle',
	'statue',
	'drum',
	'helmet',
	'lantern',
	'basket',
	'pillow',
	'toaster',
	'camera',
	'violin',
	'skull',
	'crown',
	'rocket',
];
/** Held out: never in training. */
export const FREE_LABELS_TEST = ['piano', 'cactus', 'hammer', 'teapot', 'compass', 'telescope', 'dragon', 'anchor'];

export function freeKind(label: string): Kind {
	return {
		labels: [label],
		en: [label],
		zh: [label],
		size: [0.25, 0.25, 0.25],
		place: 'surface',
		small: true,
		colors: ANY,
	};
}

export const COLOR_WORDS: Record<ColorName, { en: string[]; zh: string[] }> = {
	red: { en: ['red'], zh: ['红色', '红'] },
	orange: { en: ['orange'], zh: ['橙色', '橘色'] },
	yellow: { en: ['yellow'], zh: ['黄色', '黄'] },
	green: { en: ['green'], zh: ['绿色', '绿'] },
	blue: { en: ['blue'], zh: ['蓝色', '蓝'] },
	purple: { en: ['purple'], zh: ['紫色'] },
	pink: { en: ['pink'], zh: ['粉色', '粉红色'] },
	brown: { en: ['brown'], zh: ['棕色', '咖啡色'] },
	black: { en: ['black'], zh: ['黑色', '黑'] },
	white: { en: ['white'], zh: ['白色', '白'] },
	gray: { en: ['gray', 'grey'], zh: ['灰色'] },
};

/** How people say that something makes a sound (relative clause / adjective). */
export const SOUND_WORDS: Partial<Record<SoundClass, { en: string[]; zh: string[] }>> = {
	phone_ring: { en: ['ringing'], zh: ['在响的', '响铃的'] },
	bell: { en: ['chiming', 'dinging'], zh: ['叮叮响的', '打铃的'] },
	alarm: { en: ['beeping', 'going off'], zh: ['在报警的', '嘀嘀响的'] },
	music: { en: ['playing music'], zh: ['在放音乐的', '放歌的'] },
	speech: { en: ['talking'], zh: ['在说话的', '有人说话的'] },
	dog: { en: ['barking'], zh: ['在叫的', '汪汪叫的'] },
	hum: { en: ['humming', 'buzzing'], zh: ['嗡嗡响的'] },
	knock: { en: ['knocking'], zh: ['有敲门声的', '咚咚响的'] },
	water: { en: ['dripping', 'running'], zh: ['在滴水的', '有水声的'] },
};
