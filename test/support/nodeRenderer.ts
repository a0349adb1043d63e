import { type Camera, EventDispatcher, Group, type WebGLRenderer } from 'three';

/**
 * What `SceneUnderstanding` uses of a `WebGLRenderer`, for Node, where there is no WebGL: a canvas
 * that takes pointer listeners, and `renderer.xr` outside any XR session (its controllers, grips
 * and hands are plain groups that never connect). Nothing is rendered.
 *
 * ```ts
 * const sense = new SceneUnderstanding( { renderer: nodeRenderer( camera ), scene, camera, vision: false } );
 * ```
 */
export function nodeRenderer(camera: Camera): WebGLRenderer {
	const spaces = () => [new Group(), new Group()];
	const controllers = spaces();
	const grips = spaces();
	const hands = spaces();
	const xr = Object.assign(new EventDispatcher(), {
		enabled: false,
		isPresenting: false,
		getController: (i: number) => controllers[i],
		getControllerGrip: (i: number) => grips[i],
		getHand: (i: number) => hands[i],
		getSession: () => null,
		getReferenceSpace: () => null,
		getCamera: () => camera,
	});
	return { xr, domElement: new EventTarget() } as unknown as WebGLRenderer;
}
