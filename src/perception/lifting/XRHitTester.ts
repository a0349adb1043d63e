import { Matrix4, Vector3 } from 'three';
import { rayInSpace } from './liftMath.js';

export interface XRHitTesterOptions {
	/** Hit-test sources alive at once (default 4); casts beyond them wait their turn. */
	maxSources?: number;
	/** Casts waiting or in flight at once (default 16); more resolve null at once. */
	maxCasts?: number;
	/** XR frames a source may take to report a hit before the cast gives up (default 8). */
	maxFrames?: number;
}

interface Cast {
	state: 'free' | 'queued' | 'requesting' | 'active';
	/** Bumped whenever the cast ends, so a late `requestHitTestSource` answer knows it is stale. */
	generation: number;
	/** The ray in the reference space. */
	origin: Vector3;
	direction: Vector3;
	spaceToWorld: Matrix4;
	source: XRHitTestSource | null;
	frames: number;
	resolve: ((hit: Vector3 | null) => void) | null;
}

const _inverse = new Matrix4();
const _hit = new Vector3();

/**
 * Casts world-space rays into the real room with WebXR hit testing (`hit-test` feature). Each cast
 * becomes a short-lived hit-test source in the session's reference space, read on a following XR
 * frame and cancelled; the promise resolves with the nearest hit in world space, or null (no hit in
 * time, feature refused, session ended). Sources are capped, and every one is cancelled when the
 * session changes or ends and on `dispose()`. Each source sits in the reference space itself, with
 * the ray as its `XRRay` offset, so it stays put in the room however the head moves meanwhile.
 *
 * ```ts
 * const hits = new XRHitTester();
 * renderer.setAnimationLoop( ( t, frame ) => {
 *   hits.use( renderer.xr.getSession(), renderer.xr.getReferenceSpace() );
 *   if ( frame ) hits.update( frame );
 * } );
 * const point = await hits.cast( origin, direction ); // a frame or two later
 * ```
 */
export class XRHitTester {
	readonly options: Required<XRHitTesterOptions>;
	private session: XRSession | null = null;
	private space: XRReferenceSpace | null = null;
	private refused = false;
	private readonly casts: Cast[];
	private given: XRSession | null = null;
	private givenSpace: XRReferenceSpace | null = null;
	private ended: XRSession | null = null;
	private readonly onEnd = () => {
		this.ended = this.session;
		this.use(null, null);
	};

	constructor(options: XRHitTesterOptions = {}) {
		this.options = {
			maxSources: options.maxSources ?? 4,
			maxCasts: options.maxCasts ?? 16,
			maxFrames: options.maxFrames ?? 8,
		};
		this.casts = Array.from({ length: this.options.maxCasts }, () => ({
			state: 'free' as const,
			generation: 0,
			origin: new Vector3(),
			direction: new Vector3(),
			spaceToWorld: new Matrix4(),
			source: null,
			frames: 0,
			resolve: null,
		}));
	}

	/** Whether this session granted hit testing, and the browser has `XRRay` to aim it with. */
	static isGranted(session: XRSession | null): boolean {
		if (!session || typeof session.requestHitTestSource !== 'function' || typeof XRRay !== 'function') return false;
		const features = (session as XRSession & { enabledFeatures?: readonly string[] }).enabledFeatures;
		// Runtimes that predate `enabledFeatures` say no by rejecting the request instead.
		return !features || features.includes('hit-test');
	}

	/** True when casts can hit something now: a session with hit testing and a reference space. */
	get ready(): boolean {
		return this.session !== null && this.space !== null && !this.refused;
	}

	/** Casts currently waiting for or holding a hit-test source. */
	get pending(): number {
		let n = 0;
		for (const c of this.casts) if (c.state !== 'free') n++;
		return n;
	}

	/** Follows the renderer's session and reference space; cancels everything when either changes. */
	use(session: XRSession | null, space: XRReferenceSpace | null): void {
		// Called every frame: only a change is looked at (and an ended session is never taken back).
		if (session === this.given && space === this.givenSpace) return;
		this.given = session;
		this.givenSpace = space;
		const granted = session !== this.ended && XRHitTester.isGranted(session) ? session : null;
		this.cancelAll();
		this.session?.removeEventListener('end', this.onEnd);
		this.session = granted;
		this.space = granted ? space : null;
		this.refused = false;
		granted?.addEventListener('end', this.onEnd);
	}

	/**
	 * Queues a hit test along a world ray. `spaceToWorld` carries the reference space into the world
	 * (a dolly's `matrixWorld`), omitted when they coincide. Never rejects.
	 */
	cast(origin: Vector3, direction: Vector3, spaceToWorld?: Matrix4 | null): Promise<Vector3 | null> {
		if (!this.ready) return Promise.resolve(null);
		const c = this.casts.find((x) => x.state === 'free');
		if (!c) return Promise.resolve(null);
		c.spaceToWorld.identity();
		if (spaceToWorld) c.spaceToWorld.copy(spaceToWorld);
		rayInSpace(origin, direction, spaceToWorld ? _inverse.copy(spaceToWorld).invert() : null, c.origin, c.direction);
		c.state = 'queued';
		c.frames = 0;
		const promise = new Promise<Vector3 | null>((resolve) => {
			c.resolve = resolve;
		});
		this.startQueued();
		return promise;
	}

	/** Reads the results of this XR frame: call once per frame, inside the frame callback. */
	update(frame: XRFrame): void {
		if (!this.session || !this.space) return;
		for (const c of this.casts) {
			if (c.state !== 'active') continue;
			c.frames++;
			let results: XRHitTestResult[] | null = null;
			try {
				results = frame.getHitTestResults(c.source!);
			} catch {
				// A source made after this frame's hit tests ran has no results for it yet.
			}
			const pose = results && results.length > 0 ? results[0].getPose(this.space) : null;
			if (pose) {
				const p = pose.transform.position;
				this.finish(c, _hit.set(p.x, p.y, p.z).applyMatrix4(c.spaceToWorld).clone());
			} else if (c.frames >= this.options.maxFrames) {
				this.finish(c, null);
			}
		}
		this.startQueued();
	}

	/** Ends every cast (resolving null) and cancels every source. */
	cancelAll(): void {
		for (const c of this.casts) if (c.state !== 'free') this.finish(c, null);
	}

	dispose(): void {
		this.use(null, null);
		this.cancelAll();
	}

	private startQueued(): void {
		let live = 0;
		for (const c of this.casts) if (c.state === 'requesting' || c.state === 'active') live++;
		for (const c of this.casts) {
			if (live >= this.options.maxSources || !this.ready) return;
			if (c.state !== 'queued') continue;
			this.request(c);
			live++;
		}
	}

	private request(c: Cast): void {
		const session = this.session!;
		const { origin: o, direction: d } = c;
		const offsetRay = new XRRay({ x: o.x, y: o.y, z: o.z, w: 1 }, { x: d.x, y: d.y, z: d.z, w: 0 });
		const generation = c.generation;
		c.state = 'requesting';
		const pending = session.requestHitTestSource!({ space: this.space!, offsetRay });
		if (!pending) {
			this.refuse();
			return;
		}
		pending.then(
			(source) => {
				if (c.generation !== generation || this.session !== session) {
					cancelQuietly(source);
					return;
				}
				c.source = source;
				c.state = 'active';
			},
			() => {
				// Refused (no hit testing after all, or no environment to test against): stop asking,
				// so lifting falls back to planes and meshes.
				if (this.session === session) this.refuse();
			},
		);
	}

	private refuse(): void {
		this.refused = true;
		this.cancelAll();
	}

	private finish(c: Cast, hit: Vector3 | null): void {
		if (c.source) cancelQuietly(c.source);
		c.source = null;
		c.state = 'free';
		c.generation++;
		const resolve = c.resolve;
		c.resolve = null;
		resolve?.(hit);
	}
}

/** Cancelling a source its ended session already dropped throws; there is nothing left to free. */
function cancelQuietly(source: XRHitTestSource): void {
	try {
		source.cancel();
	} catch {
		/* already cancelled */
	}
}
