/**
 * SHA-256 of some bytes, lower-case hex, with WebCrypto: `crypto.subtle` in browsers (secure
 * contexts only: https or localhost — which WebXR needs anyway), workers and Node ≥ 20.
 */
export async function sha256(bytes: Uint8Array): Promise<string> {
	const subtle = globalThis.crypto?.subtle;
	if (!subtle)
		throw new Error(
			'xr-sense: cannot verify model files: crypto.subtle is missing (it needs a secure context, https or localhost); pass verify: false to load unverified',
		);
	const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
	let hex = '';
	for (const b of digest) hex += b.toString(16).padStart(2, '0');
	return hex;
}
