import {
	CanvasTexture,
	type EventDispatcher,
	Group,
	Mesh,
	MeshBasicMaterial,
	type Object3D,
	PlaneGeometry,
	Raycaster,
	SRGBColorSpace,
	Vector3,
} from 'three';
import type { Lang } from '../../fusion/scenario.js';
import { fillPanel, LABEL_FONTS } from '../../runtime/panelCanvas.js';
import { TranscriptSourceBase } from './TranscriptSource.js';

export interface PhrasePanelOptions {
	/** The phrases offered, one button each (English and Chinese both fine). */
	phrases: readonly string[];
	/** Controller groups (`renderer.xr.getController( i )`) whose trigger/pinch presses a button. */
	controllers: Object3D[];
	/** Button size in metres (default 0.42 × 0.075). */
	width?: number;
	height?: number;
}

const _origin = new Vector3();
const _direction = new Vector3();

/**
 * Typed input for people inside a headset, where there is no keyboard and often no speech
 * recogniser: a small panel of phrase buttons in the scene. Aiming a controller (or hand) at one and
 * pulling the trigger (pinching) delivers its text as a transcript, with the time of the press.
 * Add `panel.group` to the scene where the user can reach it (e.g. to the left of the view).
 *
 * ```ts
 * const panel = new PhrasePanelTranscriptSource( { phrases: [ 'pick up the red cup', '这是什么' ], controllers } );
 * panel.group.position.set( -0.6, 1.3, -0.8 );
 * scene.add( panel.group );
 * hearing.addTranscriptSource( panel );
 * ```
 */
export class PhrasePanelTranscriptSource extends TranscriptSourceBase {
	readonly kind = 'typed';
	/** The panel: one mesh per phrase, `userData.phrase` holding its text. */
	readonly group = new Group();
	private readonly buttons: Mesh[] = [];
	private readonly raycaster = new Raycaster();
	private readonly cleanups: Array<() => void> = [];

	constructor(options: PhrasePanelOptions) {
		super();
		this.group.name = 'xr-sense phrase panel';
		const width = options.width ?? 0.42;
		const height = options.height ?? 0.075;
		const geometry = new PlaneGeometry(width, height);
		options.phrases.forEach((phrase, i) => {
			const map = buttonTexture(phrase);
			const button = new Mesh(geometry, new MeshBasicMaterial({ map, transparent: true }));
			button.name = `phrase: ${phrase}`;
			button.userData.phrase = phrase;
			button.position.y = -i * height * 1.2;
			this.group.add(button);
			this.buttons.push(button);
		});
		for (const controller of options.controllers) {
			const target = controller as unknown as EventDispatcher<Record<string, object>>;
			const onSelect = () => this.press(controller);
			target.addEventListener('select', onSelect);
			this.cleanups.push(() => target.removeEventListener('select', onSelect));
		}
		this.cleanups.push(() => geometry.dispose());
	}

	start(): void {
		this.setListening(true);
	}

	stop(): void {
		this.setListening(false);
	}

	/** The phrase button a controller points at now, or null. */
	buttonAt(controller: Object3D): string | null {
		if (!this.group.visible || !this.group.parent) return null;
		controller.updateWorldMatrix(true, false);
		_origin.setFromMatrixPosition(controller.matrixWorld);
		_direction.set(0, 0, -1).transformDirection(controller.matrixWorld);
		this.raycaster.set(_origin, _direction);
		const hit = this.raycaster.intersectObjects(this.buttons, false)[0];
		return hit ? (hit.object.userData.phrase as string) : null;
	}

	dispose(): void {
		this.stop();
		for (const cleanup of this.cleanups) cleanup();
		this.cleanups.length = 0;
		for (const button of this.buttons) {
			const material = button.material as MeshBasicMaterial;
			material.map?.dispose();
			material.dispose();
		}
		this.group.removeFromParent();
	}

	private press(controller: Object3D): void {
		if (!this.listening) return;
		const phrase = this.buttonAt(controller);
		if (phrase) this.emitTranscript(phrase, guessLang(phrase));
	}
}

function guessLang(text: string): Lang {
	return /[\u4e00-\u9fff]/.test(text) ? 'zh-CN' : 'en-US';
}

function buttonTexture(text: string): CanvasTexture {
	const canvas = document.createElement('canvas');
	canvas.width = 512;
	canvas.height = 92;
	const g = canvas.getContext('2d')!;
	fillPanel(g, canvas.width, canvas.height, 18);
	g.strokeStyle = '#7fdcff';
	g.lineWidth = 3;
	g.stroke();
	g.fillStyle = '#ffffff';
	g.font = `600 40px ${LABEL_FONTS}`;
	g.textBaseline = 'middle';
	g.fillText(text, 24, 48, 464);
	const texture = new CanvasTexture(canvas);
	texture.colorSpace = SRGBColorSpace;
	return texture;
}
