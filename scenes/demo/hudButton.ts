import {
	CanvasTexture,
	type EventDispatcher,
	Mesh,
	MeshBasicMaterial,
	type Object3D,
	PlaneGeometry,
	Raycaster,
	SRGBColorSpace,
	Vector3,
} from 'three';
import { fillPanel, LABEL_FONTS } from '../../src/runtime/panelCanvas.js';

const _origin = new Vector3();
const _direction = new Vector3();

/**
 * The demo's in-headset HUD switch: a "HUD" button above the phrase panel (a headset has no
 * keyboard and shows no page), pressed with a controller's trigger. `show(visible)` redraws it to
 * say what pressing it will do.
 *
 * ```ts
 * const button = addHudButton( panel.group, controllers, () => setHud( ! hud.visible ) );
 * button.show( hud.visible );
 * ```
 */
export function addHudButton(
	parent: Object3D,
	controllers: readonly Object3D[],
	onPress: () => void,
): { mesh: Mesh; show(visible: boolean): void; dispose(): void } {
	const canvas = document.createElement('canvas');
	canvas.width = 256;
	canvas.height = 92;
	const texture = new CanvasTexture(canvas);
	texture.colorSpace = SRGBColorSpace;
	const mesh = new Mesh(new PlaneGeometry(0.2, 0.072), new MeshBasicMaterial({ map: texture, transparent: true }));
	mesh.name = 'hud button';
	mesh.position.set(-0.11, 0.1, 0);
	parent.add(mesh);
	const raycaster = new Raycaster();
	const onSelect = (e: { target?: unknown }) => {
		const controller = e.target as Object3D;
		if (!mesh.parent?.visible) return;
		controller.updateWorldMatrix(true, false);
		_origin.setFromMatrixPosition(controller.matrixWorld);
		_direction.set(0, 0, -1).transformDirection(controller.matrixWorld);
		raycaster.set(_origin, _direction);
		if (raycaster.intersectObject(mesh, false).length > 0) onPress();
	};
	for (const c of controllers)
		(c as unknown as EventDispatcher<{ select: object }>).addEventListener('select', onSelect);
	const show = (visible: boolean) => {
		const g = canvas.getContext('2d')!;
		fillPanel(g, canvas.width, canvas.height, 18, visible ? 'rgba(20, 90, 120, 0.9)' : 'rgba(14, 19, 28, 0.82)');
		g.strokeStyle = '#7fdcff';
		g.lineWidth = 3;
		g.stroke();
		g.fillStyle = '#ffffff';
		g.font = `600 40px ${LABEL_FONTS}`;
		g.textAlign = 'center';
		g.textBaseline = 'middle';
		g.fillText(visible ? 'HUD off' : 'HUD on', canvas.width / 2, canvas.height / 2 + 2, canvas.width - 24);
		texture.needsUpdate = true;
	};
	const dispose = () => {
		for (const c of controllers)
			(c as unknown as EventDispatcher<{ select: object }>).removeEventListener('select', onSelect);
		mesh.removeFromParent();
		mesh.geometry.dispose();
		mesh.material.dispose();
		texture.dispose();
	};
	return { mesh, show, dispose };
}
