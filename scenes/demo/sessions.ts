import type { WebGLRenderer } from 'three';

/** Features the demo asks for when the platform has them; none is required but `local-floor`. */
export const OPTIONAL_FEATURES = [
	'hit-test',
	'plane-detection',
	'mesh-detection',
	'anchors',
	'depth-sensing',
	'hand-tracking',
];

/**
 * Starts an immersive session on the renderer. Depth sensing needs its preferences spelled out,
 * or some runtimes reject the whole request.
 */
export async function startSession(renderer: WebGLRenderer, mode: XRSessionMode): Promise<XRSession> {
	const xr = navigator.xr;
	if (!xr) throw new Error('WebXR is not available in this browser');
	const init: XRSessionInit & { depthSensing?: unknown } = {
		requiredFeatures: ['local-floor'],
		optionalFeatures: OPTIONAL_FEATURES,
		depthSensing: {
			usagePreference: ['cpu-optimized', 'gpu-optimized'],
			dataFormatPreference: ['luminance-alpha', 'float32'],
		},
	};
	const session = await xr.requestSession(mode, init);
	renderer.xr.setReferenceSpaceType('local-floor');
	await renderer.xr.setSession(session);
	return session;
}

/** Wires a button to a session mode: enabled when supported, toggles the session. */
export async function bindSessionButton(
	button: HTMLButtonElement,
	renderer: WebGLRenderer,
	mode: XRSessionMode,
	onChange: (session: XRSession | null) => void,
): Promise<void> {
	const label = button.textContent ?? '';
	const supported = (await navigator.xr?.isSessionSupported(mode).catch(() => false)) ?? false;
	button.disabled = !supported;
	if (!supported) {
		button.title = `${mode} is not supported here`;
		return;
	}
	button.addEventListener('click', async () => {
		const current = renderer.xr.getSession();
		if (current) {
			await current.end();
			return;
		}
		button.disabled = true;
		try {
			const session = await startSession(renderer, mode);
			button.textContent = 'Exit';
			onChange(session);
			session.addEventListener('end', () => {
				button.textContent = label;
				onChange(null);
			});
		} catch (error) {
			console.warn(`Could not start ${mode}:`, error);
			onChange(null);
		} finally {
			button.disabled = false;
		}
	});
}
