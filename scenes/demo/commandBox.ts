import type { SceneUnderstanding, SceneUnderstandingEventMap } from '../../src/index.js';

const EVENTS = [
	'intent',
	'grab',
	'release',
	'move',
	'rotate',
	'scale',
	'hide',
	'show',
	'delete',
	'undo',
	'describe',
	'ask',
	'confirm',
	'actionfailed',
	'error',
] as const;

/**
 * The demo's typed command box: what is typed goes to `sense.handleTranscript` exactly as a spoken
 * transcript would, and the model's answer and every action event are listed under it.
 *
 * ```ts
 * addCommandBox( sense, document.body );
 * ```
 */
export function addCommandBox(sense: SceneUnderstanding, parent: HTMLElement): HTMLFormElement {
	const form = document.createElement('form');
	form.id = 'command';
	form.style.cssText =
		'position:fixed;right:12px;top:12px;width:340px;padding:10px;background:rgba(0,0,0,.6);border-radius:8px;z-index:1000;font:13px/1.4 system-ui,sans-serif;color:#eee';
	const input = document.createElement('input');
	input.id = 'command-text';
	input.type = 'text';
	input.placeholder = 'Type a command: "pick up the red cup", "这是什么"…';
	input.autocomplete = 'off';
	input.style.cssText =
		'box-sizing:border-box;width:100%;padding:8px;border-radius:6px;border:1px solid #888;background:#111;color:#fff;font:inherit';
	const log = document.createElement('ol');
	log.id = 'command-log';
	log.reversed = true;
	log.style.cssText = 'margin:8px 0 0;padding-left:22px;max-height:40vh;overflow:auto';
	form.append(input, log);
	parent.append(form);

	const write = (text: string, colour = '#eee') => {
		const item = document.createElement('li');
		item.textContent = text;
		item.style.color = colour;
		log.prepend(item);
		while (log.childElementCount > 30) log.lastElementChild?.remove();
	};
	for (const type of EVENTS) {
		sense.addEventListener(type, (e) =>
			write(`${type}: ${summary(type, e)}`, type === 'error' ? '#ff8080' : '#9fe3ff'),
		);
	}
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const text = input.value.trim();
		if (!text) return;
		input.value = '';
		write(`“${text}”`, '#fff');
		try {
			const answer = await sense.handleTranscript(text, { source: 'typed' });
			const target = answer.target ? ` → ${answer.target}` : '';
			const destination = answer.destination ? ` onto ${answer.destination}` : '';
			write(`model: ${answer.intent}${target}${destination} (${Math.round(answer.confidence * 100)}%)`, '#c8c8c8');
		} catch (error) {
			write(`error: ${(error as Error).message}`, '#ff8080');
		}
	});
	return form;
}

function summary(type: (typeof EVENTS)[number], e: SceneUnderstandingEventMap[typeof type]): string {
	const named = (o: { name?: string; label: string } | null | undefined) => (o ? (o.name ?? o.label) : 'nothing');
	switch (type) {
		case 'intent': {
			const i = e as SceneUnderstandingEventMap['intent'];
			return `${i.intent} ${named(i.object)}${i.destination ? ` → ${named(i.destination)}` : ''}`;
		}
		case 'describe':
			return (e as SceneUnderstandingEventMap['describe']).text;
		case 'ask':
			return (e as SceneUnderstandingEventMap['ask']).question;
		case 'confirm':
			return (e as SceneUnderstandingEventMap['confirm']).accepted ? 'yes' : 'no';
		case 'actionfailed':
			return (e as SceneUnderstandingEventMap['actionfailed']).reason;
		case 'error':
			return (e as SceneUnderstandingEventMap['error']).error.message;
		case 'grab': {
			const g = e as SceneUnderstandingEventMap['grab'];
			return `${named(g.object)} in the ${g.handedness} hand`;
		}
		case 'undo':
			return `${(e as SceneUnderstandingEventMap['undo']).intent} ${named((e as SceneUnderstandingEventMap['undo']).object)}`;
		default:
			return named((e as { object?: { name?: string; label: string } }).object);
	}
}
