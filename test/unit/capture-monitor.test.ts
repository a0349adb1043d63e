import { PerspectiveCamera, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { CaptureIndicator } from '../../src/actions/CaptureIndicator.js';
import { CaptureMonitor } from '../../src/sources/CaptureMonitor.js';

describe('CaptureMonitor', () => {
	it('says a device is captured while any holder holds it, with one event per change', () => {
		const monitor = new CaptureMonitor();
		const events: string[] = [];
		monitor.addEventListener('change', (e) => events.push(`${e.device}:${e.capturing}`));
		const camera = {};
		const otherCamera = {};
		const mic = {};
		monitor.hold(camera, 'camera');
		monitor.hold(camera, 'camera');
		monitor.hold(otherCamera, 'camera');
		monitor.hold(mic, 'microphone');
		expect(monitor.state).toEqual({ camera: true, microphone: true });
		monitor.release(camera);
		expect(monitor.state.camera).toBe(true);
		monitor.release(otherCamera);
		monitor.release(otherCamera);
		expect(monitor.active).toBe(true);
		monitor.clear();
		expect(monitor.state).toEqual({ camera: false, microphone: false });
		expect(monitor.active).toBe(false);
		expect(events).toEqual(['camera:true', 'microphone:true', 'camera:false', 'microphone:false']);
	});

	it('a holder that switches device releases the old one', () => {
		const monitor = new CaptureMonitor();
		const owner = {};
		monitor.hold(owner, 'camera');
		monitor.hold(owner, 'microphone');
		expect(monitor.state).toEqual({ camera: false, microphone: true });
	});

	it('the indicator names what is captured, and nothing when nothing is', () => {
		const monitor = new CaptureMonitor();
		const indicator = new CaptureIndicator(new Scene(), monitor, () => new PerspectiveCamera());
		expect(indicator.text).toBe('');
		monitor.hold(monitor, 'camera');
		expect(indicator.text).toBe('● camera');
		monitor.hold({}, 'microphone');
		expect(indicator.text).toBe('● camera · microphone');
		monitor.clear();
		expect(indicator.text).toBe('');
		indicator.dispose();
		monitor.hold({}, 'camera');
		expect(indicator.text).toBe('');
	});
});
