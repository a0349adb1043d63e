import {
	BoxGeometry,
	type BufferGeometry,
	ConeGeometry,
	CylinderGeometry,
	Group,
	Mesh,
	MeshStandardMaterial,
	SphereGeometry,
} from 'three';
import { type LayoutObject, LIVING_ROOM, ROOM_SIZE } from './livingRoomLayout.js';

/**
 * Builds the default living room: a group holding the room shell (`name: 'room shell'`) and one
 * group per object of {@link LIVING_ROOM}, named after it ("red cup") with its ground truth in
 * `userData.label` / `userData.color`, which `SceneUnderstanding` registers.
 *
 * ```ts
 * const room = createLivingRoom();
 * scene.add( room );
 * ```
 */
export function createLivingRoom(layout: readonly LayoutObject[] = LIVING_ROOM): Group {
	const room = new Group();
	room.name = 'living room';
	room.add(createShell());
	for (const spec of layout) room.add(createObject(spec));
	return room;
}

function createShell(): Group {
	const [w, h, d] = ROOM_SIZE;
	const shell = new Group();
	shell.name = 'room shell';
	const floor = new Mesh(new BoxGeometry(w, 0.02, d), new MeshStandardMaterial({ color: 0xc8b89a, roughness: 0.9 }));
	floor.position.set(0, -0.01, -d / 2 + 1);
	const wallMaterial = new MeshStandardMaterial({ color: 0xdfe3e8, roughness: 1 });
	const back = new Mesh(new BoxGeometry(w, h, 0.02), wallMaterial);
	back.position.set(0, h / 2, -4.4);
	const left = new Mesh(new BoxGeometry(0.02, h, d), wallMaterial);
	left.position.set(-w / 2, h / 2, -d / 2 + 1);
	const right = left.clone();
	right.position.x = w / 2;
	shell.add(floor, back, left, right);
	return shell;
}

function createObject(spec: LayoutObject): Group {
	const group = new Group();
	group.name = spec.name;
	group.userData.label = spec.label;
	group.userData.color = spec.color;
	group.position.set(...spec.position);
	const material = new MeshStandardMaterial({ color: spec.hex, roughness: 0.6 });
	const [w, h, d] = spec.size;
	const part = (geometry: BufferGeometry, y = 0, m = material) => {
		const mesh = new Mesh(geometry, m);
		mesh.position.y = y;
		group.add(mesh);
		return mesh;
	};
	switch (spec.shape) {
		case 'cup':
			part(new CylinderGeometry(w / 2, w * 0.4, h, 20, 1, true));
			part(new CylinderGeometry(w * 0.4, w * 0.4, 0.01, 20), -h / 2 + 0.005);
			break;
		case 'lamp': {
			const pole = new MeshStandardMaterial({ color: 0x333333 });
			part(new CylinderGeometry(w * 0.3, w * 0.35, 0.04, 16), -h / 2 + 0.02, pole);
			part(new CylinderGeometry(0.015, 0.015, h * 0.75, 8), -h / 2 + h * 0.375, pole);
			part(new ConeGeometry(w / 2, h * 0.25, 20, 1, true), h / 2 - h * 0.125);
			break;
		}
		case 'plant': {
			const pot = new MeshStandardMaterial({ color: 0x9c5b32 });
			part(new CylinderGeometry(w * 0.3, w * 0.22, h * 0.35, 16), -h / 2 + h * 0.175, pot);
			part(new SphereGeometry(w / 2, 16, 12), h * 0.15).scale.y = (h * 0.65) / w;
			break;
		}
		case 'couch':
			part(new BoxGeometry(w, h * 0.5, d), -h / 4);
			part(new BoxGeometry(w, h * 0.5, d * 0.25), h / 4).position.z = -d * 0.375;
			break;
		case 'table': {
			part(new BoxGeometry(w, 0.04, d), h / 2 - 0.02);
			for (const [x, z] of [
				[-1, -1],
				[-1, 1],
				[1, -1],
				[1, 1],
			]) {
				const leg = part(new BoxGeometry(0.05, h - 0.04, 0.05), -0.02);
				leg.position.x = x * (w / 2 - 0.05);
				leg.position.z = z * (d / 2 - 0.05);
			}
			break;
		}
		case 'shelf':
			for (let i = 0; i < 4; i++) part(new BoxGeometry(w, 0.03, d), -h / 2 + 0.015 + (i * (h - 0.03)) / 3);
			part(new BoxGeometry(0.02, h, d), 0).position.x = w / 2 - 0.01;
			break;
		case 'cylinder':
			part(new CylinderGeometry(w / 2, w / 2, d, 32)).rotation.x = Math.PI / 2;
			break;
		case 'sphere':
			part(new SphereGeometry(w / 2, 24, 16));
			break;
		case 'cone':
			part(new ConeGeometry(w / 2, h, 24));
			break;
		default:
			part(new BoxGeometry(w, h, d));
	}
	return group;
}
