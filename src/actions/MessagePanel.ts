import {
	type Camera,
	CanvasTexture,
	DoubleSide,
	Mesh,
	MeshBasicMaterial,
	type Object3D,
	PlaneGeometry,
	SRGBColorSpace,
	Vector3,
} from 'three';
import { createPanelCanvas, fillPanel, LABEL_FONTS } from '../runtime/panelCanvas.js';

const WIDTH = 1024;
const HEIGHT = 256;
const _viewer = new Vector3();
const _forward = new Vector3();

/**
 * A small text panel in the scene: answers and questions the plugin says, readable in VR and over
 * AR passthrough (drawn on top, facing the viewer). It hides itself after `duration` seconds.
 * Without a canvas (Node) it keeps only `text`.
 *
 * ```ts
 * const panel = new MessagePanel( scene, () => renderer.xr.isPresenting ? renderer.xr.getCamera() : camera );
 * panel.show( 'Did you mean the red lamp?', lampTop );
 * // each frame:
 * panel.update( deltaSeconds );
 * ```
 */
export class MessagePanel {
	/** The sentence shown last ('' when hidden). */
	text = '';
	/** Seconds a message stays up. */
	duration = 6;
	/** The panel mesh, or null where no canvas exists. */
	readonly mesh: Mesh<PlaneGeometry, MeshBasicMaterial> | null = null;
	private readonly context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;
	private readonly texture: CanvasTexture<HTMLCanvasElement | OffscreenCanvas> | null = null;
	private remaining = 0;

	constructor(
		readonly parent: Object3D,
		private readonly viewer: () => Camera,
	) {
		const canvas = createPanelCanvas(WIDTH, HEIGHT);
		const context = canvas?.getContext('2d') as CanvasRenderingContext2D | null | undefined;
		if (!canvas || !context) return;
		this.context = context;
		this.texture = new CanvasTexture(canvas);
		this.texture.colorSpace = SRGBColorSpace;
		const material = new MeshBasicMaterial({
			map: this.texture,
			transparent: true,
			depthTest: false,
			side: DoubleSide,
		});
		this.mesh = new Mesh(new PlaneGeometry(0.64, 0.16), material);
		this.mesh.name = 'xr-sense message';
		this.mesh.userData.xrSenseOverlay = true;
		this.mesh.renderOrder = 1000;
		this.mesh.visible = false;
		this.mesh.raycast = () => {};
		parent.add(this.mesh);
	}

	/** Shows `text` just above `at` (world space), or in front of the viewer when `at` is null. */
	show(text: string, at: Vector3 | null): void {
		this.text = text;
		this.remaining = this.duration;
		const mesh = this.mesh;
		if (!mesh || !this.context || !this.texture) return;
		draw(this.context, text);
		this.texture.needsUpdate = true;
		const camera = this.viewer();
		camera.getWorldPosition(_viewer);
		if (at) {
			mesh.position.copy(at);
			mesh.position.y += 0.15;
		} else {
			camera.getWorldDirection(_forward);
			mesh.position.copy(_viewer).addScaledVector(_forward, 1.2);
		}
		// Far panels grow so that they stay as readable as one 1.2 m away.
		const scale = Math.max(1, mesh.position.distanceTo(_viewer) / 1.2);
		mesh.scale.setScalar(scale);
		if (at) mesh.position.y += 0.08 * (scale - 1);
		this.parent.worldToLocal(mesh.position);
		mesh.visible = true;
		this.face(camera);
	}

	/** Takes the message down now. */
	hide(): void {
		this.remaining = 0;
		this.text = '';
		if (this.mesh) this.mesh.visible = false;
	}

	/** Faces the viewer and counts down; call once per frame. */
	update(delta: number): void {
		if (this.remaining <= 0) return;
		this.remaining -= delta;
		if (!this.mesh) return;
		if (this.remaining <= 0) {
			this.mesh.visible = false;
			this.text = '';
			return;
		}
		this.face(this.viewer());
	}

	dispose(): void {
		if (this.mesh) {
			this.mesh.removeFromParent();
			this.mesh.geometry.dispose();
			this.mesh.material.dispose();
		}
		this.texture?.dispose();
	}

	private face(camera: Camera): void {
		camera.getWorldPosition(_viewer);
		this.mesh?.lookAt(_viewer);
	}
}

function draw(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, text: string): void {
	fillPanel(ctx, WIDTH, HEIGHT, 40);
	ctx.fillStyle = '#ffffff';
	ctx.font = `500 52px ${LABEL_FONTS}`;
	ctx.textBaseline = 'middle';
	const lines = wrap(ctx, text, WIDTH - 96).slice(0, 3);
	const lineHeight = 64;
	const top = HEIGHT / 2 - ((lines.length - 1) * lineHeight) / 2;
	lines.forEach((line, i) => {
		ctx.fillText(line, 48, top + i * lineHeight);
	});
}

/** Breaks text into lines that fit `width`: at spaces for Latin text, between any characters for CJK. */
function wrap(ctx: { measureText(t: string): { width: number } }, text: string, width: number): string[] {
	const tokens =
		text.match(/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]|[^\s\u3400-\u9fff\uff00-\uffef\u3000-\u303f]+\s*|\s+/g) ?? [];
	const lines: string[] = [];
	let line = '';
	for (const token of tokens) {
		if (line && ctx.measureText(line + token).width > width) {
			lines.push(line.trimEnd());
			line = token.trimStart();
		} else line += token;
	}
	if (line.trim()) lines.push(line.trimEnd());
	return lines;
}
