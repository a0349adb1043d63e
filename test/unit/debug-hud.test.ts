import { EventDispatcher, Mesh, PerspectiveCamera, Scene } from 'three';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DebugHud, type DebugHudOptions } from '../../src/actions/DebugHud.js';
import {
	bearingFrom,
	compassPoint,
	fadeAlpha,
	fitFrame,
	framesPerSecond,
	intentLine,
	percent,
	perfLine,
	wrapAngle,
} from '../../src/actions/hudMath.js';
import { createTranscriptEvent } from '../../src/fusion/Interpreter.js';
import type { VisionStageEventMap } from '../../src/perception/VisionStage.js';
import { smoothMs, UpdateTiming } from '../../src/runtime/scheduling/UpdateTiming.js';
import type { SceneUnderstanding, SceneUnderstandingEventMap } from '../../src/SceneUnderstanding.js';
import { WorldModel } from '../../src/world/WorldModel.js';

const DEG = Math.PI / 180;

describe('the HUD compass', () => {
	const ahead = { x: 0, y: 0, z: -1 };

	it('puts a sound ahead at 0, to the right at +90°, to the left at −90° and behind at 180°', () => {
		expect(bearingFrom({ x: 0, y: 0, z: -3 }, ahead)).toBeCloseTo(0);
		expect(bearingFrom({ x: 2, y: 0, z: 0 }, ahead)).toBeCloseTo(90 * DEG);
		expect(bearingFrom({ x: -2, y: 0, z: 0 }, ahead)).toBeCloseTo(-90 * DEG);
		expect(Math.abs(bearingFrom({ x: 0, y: 0, z: 1 }, ahead))).toBeCloseTo(180 * DEG);
		// Height does not change the bearing (stereo hearing has no elevation).
		expect(bearingFrom({ x: 1, y: 5, z: -1 }, ahead)).toBeCloseTo(45 * DEG);
	});

	it('turns with the viewer: a sound on the right is ahead once the viewer faces it', () => {
		const facingRight = { x: 1, y: 0, z: 0 };
		expect(bearingFrom({ x: 1, y: 0, z: 0 }, facingRight)).toBeCloseTo(0);
		// What was ahead (−Z) is now on the left.
		expect(bearingFrom({ x: 0, y: 0, z: -1 }, facingRight)).toBeCloseTo(-90 * DEG);
		// A forward tilted down keeps its heading.
		expect(bearingFrom({ x: 1, y: 0, z: -1 }, { x: 0, y: -0.9, z: -0.1 })).toBeCloseTo(45 * DEG);
	});

	it('wraps angles into (−π, π]', () => {
		expect(wrapAngle(3 * Math.PI)).toBeCloseTo(Math.PI);
		expect(wrapAngle(-Math.PI)).toBe(Math.PI);
		expect(wrapAngle(-190 * DEG)).toBeCloseTo(170 * DEG);
		expect(wrapAngle(370 * DEG)).toBeCloseTo(10 * DEG);
	});

	it('places bearings on the circle with ahead at the top (canvas y down)', () => {
		const p = { x: 0, y: 0 };
		expect(compassPoint(0, 100, 50, 20, p)).toEqual({ x: 100, y: 30 });
		compassPoint(90 * DEG, 100, 50, 20, p);
		expect(p.x).toBeCloseTo(120);
		expect(p.y).toBeCloseTo(50);
		compassPoint(-90 * DEG, 100, 50, 20, p);
		expect(p.x).toBeCloseTo(80);
		compassPoint(Math.PI, 100, 50, 20, p);
		expect(p.y).toBeCloseTo(70);
	});

	it('fades a mark linearly to nothing over the fade time', () => {
		expect(fadeAlpha(0, 10_000)).toBe(1);
		expect(fadeAlpha(-5, 10_000)).toBe(1);
		expect(fadeAlpha(2_500, 10_000)).toBeCloseTo(0.75);
		expect(fadeAlpha(9_999, 10_000)).toBeGreaterThan(0);
		expect(fadeAlpha(10_000, 10_000)).toBe(0);
		expect(fadeAlpha(60_000, 10_000)).toBe(0);
		expect(fadeAlpha(Number.NaN, 10_000)).toBe(0);
		expect(fadeAlpha(0, 0)).toBe(0);
	});
});

describe('the HUD camera frame', () => {
	it('letterboxes a frame into its box without distortion, centred', () => {
		const out = { scale: 0, x: 0, y: 0, width: 0, height: 0 };
		// 384×216 (16:9) into 320×180: fills it.
		expect(fitFrame(384, 216, [12, 12, 320, 180], out)).toEqual({
			scale: 320 / 384,
			x: 12,
			y: 12,
			width: 320,
			height: 180,
		});
		// A square frame: as tall as the box, centred across it.
		fitFrame(200, 200, [0, 0, 320, 180], out);
		expect(out).toEqual({ scale: 0.9, x: 70, y: 0, width: 180, height: 180 });
		// No frame yet: nothing drawn.
		expect(fitFrame(0, 0, [0, 0, 320, 180], out).scale).toBe(0);
	});
});

describe('the HUD figures', () => {
	it('counts frames per second over the time between redraws', () => {
		expect(framesPerSecond(15, 250)).toBe(60);
		expect(framesPerSecond(0, 250)).toBe(0);
		expect(framesPerSecond(10, 0)).toBe(0);
	});

	it('smooths the milliseconds update() adds per frame, ignoring impossible samples', () => {
		expect(smoothMs(1, 3, 0.5)).toBe(2);
		const timing = new UpdateTiming(0.1);
		timing.record(2);
		expect(timing.ms).toBe(2); // the first frame starts the average
		for (let i = 0; i < 200; i++) timing.record(1);
		expect(timing.ms).toBeCloseTo(1, 5);
		// One slow frame moves the average by alpha of the jump, not all the way.
		timing.record(21);
		expect(timing.ms).toBeCloseTo(3, 5);
		expect(timing.lastMs).toBe(21);
		const frames = timing.frames;
		timing.record(Number.NaN);
		timing.record(-4);
		expect(timing.frames).toBe(frames);
		expect(timing.ms).toBeCloseTo(3, 5);
	});

	it('formats the intent and performance lines', () => {
		expect(percent(0.923)).toBe('92%');
		expect(percent(1.7)).toBe('100%');
		expect(percent(Number.NaN)).toBe('–');
		expect(intentLine(null, null, 0)).toBe('–');
		expect(intentLine('grab', 'red cup', 0.923)).toBe('grab → red cup · 92%');
		expect(intentLine('none', null, 0.4)).toBe('none · 40%');
		expect(perfLine(59.6, 1.234, 'webgl', 71)).toBe('60 fps · +1.2 ms/frame · webgl · 71 tensors');
		expect(perfLine(3, 14.6, null, 0)).toBe('3 fps · +15 ms/frame · … · 0 tensors');
	});
});

/** The parts of SceneUnderstanding the HUD listens to and reads, with a vision stage that only dispatches. */
function fakeSense() {
	const xr = Object.assign(new EventDispatcher<{ sessionstart: object; sessionend: object }>(), {
		isPresenting: false,
		getCamera: () => camera,
	});
	const camera = new PerspectiveCamera();
	const vision = Object.assign(new EventDispatcher<VisionStageEventMap>(), { name: 'vision' });
	const sense = Object.assign(new EventDispatcher<SceneUnderstandingEventMap>(), {
		renderer: { xr },
		scene: new Scene(),
		camera,
		world: new WorldModel(),
		stages: [vision],
		timing: new UpdateTiming(),
		backend: null as string | null,
	});
	return {
		sense,
		vision,
		hud: (options?: DebugHudOptions) => new DebugHud(sense as unknown as SceneUnderstanding, options),
	};
}

describe('DebugHud (without a canvas, in Node)', () => {
	afterEach(() => vi.useRealTimers());

	it('is off by default and redraws hz times a second only while visible', () => {
		vi.useFakeTimers();
		const { hud: make } = fakeSense();
		const hud = make();
		expect(hud.visible).toBe(false);
		vi.advanceTimersByTime(2000);
		expect(hud.state.draws).toBe(0);
		expect(hud.toggle()).toBe(true);
		expect(hud.state.draws).toBe(1); // drawn at once when shown
		vi.advanceTimersByTime(1000);
		expect(hud.state.draws).toBe(5);
		hud.visible = false;
		vi.advanceTimersByTime(2000);
		expect(hud.state.draws).toBe(5);
		hud.dispose();
	});

	it('keeps the last transcript and answer, with the target named, and the figures at each redraw', () => {
		const { sense, hud: make } = fakeSense();
		const cup = new Mesh();
		cup.name = 'red cup';
		sense.world.register(cup, { label: 'cup' });
		const hud = make({ hz: 1 });
		sense.dispatchEvent({ ...createTranscriptEvent('pick up the red cup', {}) });
		const answer = { intent: 'grab', target: 'red-cup', destination: null, confidence: 0.91 } as const;
		sense.dispatchEvent({ type: 'answer', answer, scenario: {} as never, input: {} as never });
		expect(hud.state).toMatchObject({
			transcript: 'pick up the red cup',
			intent: 'grab',
			target: 'red-cup',
			targetName: 'red cup',
			confidence: 0.91,
		});
		// fps from the frames update() saw between two redraws; ms as the timing smoothed it.
		hud.draw(1000);
		for (let i = 0; i < 15; i++) sense.timing.record(2);
		hud.draw(1250);
		expect(hud.state.fps).toBeCloseTo(60);
		expect(hud.state.updateMs).toBeCloseTo(2);
		expect(hud.state.tensors).toBe(0); // no backend chosen yet: tfjs is not asked
		hud.dispose();
	});

	it('dispose() leaves no listener behind', () => {
		const { sense, vision, hud: make } = fakeSense();
		const hud = make({ visible: true });
		hud.dispose();
		expect(hud.visible).toBe(false);
		sense.dispatchEvent({ ...createTranscriptEvent('undo', {}) });
		expect(hud.state.transcript).toBe('');
		for (const type of ['transcript', 'answer', 'loaded'] as const)
			expect((sense as unknown as { _listeners?: Record<string, unknown[]> })._listeners?.[type] ?? []).toEqual([]);
		expect((vision as unknown as { _listeners?: Record<string, unknown[]> })._listeners?.detections ?? []).toEqual([]);
		expect((sense.world as unknown as { _listeners?: Record<string, unknown[]> })._listeners?.sound ?? []).toEqual([]);
		expect(
			(sense.renderer.xr as unknown as { _listeners?: Record<string, unknown[]> })._listeners?.sessionstart ?? [],
		).toEqual([]);
	});
});
