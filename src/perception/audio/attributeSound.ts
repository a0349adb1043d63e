import { Quaternion, Vector3 } from 'three';

export interface AttributionCandidate {
	id: string;
	position: Vector3;
}

export interface AttributionOptions<C extends AttributionCandidate = AttributionCandidate> {
	/** Largest angle between the heard azimuth and an object's for a match, degrees (default 20). */
	maxDegrees?: number;
	/** How much better the best match must be than the runner-up, degrees (default 10). */
	marginDegrees?: number;
	/**
	 * Candidates tried first, on their own: those that make such a sound. A phone on a shelf of books
	 * is the phone that rang, though the books and the shelf are within a few degrees of it. When
	 * none of them is a clear match, every candidate is tried.
	 */
	prefer?: (candidate: C) => boolean;
}

export interface Attribution {
	objectId: string;
	/** Angle between the heard and the object's (front/back-folded) azimuth, degrees. */
	errorDegrees: number;
}

const _inverse = new Quaternion();
const _local = new Vector3();

/**
 * Head-frame azimuth of a world point, folded to the front half-plane: a stereo pair hears a source
 * behind at 180° − θ exactly as one in front at θ, so objects are compared on that footing.
 */
export function foldedAzimuthOf(point: Vector3, headPosition: Vector3, headQuaternion: Quaternion): number {
	_local.subVectors(point, headPosition).applyQuaternion(_inverse.copy(headQuaternion).invert());
	const azimuth = Math.atan2(_local.x, -_local.z);
	return Math.abs(azimuth) > Math.PI / 2 ? Math.sign(azimuth) * (Math.PI - Math.abs(azimuth)) : azimuth;
}

/**
 * Which tracked object a sound heard at `azimuth` (head frame, radians) came from, when the match is
 * clear: the best-aligned object within `maxDegrees` whose lead over the runner-up is at least
 * `marginDegrees`, among the `prefer`red candidates first when given. Returns null when nothing or
 * more than one object fits.
 *
 * ```ts
 * const hit = attributeSound( estimate.azimuth, pose.position, pose.quaternion, objects );
 * if ( hit ) sound.objectId = hit.objectId;
 * ```
 */
export function attributeSound<C extends AttributionCandidate>(
	azimuth: number,
	headPosition: Vector3,
	headQuaternion: Quaternion,
	candidates: Iterable<C>,
	options: AttributionOptions<C> = {},
): Attribution | null {
	const { prefer } = options;
	if (!prefer) return clearestMatch(azimuth, headPosition, headQuaternion, candidates, options);
	const all = Array.from(candidates);
	const preferred = all.filter(prefer);
	return (
		(preferred.length > 0 ? clearestMatch(azimuth, headPosition, headQuaternion, preferred, options) : null) ??
		clearestMatch(azimuth, headPosition, headQuaternion, all, options)
	);
}

function clearestMatch(
	azimuth: number,
	headPosition: Vector3,
	headQuaternion: Quaternion,
	candidates: Iterable<AttributionCandidate>,
	options: Pick<AttributionOptions, 'maxDegrees' | 'marginDegrees'>,
): Attribution | null {
	const maxError = options.maxDegrees ?? 20;
	const margin = options.marginDegrees ?? 10;
	let best: AttributionCandidate | null = null;
	let bestError = Number.POSITIVE_INFINITY;
	let secondError = Number.POSITIVE_INFINITY;
	for (const candidate of candidates) {
		const error =
			(Math.abs(foldedAzimuthOf(candidate.position, headPosition, headQuaternion) - azimuth) * 180) / Math.PI;
		if (error < bestError) {
			secondError = bestError;
			bestError = error;
			best = candidate;
		} else if (error < secondError) secondError = error;
	}
	if (!best || bestError > maxError || secondError - bestError < margin) return null;
	return { objectId: best.id, errorDegrees: bestError };
}
