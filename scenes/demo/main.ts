import { AmbientLight, Color, DirectionalLight, HemisphereLight, PerspectiveCamera, Scene, WebGLRenderer } from 'three';
import { type BackendName, capturedDevices, DebugHud, prepareXR, SceneUnderstanding } from '../../src/index.js';
import { createLivingRoom } from '../livingRoom.js';
import { addCommandBox } from './commandBox.js';
import { addHudButton } from './hudButton.js';
import { createHearing } from './listening.js';
import { addSessionControls } from './sessionControls.js';
import { bindSessionButton } from './sessions.js';

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// WebXR first: the emulator (desktop) or polyfill (phones without WebXR) must be in place before
// three.js looks at navigator.xr. On a real headset neither is loaded.
const emulate = params.get('emulate') === '1' ? true : params.get('emulate') === '0' ? false : 'auto';
const loadDevUI = params.get('devui') === '0' ? undefined : () => import('@iwer/devui').then((m) => m.DevUI);
const xr = await prepareXR({ emulate, loadDevUI, room: 'living_room' });
$('xr-provider').textContent = xr.provider;

const renderer = new WebGLRenderer({ antialias: true, alpha: true });
renderer.setPixelRatio(Math.min(devicePixelRatio, 2));
renderer.setSize(innerWidth, innerHeight);
renderer.xr.enabled = true;
$('app').appendChild(renderer.domElement);

const scene = new Scene();
const background = new Color(0x20242c);
scene.background = background;
const camera = new PerspectiveCamera(70, innerWidth / innerHeight, 0.05, 50);
camera.position.set(0, 1.6, 0);
camera.lookAt(0, 1.1, -2);
scene.add(new HemisphereLight(0xffffff, 0x444444, 1.2), new AmbientLight(0xffffff, 0.3));
const sun = new DirectionalLight(0xffffff, 1.5);
sun.position.set(2, 4, 1);
scene.add(sun);
const room = createLivingRoom();
scene.add(room);
const shell = room.getObjectByName('room shell')!;

const backend = (params.get('backend') ?? 'auto') as BackendName | 'auto';
const sense = new SceneUnderstanding({
	renderer,
	scene,
	camera,
	backend,
	// `?capture=copy` copies the frame drawn for the detector instead of rendering the view again.
	vision: { renderedView: { mode: params.get('capture') === 'copy' ? 'copy' : 'render' } },
	// The demo's own hearing stage (push-to-talk, phrase panel, the ringing phone) goes first, below.
	hearing: false,
});
const { hearing, panel, startSound } = createHearing(sense, params.get('lang') === 'zh' ? 'zh-CN' : 'en-US');
sense.stages.unshift(hearing);
hearing.addEventListener('unavailable', (e) => {
	if (e.what.includes('speech') || e.what.includes('push')) $('speech').textContent = `unavailable: ${e.reason}`;
});
/** A model that cannot be used (missing, truncated, corrupted, another version): the HUD says which, and why. */
const modelProblem = (what: string, reason: string) => {
	const line = document.createElement('div');
	line.textContent = `⚠ ${what} unavailable: ${reason}`;
	$('models').append(line);
	$('models').hidden = false;
};
sense.addEventListener('unavailable', (e) => modelProblem(`${e.stage} stage`, e.error.message));
hearing.addEventListener('unavailable', (e) => {
	if (e.what === 'sound-events') modelProblem('sound events', e.reason);
});
hearing.addEventListener('sound', (e) => {
	const object = e.sound.objectId ? sense.world.get(e.sound.objectId) : undefined;
	// The stage reports radians; an unknown bearing (identical channels) is said, not shown as 0°.
	const bearing = e.azimuth === null ? 'bearing unknown' : `${Math.round((e.azimuth * 180) / Math.PI)}°`;
	$('heard').textContent = `${e.sound.class} ${bearing}${object ? ` → ${object.name ?? object.label}` : ''}`;
});
$('sound').addEventListener('click', async () => {
	$('sound').setAttribute('disabled', '');
	const ok = await startSound(room.getObjectByName('pink phone')!);
	$('heard').textContent = ok ? 'listening to the room…' : 'audio capture is not available here';
});
sense.addEventListener('select', (e) => {
	$('selected').textContent = e.object ? `${e.object.name ?? e.object.label} (${e.object.label})` : 'nothing';
});
// Whenever the user's camera or microphone is captured, the HUD says so (and a tag sits in the view).
sense.capture.addEventListener('change', (e) => {
	const devices = capturedDevices(e.state);
	$('capturing').textContent = `● capturing: ${devices.join(', ')} (processed on this device, never stored or sent)`;
	$('capturing').hidden = devices.length === 0;
});
addCommandBox(sense, document.body);
// Recording is off until the user presses Record; a saved session stays on the device.
addSessionControls(sense, document.body, params.get('replay'));

// The picture HUD (camera frame with boxes, sound compass, transcript, intent, fps…): the HUD button,
// the H key, ?hud=1, and in a headset the "HUD on" button above the phrase panel.
const hud = new DebugHud(sense, { visible: params.get('hud') === '1' });
const controllers = [0, 1].map((i) => renderer.xr.getController(i));
const hudButton = addHudButton(panel.group, controllers, () => setHud(!hud.visible));
const setHud = (visible: boolean) => {
	hud.visible = visible;
	$('hud-toggle').setAttribute('aria-pressed', String(visible));
	hudButton.show(visible);
};
setHud(hud.visible);
$('hud-toggle').addEventListener('click', () => {
	setHud(!hud.visible);
	// Space is push-to-talk: a focused button would take it as another click.
	$('hud-toggle').blur();
});
addEventListener('keydown', (e) => {
	const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
	if ((e.key === 'h' || e.key === 'H') && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) setHud(!hud.visible);
});
/** The status line, on the page and on the HUD (which a headset user sees). */
const setStatus = (text: string) => {
	$('status').textContent = text;
	hud.status = text;
};
Object.assign(window, { sense, xrDevice: xr.device, hud });

// AR shows the real room (or the emulator's scanned one) behind the virtual objects.
const onSession = (session: XRSession | null) => {
	const ar = session?.environmentBlendMode !== undefined && session.environmentBlendMode !== 'opaque';
	shell.visible = !ar;
	scene.background = ar ? null : background;
};
await Promise.all([
	bindSessionButton($('enter-vr'), renderer, 'immersive-vr', onSession),
	bindSessionButton($('enter-ar'), renderer, 'immersive-ar', onSession),
]);

addEventListener('resize', () => {
	camera.aspect = innerWidth / innerHeight;
	camera.updateProjectionMatrix();
	renderer.setSize(innerWidth, innerHeight);
});

// After a lost WebGPU device the plugin moves to the next backend: the HUD says which, and why.
sense.addEventListener('backend', (e) => {
	$('backend').textContent = e.previous ? `${e.backend} (${e.previous} lost)` : e.backend;
});

renderer.setAnimationLoop((time, frame) => {
	sense.update(time, frame);
	renderer.render(scene, camera);
});

try {
	await sense.load({ onProgress: (f) => setStatus(`Loading models… ${Math.round(f * 100)}%`) });
	$('backend').textContent = sense.backend ?? '';
	const without = [...sense.failedStages.keys()];
	setStatus(
		`Ready${without.length ? ` without ${without.join(', ')}` : ''}. Point a controller at an object and pull the trigger (or click it).`,
	);
} catch (error) {
	setStatus(`Failed to load: ${(error as Error).message}`);
	console.error(error);
}
