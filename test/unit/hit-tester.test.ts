import { Matrix4, Quaternion, Vector3 } from 'three';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rayInSpace } from '../../src/perception/lifting/liftMath.js';
import { XRHitTester } from '../../src/perception/lifting/XRHitTester.js';

// Node has no WebXR: a session and frame that keep the books a runtime keeps (which sources exist,
// which were cancelled, what each ray hits). The real runtime is exercised in test/e2e/hitTest.spec.ts.

interface Ray {
	origin: DOMPointInit;
	direction: DOMPointInit;
}

class FakeSource {
	cancelled = 0;
	constructor(readonly ray: Ray) {}
	cancel() {
		this.cancelled++;
	}
}

/** A room whose only surface is the wall z = −3 (in the reference space). */
class FakeSession extends EventTarget {
	enabledFeatures = ['local-floor', 'hit-test'];
	sources: FakeSource[] = [];
	answers: Array<() => void> = [];
	/** When set, requests are answered only when `answerAll()` is called. */
	deferred = false;
	refuse = false;
	requestHitTestSource(options: { space: unknown; offsetRay: Ray }) {
		if (this.refuse) return Promise.reject(new DOMException('no environment', 'OperationError'));
		return new Promise<FakeSource>((resolve) => {
			const answer = () => {
				const source = new FakeSource(options.offsetRay);
				this.sources.push(source);
				resolve(source);
			};
			if (this.deferred) this.answers.push(answer);
			else answer();
		});
	}
	answerAll() {
		for (const a of this.answers.splice(0)) a();
	}
	/** A frame: results only for sources that existed when it began, as runtimes compute them first. */
	frame(wall = -3) {
		const known = new Set(this.sources);
		return {
			getHitTestResults(source: FakeSource) {
				if (!known.has(source)) throw new DOMException('not yet', 'InvalidStateError');
				const { origin: o, direction: d } = source.ray;
				const t = (wall - o.z!) / d.z!;
				if (!(t > 0)) return [];
				const p = { x: o.x! + t * d.x!, y: o.y! + t * d.y!, z: wall };
				return [{ getPose: () => ({ transform: { position: p } }) }];
			},
		} as unknown as XRFrame;
	}
	end() {
		this.dispatchEvent(new Event('end'));
	}
}

const space = {} as XRReferenceSpace;
const flush = () => new Promise((r) => setTimeout(r, 0));
const asSession = (s: FakeSession) => s as unknown as XRSession;

beforeAll(() => {
	(globalThis as Record<string, unknown>).XRRay = class {
		constructor(
			readonly origin: DOMPointInit,
			readonly direction: DOMPointInit,
		) {}
	};
});

describe('rayInSpace', () => {
	it('carries a world ray into a reference space held by a dolly', () => {
		const dolly = new Matrix4().compose(
			new Vector3(2, 0, -1),
			new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), Math.PI / 2),
			new Vector3(1, 1, 1),
		);
		const o = new Vector3();
		const d = new Vector3();
		rayInSpace(new Vector3(2, 1.6, -1), new Vector3(-2, 0, 0), dolly.clone().invert(), o, d);
		// the dolly's origin is the space's origin; world −X is the space's −Z after a quarter turn
		expect(o.toArray().map((v) => +v.toFixed(6) + 0)).toEqual([0, 1.6, 0]);
		expect(d.toArray().map((v) => +v.toFixed(6) + 0)).toEqual([0, 0, -1]);
		rayInSpace(new Vector3(1, 2, 3), new Vector3(0, 0, -5), null, o, d);
		expect(o.toArray()).toEqual([1, 2, 3]);
		expect(d.toArray()).toEqual([0, 0, -1]);
	});
});

describe('XRHitTester', () => {
	let hits: XRHitTester;
	afterEach(() => hits?.dispose());

	it('hit-tests a world ray on a later frame, in the reference space, and cancels the source', async () => {
		const session = new FakeSession();
		hits = new XRHitTester();
		hits.use(asSession(session), space);
		expect(hits.ready).toBe(true);
		const dolly = new Matrix4().makeTranslation(0, 0, 1);
		const early = session.frame(); // its hit tests run before the source exists
		const cast = hits.cast(new Vector3(0, 1.5, 1), new Vector3(1, 0, -1), dolly);
		await flush();
		expect(session.sources).toHaveLength(1);
		expect(session.sources[0].ray.origin).toMatchObject({ x: 0, y: 1.5, z: 0, w: 1 });
		hits.update(early);
		expect(hits.pending).toBe(1);
		hits.update(session.frame());
		const point = await cast;
		// wall z = −3 in the space is z = −2 in the world; the 45° ray meets it 3 m to the right
		expect(point!.toArray().map((v) => +v.toFixed(6) + 0)).toEqual([3, 1.5, -2]);
		expect(session.sources[0].cancelled).toBe(1);
		expect(hits.pending).toBe(0);
	});

	it('keeps at most maxSources alive and starts the rest as they finish', async () => {
		const session = new FakeSession();
		hits = new XRHitTester({ maxSources: 2 });
		hits.use(asSession(session), space);
		const casts = [0, 1, 2, 3, 4].map((i) => hits.cast(new Vector3(i, 1, 0), new Vector3(0, 0, -1)));
		await flush();
		expect(session.sources).toHaveLength(2);
		for (let i = 0; i < 6; i++) {
			hits.update(session.frame());
			await flush();
			const live = session.sources.filter((s) => s.cancelled === 0).length;
			expect(live).toBeLessThanOrEqual(2);
		}
		const points = await Promise.all(casts);
		expect(points.map((p) => p?.x)).toEqual([0, 1, 2, 3, 4]);
		expect(session.sources.every((s) => s.cancelled === 1)).toBe(true);
	});

	it('gives up after maxFrames without a hit, and when more casts are asked than it holds', async () => {
		const session = new FakeSession();
		hits = new XRHitTester({ maxFrames: 3, maxCasts: 1 });
		hits.use(asSession(session), space);
		const up = hits.cast(new Vector3(0, 1, 0), new Vector3(0, 1, 0)); // never meets the wall
		expect(await hits.cast(new Vector3(), new Vector3(0, 0, -1))).toBeNull(); // no room left
		await flush();
		for (let i = 0; i < 3; i++) hits.update(session.frame());
		expect(await up).toBeNull();
		expect(session.sources[0].cancelled).toBe(1);
	});

	it('ends every cast and cancels every source when the session ends, even sources granted late', async () => {
		const session = new FakeSession();
		hits = new XRHitTester();
		hits.use(asSession(session), space);
		const active = hits.cast(new Vector3(), new Vector3(0, 0, -1));
		await flush();
		session.deferred = true;
		const requested = hits.cast(new Vector3(), new Vector3(0, 0, -1));
		await flush();
		session.end();
		expect(await active).toBeNull();
		expect(await requested).toBeNull();
		session.answerAll();
		await flush();
		expect(session.sources).toHaveLength(2);
		expect(session.sources.map((s) => s.cancelled)).toEqual([1, 1]);
		expect(hits.ready).toBe(false);
		expect(await hits.cast(new Vector3(), new Vector3(0, 0, -1))).toBeNull();
		hits.use(asSession(session), space); // an ended session is not taken back
		expect(hits.ready).toBe(false);
		hits.use(asSession(new FakeSession()), space); // a new one is
		expect(hits.ready).toBe(true);
	});

	it('falls back (null, not ready) when the session lacks hit-test or refuses a source', async () => {
		const plain = new FakeSession();
		plain.enabledFeatures = ['local-floor'];
		hits = new XRHitTester();
		hits.use(asSession(plain), space);
		expect(hits.ready).toBe(false);

		const refusing = new FakeSession();
		refusing.refuse = true;
		hits.use(asSession(refusing), space);
		expect(hits.ready).toBe(true);
		expect(await hits.cast(new Vector3(), new Vector3(0, 0, -1))).toBeNull();
		expect(hits.ready).toBe(false);
		expect(hits.pending).toBe(0);
	});
});
