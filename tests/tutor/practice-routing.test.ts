/**
 * Practice beside the daily challenge: `/answer` always answers the daily, `/practice-answer` the waiting
 * practice, and each graded reply names the challenge it answered. Practice never spends a daily attempt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRequest } from '../../src/tutor/api.js';
import type { CommandName } from '../../src/tutor/commands/spec.js';
import { actor, makeHarness, postToday, PLACE, strongAnswer, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
});
afterEach(async () => {
  await h.cleanup();
});

const request = (command: CommandName, options: CommandRequest['options'] = {}): CommandRequest => ({
  actor: actor('ada'),
  place: PLACE,
  command,
  options,
});

describe('practice beside the daily challenge', () => {
  it('routes /answer to the daily and /practice-answer to the practice, naming each in the reply', async () => {
    const daily = (await postToday(h)).challenge;
    const dailyTitle = h.kb.challengeFor(daily.topicId)!.title;
    const offer = await h.tutor.handleCommand(request('practice', { topic: 'redis' }));
    const practiceTopic = h.kb.lookup('redis', 5).results.find((r) => h.kb.challengeFor(r.id))!;
    expect(offer.practice).toEqual({ title: practiceTopic.title });
    expect(offer.messages[0]!.title).toBe(`Practice: ${practiceTopic.title}`);
    expect(offer.messages[0]!.text).toContain('`/practice-answer <text>`');

    // With a practice waiting, /answer still answers today's challenge.
    const toDaily = await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, daily.topicId) }));
    expect(toDaily.messages[1]!.title).toBe(`今日挑战「${dailyTitle}」：93/100 ✅`);
    expect(toDaily.practice).toBeUndefined();
    expect((await h.store.dayResults(daily.id)).map((r) => [r.displayName, r.attempts])).toEqual([['ada', 1]]);

    const toPractice = await h.tutor.handleCommand(
      request('practice-answer', { text: strongAnswer(h.kb, practiceTopic.id) }),
    );
    expect(toPractice.practice).toBeNull();
    expect(toPractice.messages).toHaveLength(1);
    expect(toPractice.messages[0]!.title).toBe(`练习「${practiceTopic.title}」：96/100 ✅`);
    expect(toPractice.messages[0]!.text).toContain('不占用今天的作答次数');
    expect((await h.store.dayResults(daily.id)).map((r) => [r.displayName, r.attempts])).toEqual([['ada', 1]]);

    // The practice was answered: nothing waits any more.
    const again = await h.tutor.handleCommand(request('practice-answer', { text: 'cache it' }));
    expect(again.messages.map((m) => m.errorId)).toEqual(['no-practice']);
    expect(again.practice).toBeNull();
  });

  it('never spends or refuses on daily attempts: practice works after the daily cap, the cap stays 3', async () => {
    const daily = (await postToday(h)).challenge;
    for (let i = 0; i < 3; i++) await h.tutor.handleCommand(request('answer', { text: `a guess, number ${i + 1}` }));
    const capped = await h.tutor.handleCommand(request('answer', { text: 'one more guess' }));
    expect(capped.messages.map((m) => m.errorId)).toEqual(['attempt-cap']);

    for (let round = 0; round < 4; round++) {
      await h.tutor.handleCommand(request('practice', { topic: 'redis' }));
      const graded = await h.tutor.handleCommand(request('practice-answer', { text: 'redis keeps hot data' }));
      expect(graded.messages[0]!.errorId).toBeUndefined();
      expect(graded.messages[0]!.title).toMatch(/^Practice “redis”: \d+\/100 ❌$/);
    }
    expect((await h.store.dayResults(daily.id)).map((r) => [r.displayName, r.attempts])).toEqual([['ada', 3]]);
  });

  it('counts practice for no streak and no points', async () => {
    await h.tutor.handleCommand(request('practice', { topic: 'redis' }));
    const topic = h.kb.lookup('redis', 5).results.find((r) => h.kb.challengeFor(r.id))!;
    const scored = await h.tutor.handleCommand(request('practice-answer', { text: strongAnswer(h.kb, topic.id) }));
    expect(scored.messages[0]!.title).toBe('练习「redis」：96/100 ✅');
    const streak = await h.tutor.handleCommand(request('streak'));
    expect(streak.messages[0]!.text).toBe('ada has no streak yet: answer a daily challenge to start one.');
    const board = await h.tutor.handleCommand(request('leaderboard', { period: 'all' }));
    expect(board.messages[0]!.text).toBe('Nobody has scored in this period yet.');
    const unknown = await h.tutor.handleCommand(request('practice', { topic: 'qwzxv plorbst' }));
    expect(unknown.messages[0]!.errorId).toBe('unknown-topic');
  });
});
