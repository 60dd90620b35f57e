/**
 * A daily answer and its review of the learner's card are kept together, before the learner is told: when the
 * review cannot be written (here a trigger fails it, as a full disk would), the attempt is not kept either and the
 * learner gets an error, not a score; the redelivered event then records both, once, and a further redelivery
 * records nothing.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actor, makeHarness, PLACE, postToday, strongAnswer, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
});
afterEach(async () => {
  await h.cleanup();
});

const ada = { platform: 'slack' as const, workspaceExternalId: 'T1', externalId: 'U-ada' };

describe('a daily answer with its review', () => {
  it('keeps both or neither, and a redelivery records them exactly once', async () => {
    const { challenge } = await postToday(h);
    const answer = {
      actor: actor('ada'),
      place: { ...PLACE, threadId: (await h.store.challengeById(challenge.id))!.threadId! },
      text: strongAnswer(h.kb, challenge.topicId),
      eventId: 'Ev1',
    };
    const side = new Database(h.file);
    try {
      side.exec(`CREATE TRIGGER review_fails BEFORE INSERT ON review_log BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      const failed = await h.tutor.handleThreadAnswer(answer);
      expect(failed?.attemptId).toBeUndefined();
      expect(failed?.publicMessage.errorId).toBeDefined();
      expect(await h.store.dayResults(challenge.id)).toEqual([]);
      expect(await h.store.cards(ada)).toEqual([]);

      side.exec('DROP TRIGGER review_fails');
      const recorded = await h.tutor.handleThreadAnswer(answer);
      expect(recorded?.attemptId).toBeGreaterThan(0);
      expect(await h.tutor.handleThreadAnswer(answer)).toBeNull();
      expect(await h.store.dayResults(challenge.id)).toEqual([
        expect.objectContaining({ userExternalId: 'U-ada', attempts: 1, passed: true }),
      ]);
      const cards = await h.store.cards(ada);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ topicId: challenge.topicId, reps: 1 });
    } finally {
      side.close();
    }
  });
});
