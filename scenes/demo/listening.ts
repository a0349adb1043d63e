import { AudioListener, type Object3D } from 'three';
import {
	HearingStage,
	PhrasePanelTranscriptSource,
	PushToTalk,
	type SceneUnderstanding,
	WebSpeechTranscriptSource,
} from '../../src/index.js';
import { ringFrom } from './ringingPhone.js';

/** What the demo offers on the in-VR phrase panel, in both languages. */
export const DEMO_PHRASES = [
	'pick up the red cup',
	'put it on the table',
	"what's that ringing?",
	'make the yellow lamp bigger',
	'hide the purple plant',
	'把这个放到桌子上',
	'这是什么',
	'undo',
];

/**
 * The demo's ears: speech (held grip = push-to-talk in XR, where the browser has a recogniser),
 * an in-VR phrase panel, and — after a click, as browsers require for audio — a ringing phone in
 * the scene that the hearing stage listens to through the scene's own audio mix.
 */
export function createHearing(
	sense: SceneUnderstanding,
	language: 'en-US' | 'zh-CN',
): {
	hearing: HearingStage;
	panel: PhrasePanelTranscriptSource;
	startSound: (phone: Object3D) => Promise<boolean>;
} {
	const controllers = [0, 1].map((i) => sense.renderer.xr.getController(i));
	const speech = new PushToTalk(new WebSpeechTranscriptSource({ lang: language }), { controllers, key: 'Space' });
	const panel = new PhrasePanelTranscriptSource({ phrases: DEMO_PHRASES, controllers });
	panel.group.position.set(-0.75, 1.45, -0.75);
	panel.group.rotation.y = 0.7;
	panel.group.visible = false;
	sense.pointers.ui.push(panel.group);
	sense.scene.add(panel.group);
	sense.renderer.xr.addEventListener('sessionstart', () => (panel.group.visible = true));
	sense.renderer.xr.addEventListener('sessionend', () => (panel.group.visible = false));
	const hearing = new HearingStage({ transcripts: [speech, panel] });
	speech.start();
	panel.start();
	let listener: AudioListener | null = null;
	const startSound = async (phone: Object3D) => {
		if (listener) return true;
		listener = new AudioListener();
		sense.camera.add(listener);
		await listener.context.resume();
		ringFrom(phone, listener);
		return hearing.startScene(listener);
	};
	return { hearing, panel, startSound };
}
