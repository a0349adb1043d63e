import {
	parseSession,
	type SceneUnderstanding,
	type SessionDiff,
	SessionRecorder,
	SessionReplay,
} from '../../src/index.js';

/**
 * The demo's record-and-replay controls: "Record" starts a {@link SessionRecorder}, "Stop & save"
 * ends it and downloads the session (`.jsonl`, through a blob URL: it never leaves the device
 * otherwise); a file input, or `?replay=URL` on the page's own origin, replays a session into the
 * scene and lists what came out differently. The last replay's differences are `window.replayDiffs`.
 *
 * ```ts
 * addSessionControls( sense, document.body, new URLSearchParams( location.search ).get( 'replay' ) );
 * ```
 */
export function addSessionControls(sense: SceneUnderstanding, parent: HTMLElement, replayUrl: string | null): void {
	const box = document.createElement('div');
	box.id = 'session';
	box.style.cssText =
		'position:fixed;left:12px;bottom:84px;max-width:300px;padding:8px 10px;background:rgba(0,0,0,.6);border-radius:8px;z-index:1000;font:13px/1.4 system-ui,sans-serif;color:#eee';
	const record = document.createElement('button');
	record.id = 'session-record';
	record.type = 'button';
	record.textContent = 'Record';
	const label = document.createElement('label');
	label.textContent = ' Replay: ';
	const file = document.createElement('input');
	file.id = 'session-replay';
	file.type = 'file';
	file.accept = '.jsonl,application/x-ndjson';
	label.append(file);
	const status = document.createElement('div');
	status.id = 'session-status';
	status.textContent = 'not recording';
	box.append(record, label, status);
	parent.append(box);

	let recorder: SessionRecorder | null = null;
	record.addEventListener('click', () => {
		if (!recorder) {
			recorder = new SessionRecorder(sense, { frameHz: 0.5 }).start();
			record.textContent = 'Stop & save';
			status.textContent = '● recording (kept on this device)';
			return;
		}
		const text = recorder.stop();
		recorder.dispose();
		recorder = null;
		record.textContent = 'Record';
		status.textContent = `saved ${Math.round(text.length / 1024)} KB`;
		const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
		const link = document.createElement('a');
		link.href = url;
		link.download = `xr-sense-session-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
		link.click();
		setTimeout(() => URL.revokeObjectURL(url), 10_000);
	});

	const replay = async (text: string) => {
		status.textContent = 'replaying…';
		try {
			const session = parseSession(text);
			const run = new SessionReplay(sense, session);
			const diffs = await run.run();
			run.dispose();
			Object.assign(window, { replayDiffs: diffs });
			const said = session.records.filter((r) => r.kind === 'transcript').length;
			status.textContent = `replayed ${said} transcripts: ${diffs.length} differences${diffs.length ? ` — ${diffs.map(describe).join('; ')}` : ''}`;
		} catch (error) {
			status.textContent = `replay failed: ${(error as Error).message}`;
		}
	};
	file.addEventListener('change', async () => {
		const chosen = file.files?.[0];
		if (chosen) await replay(await chosen.text());
	});
	if (replayUrl) {
		const url = new URL(replayUrl, location.href);
		// Same origin only: the demo asks no other site for anything.
		if (url.origin !== location.origin) status.textContent = 'replay: only a file of this origin can be replayed';
		else
			sense.addEventListener('loaded', async () => {
				const response = await fetch(url);
				await replay(await response.text());
			});
	}
}

function describe(d: SessionDiff): string {
	return `#${d.utterance} ${d.kind}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.got)}`;
}
