declare module 'webxr-polyfill' {
	/** Installs a WebXR implementation on `navigator.xr` where the browser has none. */
	export default class WebXRPolyfill {
		constructor(config?: { global?: object; webvr?: boolean; cardboard?: boolean; allowCardboardOnDesktop?: boolean });
	}
}
