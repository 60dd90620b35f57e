/**
 * A daily attempt that carries its review (`AttemptInput.review`): the attempt and the review of the learner's
 * card are one transaction, and they leave exactly what recording the attempt and then the review apart (keyed
 * `daily:<attempt id>`) leaves; a redelivery, a cap or a closed day reviews nothing. Run per backend like
 * `describeStoreContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewRating } from '../../../src/domain/review.js';
import type { AttemptOutcome, ChannelRecord, DailyChallengeRecord, Store, UserRef } from '../../../src/store/types.js';
import {
  at,
  attemptInput,
  openWithChannel,
  user,
  WS,
  type AttemptOptions,
  type StoreBackend,
} from './store-contract.js';

const REVIEW = { topicId: 'redis', missed: ['eviction'], retention: 0.9 };
const ratingOf = (score: number): ReviewRating => (score >= 60 ? 'good' : 'again');

function recordedOf(outcome: AttemptOutcome) {
  if (outcome.status !== 'recorded') throw new Error(`expected a recorded attempt, got ${outcome.status}`);
  return outcome;
}

export function describeAttemptReviewContract(backend: StoreBackend): void {
  describe(`attempt with its review contract: ${backend.name}`, () => {
    let store: Store;
    let channel: ChannelRecord;

    beforeEach(async () => {
      ({ store, channel } = await openWithChannel(backend));
    });
    afterEach(() => backend.cleanup());

    async function posted(day: string): Promise<DailyChallengeRecord> {
      const { challenge } = await store.claimDailyChallenge({
        channelId: channel.id,
        day,
        topicId: REVIEW.topicId,
        at: at(`${day}T09:00:00Z`),
      });
      await store.markChallengePosted(challenge.id, {
        messageId: `m-${day}`,
        threadId: `t-${day}`,
        at: at(`${day}T09:00:01Z`),
      });
      return challenge;
    }

    function answer(
      challenge: DailyChallengeRecord,
      who: UserRef,
      score: number,
      options: AttemptOptions & { reviewed: boolean },
    ) {
      return store.recordAttempt({
        ...attemptInput(challenge, who, score, options),
        ...(options.reviewed ? { review: { ...REVIEW, rating: ratingOf(score) } } : {}),
      });
    }

    /** The attempt, then its review in a transaction of its own: what the tutor did before reviews moved in. */
    async function answerThenReview(challenge: DailyChallengeRecord, who: UserRef, score: number) {
      const outcome = recordedOf(await answer(challenge, who, score, { reviewed: false }));
      const review = await store.recordReview({
        ...REVIEW,
        user: who,
        kind: 'daily',
        score,
        rating: ratingOf(score),
        at: at(`${challenge.day}T12:00:00Z`),
        dedupeKey: `daily:${outcome.attemptId}`,
      });
      return { outcome, card: review.card };
    }

    it('leaves what the attempt and then its review apart leave: outcome, card, points, streaks, teams', async () => {
      await store.ensureWorkspace('slack', WS, { timeZone: 'UTC' });
      await store.joinTeam(user('ada', 'Ada'), 'Owls');
      await store.joinTeam(user('bob', 'Bob'), 'Larks');
      const plan: [string, number][] = [
        ['2026-03-02', 40],
        ['2026-03-02', 75],
        ['2026-03-03', 90],
        ['2026-03-05', 30],
        ['2026-03-05', 65],
      ];
      for (const [day, score] of plan) {
        const challenge = (await store.dailyChallenge(channel.id, day)) ?? (await posted(day));
        const together = recordedOf(await answer(challenge, user('ada', 'Ada'), score, { reviewed: true }));
        const apart = await answerThenReview(challenge, user('bob', 'Bob'), score);
        const { attemptId: _a, card, ...rest } = together;
        const { attemptId: _b, ...restApart } = apart.outcome;
        expect(rest).toEqual(restApart);
        expect(card).toEqual(apart.card);
        expect(card).toMatchObject({ topicId: 'redis', lastScore: score, lastRating: ratingOf(score) });
      }
      expect(await store.cards(user('ada'))).toEqual(await store.cards(user('bob')));
      expect((await store.cards(user('ada')))[0]).toMatchObject({ reps: plan.length });
      expect(await store.weakConcepts(user('ada'), 5)).toEqual(await store.weakConcepts(user('bob'), 5));
      const query = { workspace: { platform: 'slack' as const, externalId: WS }, period: 'all' as const };
      const board = await store.leaderboard({ ...query, today: '2026-03-05', by: 'points', teams: true, limit: 10 });
      expect(board).toHaveLength(2);
      expect(board[0]).toMatchObject({ points: board[1]!.points, streak: board[1]!.streak });
      expect(board[0]!.points).toBeGreaterThan(0);
    });

    it('reviews once: a redelivered event records and reviews nothing more, and its key is taken', async () => {
      const challenge = await posted('2026-03-02');
      const first = recordedOf(await answer(challenge, user('ada'), 80, { reviewed: true, eventKey: 'ev-1' }));
      expect(first.card).toMatchObject({ reps: 1 });
      expect(await answer(challenge, user('ada'), 80, { reviewed: true, eventKey: 'ev-1' })).toEqual({
        status: 'duplicate',
        attemptId: first.attemptId,
      });
      const replay = await store.recordReview({
        ...REVIEW,
        user: user('ada'),
        kind: 'daily',
        score: 80,
        rating: 'good',
        at: at('2026-03-02T12:00:05Z'),
        dedupeKey: `daily:${first.attemptId}`,
      });
      expect(replay).toEqual({ status: 'duplicate', card: first.card });
      expect(await store.cards(user('ada'))).toEqual([first.card]);
    });

    it('reviews nothing when the attempt is refused: over the cap, or the day closed', async () => {
      const challenge = await posted('2026-03-02');
      await answer(challenge, user('ada'), 50, { reviewed: false, maxAttempts: 1 });
      expect(await answer(challenge, user('ada'), 90, { reviewed: true, maxAttempts: 1 })).toEqual({
        status: 'attempt-cap',
        attemptsUsed: 1,
      });
      expect(await answer(challenge, user('bob'), 90, { reviewed: true, at: at('2026-03-03T00:00:00Z') })).toEqual({
        status: 'closed',
      });
      expect(await store.cards(user('ada'))).toEqual([]);
      expect(await store.cards(user('bob'))).toEqual([]);
    });

    it('keeps text and names exactly as given, quotes, backslashes and all', async () => {
      const challenge = await posted('2026-03-02');
      const odd = "O'Brien \\ $1 -- ; DROP TABLE users; 缓存'' \n\t";
      const outcome = recordedOf(
        await store.recordAttempt({
          challengeId: challenge.id,
          user: user(odd, odd),
          text: odd,
          score: 70,
          passed: true,
          concepts: { pain: [odd], fix: [], negated: [] },
          feedback: odd,
          at: at('2026-03-02T12:00:00Z'),
          maxAttempts: 3,
          eventKey: odd,
          review: { ...REVIEW, topicId: odd, missed: [odd], rating: 'good' },
        }),
      );
      expect(await store.attempt(outcome.attemptId)).toMatchObject({ userExternalId: odd, feedback: odd });
      expect(await store.dayResults(challenge.id)).toEqual([
        { userExternalId: odd, displayName: odd, bestScore: 70, passed: true, attempts: 1 },
      ]);
      expect(outcome.card).toMatchObject({ topicId: odd });
      expect(await store.weakConcepts(user(odd), 5)).toEqual([{ concept: odd, topicId: odd, missed: 1 }]);
    });

    it('without a review, touches no card; a renamed learner is renamed', async () => {
      const challenge = await posted('2026-03-02');
      const outcome = recordedOf(await answer(challenge, user('ada', 'Ada'), 70, { reviewed: false }));
      expect(outcome.card).toBeUndefined();
      expect(await store.cards(user('ada'))).toEqual([]);
      await answer(challenge, user('ada', 'Ada L.'), 80, { reviewed: true });
      expect(await store.dayResults(challenge.id)).toEqual([
        { userExternalId: 'ada', displayName: 'Ada L.', bestScore: 80, passed: true, attempts: 2 },
      ]);
    });
  });
}
