/**
 * An ordinary three.js WebXR app, written first without the plugin: a table, a few labelled
 * things on it, three's VRButton and the app's own controllers. The xr-sense part at the bottom is
 * the README's embedding snippet, as written. `?emulate` installs an emulated Meta Quest 3 (iwer)
 * for desktops and tests.
 */
import {
	BoxGeometry,
	BufferGeometry,
	Color,
	CylinderGeometry,
	DirectionalLight,
	HemisphereLight,
	Line,
	Mesh,
	MeshStandardMaterial,
	PerspectiveCamera,
	Scene,
	SphereGeometry,
	Vector3,
	WebGLRenderer,
} from 'three';
import { VRButton } from 'three/examples/jsm/webxr/VRButton.js';
import { SceneUnderstanding } from '../../src/index.js';

if (new URLSearchParams(location.search).has('emulate')) {
	const { XRDevice, metaQuest3 } = await import('iwer');
	const device = new XRDevice(metaQuest3);
	device.installRuntime({ forceInstall: true });
	Object.assign(window, { xrDevice: device });
}

const renderer = new WebGLRenderer({ antialias: true });
renderer.setSize(innerWidth, innerHeight);
renderer.xr.enabled = true;
document.body.appendChild(renderer.domElement);
document.body.appendChild(VRButton.createButton(renderer));

const scene = new Scene();
scene.background = new Color(0x1d2230);
const camera = new PerspectiveCamera(70, innerWidth / innerHeight, 0.05, 50);
camera.position.set(0, 1.6, 0.6);
camera.lookAt(0, 0.9, -1);
scene.add(new HemisphereLight(0xffffff, 0x444444, 1.5));
const sun = new DirectionalLight(0xffffff, 1.5);
sun.position.set(1, 3, 2);
scene.add(sun);

function thing(name: string, label: string, color: number, geometry: BufferGeometry, at: Vector3): Mesh {
	const mesh = new Mesh(geometry, new MeshStandardMaterial({ color }));
	mesh.name = name;
	mesh.userData.label = label;
	mesh.position.copy(at);
	scene.add(mesh);
	return mesh;
}
thing('table', 'table', 0x8b5a2b, new BoxGeometry(1.4, 0.75, 0.8), new Vector3(0, 0.375, -1.2));
thing('red cup', 'cup', 0xd02020, new CylinderGeometry(0.045, 0.04, 0.11, 24), new Vector3(-0.25, 0.805, -1.1));
thing('blue book', 'book', 0x2040c0, new BoxGeometry(0.2, 0.04, 0.26), new Vector3(0.25, 0.77, -1.2));
thing('orange', 'orange', 0xff8c00, new SphereGeometry(0.04, 20, 12), new Vector3(0.05, 0.79, -1.35));

// The app's own controllers: a ray each.
for (const i of [0, 1]) {
	const controller = renderer.xr.getController(i);
	controller.add(new Line(new BufferGeometry().setFromPoints([new Vector3(), new Vector3(0, 0, -1)])));
	scene.add(controller);
}

renderer.setAnimationLoop(() => renderer.render(scene, camera));
addEventListener('resize', () => {
	camera.aspect = innerWidth / innerHeight;
	camera.updateProjectionMatrix();
	renderer.setSize(innerWidth, innerHeight);
});

// ---- xr-sense, as the README's snippet says ----
const sense = new SceneUnderstanding({ renderer, scene, camera });
sense.addEventListener('select', (e) => console.log('selected', e.object?.label));
Object.assign(window, { sense });
await sense.load({ onProgress: (f) => console.log(`${Math.round(f * 100)}%`) });
renderer.setAnimationLoop((time, frame) => {
	sense.update(time, frame);
	renderer.render(scene, camera);
});
