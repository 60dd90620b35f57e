/**
 * One length rule and one emptiness rule for an answer, however it arrives (issue 12, item 22): characters
 * are code points, for `/answer` typed as text as for a thread reply; a reply with nothing visible in it is
 * refused without spending an attempt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { characterCount, hasVisibleText, rejectAnswer } from '../../src/grading/reject.js';
import { parseTextCommand } from '../../src/tutor/text-commands.js';
import { actor, makeHarness, PLACE, strongAnswer, type Harness } from '../tutor/harness.js';

const EMOJI = '🙂'; // one character, two UTF-16 units
const INVISIBLE = [
  '\u0000',
  '\u0000\u0000\u0000',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u0007\u0007',
  '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c',
  ' \t\u3000\u00a0\u3164\u00ad',
  '\u001b\u0000 \u200b',
];

describe('the length of an answer', () => {
  it('counts characters (code points), not UTF-16 units, in every path', () => {
    const emoji = EMOJI.repeat(2_100);
    expect([emoji.length, characterCount(emoji)]).toEqual([4_200, 2_100]);
    expect(rejectAnswer(emoji, 'en')).toBeNull();
    const parsed = parseTextCommand(`/answer ${emoji}`, 'en');
    expect(parsed).toMatchObject({ ok: true, options: { text: emoji } });
    const tooLong = EMOJI.repeat(4_001);
    expect(rejectAnswer(tooLong, 'en')).toMatchObject({ id: 'answer-too-long', limit: 4_000 });
    expect(rejectAnswer(tooLong, 'en')?.message).toMatch(/^Your answer has 4,001 characters; the limit is 4,000\./);
    expect(parseTextCommand(`/answer ${tooLong}`, 'en')).toMatchObject({ ok: false });
    expect(parseTextCommand(`/answer ${'字'.repeat(4_000)}`, 'en')).toMatchObject({ ok: true });
  });
});

describe('an answer with nothing visible', () => {
  it('is refused as empty, in both languages', () => {
    for (const text of INVISIBLE) {
      expect(hasVisibleText(text), JSON.stringify(text)).toBe(false);
      expect(rejectAnswer(text, 'en'), JSON.stringify(text)).toMatchObject({ id: 'empty-answer' });
    }
    expect(rejectAnswer('\u200b', 'zh')?.message).toMatch(/^回答是空的（没有可见的文字）/);
    for (const text of ['a\u200b', '\u200b缓存', '\u0007 x', EMOJI, '\u202e解法']) {
      expect(hasVisibleText(text), JSON.stringify(text)).toBe(true);
      expect(rejectAnswer(text, 'en')).toBeNull();
    }
  });

  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness('2026-03-02T10:00:00Z');
  });
  afterEach(async () => h.cleanup());

  it('spends no attempt, by /answer or in the thread: all three attempts are still there afterwards', async () => {
    const channel = await h.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    const posted = await h.tutor.postDailyChallenge(channel, h.outbox);
    if (posted.status !== 'posted') throw new Error(`expected a post, got ${posted.status}`);
    const threadId = posted.challenge.threadId!;
    const ada = actor('ada');
    for (const text of INVISIBLE) {
      const command = await h.tutor.handleCommand({ actor: ada, place: PLACE, command: 'answer', options: { text } });
      expect(command.messages[0]?.errorId, JSON.stringify(text)).toBe('empty-answer');
      const reply = await h.tutor.handleThreadAnswer({ actor: ada, place: { ...PLACE, threadId }, text });
      expect(reply?.publicMessage.errorId, JSON.stringify(text)).toBe('empty-answer');
    }
    const strong = strongAnswer(h.kb, posted.challenge.topicId);
    for (let i = 0; i < 3; i++) {
      const reply = await h.tutor.handleCommand({
        actor: ada,
        place: PLACE,
        command: 'answer',
        options: { text: `${strong} ${i}` },
      });
      expect(reply.messages[0]?.errorId, `attempt ${i + 1}`).toBeUndefined();
    }
  });
});
