import { describe, expect, it } from 'vitest';
import {
	askSentence,
	deicticOffsets,
	describeSentence,
	isUndo,
	replyLanguage,
	yesOrNo,
} from '../../src/actions/phrases.js';

describe('phrases', () => {
	it('reads yes/no answers in English and Chinese, and nothing else', () => {
		for (const t of ['yes', 'Yes.', 'yeah!', '对', '对的', '是的', '好']) expect(yesOrNo(t), t).toBe('yes');
		for (const t of ['no', 'No!', 'nope', '不是', '不对', '不', '取消']) expect(yesOrNo(t), t).toBe('no');
		for (const t of ['yes put it on the table', 'pick up the cup', '', '是什么']) expect(yesOrNo(t), t).toBeNull();
	});

	it('recognises undo', () => {
		expect(isUndo('Undo')).toBe(true);
		expect(isUndo('undo that!')).toBe(true);
		expect(isUndo('撤销')).toBe(true);
		expect(isUndo('undo the cup on the table')).toBe(false);
	});

	it('replies in the language of the utterance or of the tag', () => {
		expect(replyLanguage('这是什么')).toBe('zh');
		expect(replyLanguage('what is this')).toBe('en');
		expect(replyLanguage('what is this', 'zh-CN')).toBe('zh');
		expect(replyLanguage('把 cup 放下', undefined)).toBe('zh');
	});

	it('finds "that" and "there" in order', () => {
		const put = deicticOffsets('put that there');
		expect(put.that).toBeGreaterThan(0);
		expect(put.there).toBeGreaterThan(put.that!);
		const zh = deicticOffsets('把那个放到这里');
		expect(zh.that).toBeCloseTo(2 / 7, 6);
		expect(zh.there).toBeCloseTo(6 / 7, 6);
		expect(deicticOffsets('put it on the table')).toEqual({ that: null, there: null });
		expect(deicticOffsets('放到这里').that).toBeNull();
	});

	it('says what an object is and asks about it', () => {
		expect(
			describeSentence({ label: 'cell phone', color: 'black', confidence: 0.874, sound: 'phone_ring' }, 'en'),
		).toBe("That's the black cell phone (87% sure). It's making a ringing sound.");
		expect(describeSentence({ label: 'lamp', confidence: 1, sound: 'silence' }, 'zh')).toBe('这是台灯（把握 100%）。');
		expect(askSentence('lamp', 'red', 'en')).toBe('Did you mean the red lamp?');
		expect(askSentence('lamp', 'red', 'zh')).toBe('你是说红色的台灯吗？');
		expect(askSentence(null, undefined, 'en')).toBe('Which one do you mean?');
	});
});
