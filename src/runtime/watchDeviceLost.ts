import * as tf from '@tensorflow/tfjs';

/** What the browser said when the GPU device went away (`GPUDeviceLostInfo`). */
export interface DeviceLostInfo {
	/** `'destroyed'` (someone called `device.destroy()`) or `'unknown'` (driver reset, GPU process crash…). */
	reason: string;
	message: string;
}

interface DeviceLike {
	lost: Promise<{ reason?: string; message?: string }>;
}

/**
 * Calls `onLost` once if the WebGPU device of tfjs's current backend is lost; does nothing on the
 * other backends (WebGL's own context loss is the browser's to restore). Returns a function that
 * stops watching, after which `onLost` is never called (disposing the plugin is not a loss).
 *
 * ```ts
 * const stop = watchDeviceLost( ( info ) => console.warn( 'GPU lost:', info.message ) );
 * // later
 * stop();
 * ```
 */
export function watchDeviceLost(onLost: (info: DeviceLostInfo) => void): () => void {
	let watching = true;
	const device = tf.getBackend() === 'webgpu' ? (tf.backend() as unknown as { device?: DeviceLike }).device : undefined;
	device?.lost.then(
		(info) => {
			if (watching) onLost({ reason: info?.reason ?? 'unknown', message: info?.message ?? '' });
		},
		() => undefined,
	);
	return () => {
		watching = false;
	};
}

/**
 * Drops a backend whose device is gone from tfjs's registry, so nothing selects it again in this
 * page. Its tensors died with the device; releasing them or the backend must not throw.
 */
export function removeDeadBackend(name: string): void {
	try {
		tf.removeBackend(name);
	} catch {
		// Its teardown touched the dead device: it may stay registered, but it is no longer in use.
	}
}
