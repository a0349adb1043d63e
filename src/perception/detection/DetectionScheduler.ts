import { StageScheduler } from '../../runtime/scheduling/StageScheduler.js';

/**
 * The vision stage's {@link StageScheduler}: at most one detection in flight, spaced so detection
 * takes at most `busyFraction` of wall time — a 40 ms detector runs every ~80 ms at 0.5, an 8 s one
 * (a software GPU) every ~16 s — and backing off while the host misses frames because of it.
 *
 * ```ts
 * const scheduler = new DetectionScheduler( { busyFraction: 0.5 } );
 * if ( scheduler.ready( now ) ) { scheduler.begin( now ); await detect(); scheduler.end( performance.now() ); }
 * ```
 */
export class DetectionScheduler extends StageScheduler {}
