import { type Browser, chromium } from '@playwright/test';

/** The system Chromium: Playwright downloads no browser of its own here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags for headless Chromium on a machine without a GPU: SwiftShader for WebGL, fake camera and
 * microphone (with no permission prompt), and no background traffic to Google's hosts.
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader',
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--autoplay-policy=no-user-gesture-required',
];

/**
 * Launches a separate Chromium with extra flags — for tests that need their own fake media files,
 * e.g. `launchChromium( [ '--use-file-for-fake-audio-capture=/tmp/tone.wav' ] )`.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
