import type { ReplyLang } from './phrases.js';

/**
 * Speaks `text` with the browser's speech synthesis when it has a voice for the language; returns
 * whether it did. (Headless browsers and Node have none: the in-scene panel carries the text then.)
 *
 * ```ts
 * if ( ! speak( 'Did you mean the red lamp?', 'en' ) ) panel.show( … );
 * ```
 */
export function speak(text: string, lang: ReplyLang): boolean {
	const synth = typeof speechSynthesis !== 'undefined' ? speechSynthesis : null;
	if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return false;
	const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
	if (!voice) return false;
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.voice = voice;
	utterance.lang = voice.lang;
	synth.cancel();
	synth.speak(utterance);
	return true;
}
