/**
 * What the core keeps in the store rather than in its process: a waiting practice survives a restart, and
 * the overview reads the learner's own points (not a leaderboard row that happens to carry their name).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRef } from '../../src/store/types.js';
import type { CommandRequest } from '../../src/tutor/api.js';
import type { CommandName } from '../../src/tutor/commands/spec.js';
import { actor, makeHarness, postToday, openTutor, PLACE, strongAnswer, type Harness } from './harness.js';

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

const learner = (userId: string, displayName: string): UserRef => ({
  platform: 'slack',
  workspaceExternalId: 'T1',
  externalId: userId,
  displayName,
});

describe('a waiting practice lives in the store', () => {
  it('is still waiting after a restart, and answering it ends it', async () => {
    const offer = await h.tutor.handleCommand(request('practice', { topic: 'redis' }));
    const topic = h.kb.lookup('redis', 5).results.find((r) => h.kb.challengeFor(r.id))!;
    expect(offer.practice).toEqual({ title: topic.title });

    await h.store.close();
    const restarted = await openTutor(h.file, h.clock);
    try {
      const answered = await restarted.tutor.handleCommand(
        request('practice-answer', { text: strongAnswer(h.kb, topic.id) }),
      );
      expect(answered.messages.map((m) => m.errorId)).toEqual([undefined]);
      expect(answered.messages[0]!.title).toBe(`练习「${topic.title}」：96/100 ✅`);
      const again = await restarted.tutor.handleCommand(request('practice-answer', { text: 'cache it' }));
      expect(again.messages.map((m) => m.errorId)).toEqual(['no-practice']);
    } finally {
      await restarted.store.close();
    }
  });

  it('waits an hour for its answer, and not a moment longer', async () => {
    await h.tutor.handleCommand(request('practice', { topic: 'redis' }));
    h.clock.advance(60 * 60_000);
    const inTime = await h.tutor.handleCommand(request('practice-answer', { text: 'cache it' }));
    expect(inTime.messages.map((m) => m.errorId)).toEqual([undefined]);

    await h.tutor.handleCommand(request('practice', { topic: 'redis' }));
    h.clock.advance(60 * 60_000 + 1);
    const late = await h.tutor.handleCommand(request('practice-answer', { text: 'cache it' }));
    expect(late.messages.map((m) => m.errorId)).toEqual(['no-practice']);
  });
});

describe('overview points are the learner’s own', () => {
  async function answer(challengeId: number, who: UserRef, score: number) {
    const outcome = await h.store.recordAttempt({
      challengeId,
      user: who,
      text: `answer ${score}`,
      score,
      passed: score >= 60,
      concepts: { pain: [], fix: [], negated: [] },
      feedback: '',
      at: h.clock.now(),
      maxAttempts: 3,
    });
    if (outcome.status !== 'recorded') throw new Error(`expected a recorded attempt, got ${outcome.status}`);
  }

  it('keeps apart two learners with the same display name', async () => {
    const challenge = (await postToday(h)).challenge;
    await answer(challenge.id, learner('U-sam1', 'Sam'), 90);
    await answer(challenge.id, learner('U-sam2', 'Sam'), 40);
    const first = await h.tutor.overview(actor('Sam', { userId: 'U-sam1' }));
    const second = await h.tutor.overview(actor('Sam', { userId: 'U-sam2' }));
    expect(first.points).toEqual({ week: 90, month: 90, all: 90 });
    expect(second.points).toEqual({ week: 40, month: 40, all: 40 });
  });

  it('counts a learner ranked below the first thousand', async () => {
    const challenge = (await postToday(h)).challenge;
    for (let i = 0; i < 1000; i++) await answer(challenge.id, learner(`U-top${i}`, `top ${i}`), 90);
    await answer(challenge.id, learner('U-last', 'last'), 10);
    const overview = await h.tutor.overview(actor('last', { userId: 'U-last' }));
    expect(overview.points).toEqual({ week: 10, month: 10, all: 10 });
  });
});
