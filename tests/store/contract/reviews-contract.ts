/**
 * The spaced-review port's contract (`ReviewStore`): cards, the review log with its dedupe, waiting review
 * questions, reminders and the channel's due learners; run per backend like `describeStoreContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewKind, ReviewRating } from '../../../src/domain/review.js';
import type { ReviewInput } from '../../../src/store/types.js';
import type { ChannelRecord, Store } from '../../../src/store/types.js';
import { at, openWithChannel, user, WS, type StoreBackend } from './store-contract.js';

const DAY = 86_400_000;

export function describeReviewsContract(backend: StoreBackend): void {
  describe(`reviews contract: ${backend.name}`, () => {
    let store: Store;
    let restart: () => Promise<Store>;
    let channel: ChannelRecord;

    beforeEach(async () => {
      ({ store, restart, channel } = await openWithChannel(backend));
    });
    afterEach(() => backend.cleanup());

    function review(
      who: string,
      topicId: string,
      rating: ReviewRating,
      when: Date,
      options: { key?: string; kind?: ReviewKind; missed?: string[] } = {},
    ) {
      const input: ReviewInput = {
        user: user(who),
        topicId,
        kind: options.kind ?? 'practice',
        score: rating === 'again' ? 30 : 80,
        rating,
        missed: options.missed ?? [],
        at: when,
        dedupeKey: options.key ?? `${who}:${topicId}:${when.getTime()}`,
        retention: 0.9,
      };
      return store.recordReview(input);
    }

    it('creates a new card, due at once, when a learner meets a topic, and only once', async () => {
      await store.meetTopic(user('ada'), 'redis', at('2026-03-01T09:00:00Z'));
      await store.meetTopic(user('ada'), 'redis', at('2026-03-05T09:00:00Z'));
      const cards = await store.cards(user('ada'));
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ topicId: 'redis', phase: 'new', reps: 0, lastScore: null });
      expect(cards[0]!.due).toEqual(at('2026-03-01T09:00:00Z'));
    });

    it('reviews a card once per dedupe key, keeps it across a restart, and schedules it forward', async () => {
      const when = at('2026-03-01T09:00:00Z');
      const first = await review('ada', 'redis', 'good', when, { key: 'daily:1' });
      expect(first.status).toBe('recorded');
      expect(first.card).toMatchObject({ topicId: 'redis', reps: 1, lastScore: 80, lastRating: 'good' });
      expect(first.card!.due.getTime()).toBeGreaterThan(when.getTime());
      const again = await review('ada', 'redis', 'good', at('2026-03-01T09:00:05Z'), { key: 'daily:1' });
      expect(again).toEqual({ status: 'duplicate', card: first.card });
      store = await restart();
      const cards = await store.cards(user('ada'));
      expect(cards).toEqual([first.card]);
      expect(await store.activity(user('ada'), at('2026-02-01T00:00:00Z'), at('2026-04-01T00:00:00Z'))).toEqual([when]);
    });

    it('takes a key replayed for another learner as a duplicate: no error, and that learner gets no card', async () => {
      const when = at('2026-03-01T09:00:00Z');
      expect((await review('ada', 'redis', 'good', when, { key: 'daily:7' })).status).toBe('recorded');
      expect(await review('bob', 'redis', 'good', when, { key: 'daily:7' })).toEqual({
        status: 'duplicate',
        card: null,
      });
      expect(await store.cards(user('bob'))).toEqual([]);
    });

    it('schedules a simulated learner over 90 days: intervals grow after passes and shrink after a fail', async () => {
      const start = at('2026-01-05T09:00:00Z').getTime();
      const script: ReviewRating[] = ['good', 'good', 'good', 'again', 'good', 'good', 'hard', 'good'];
      const intervals: number[] = [];
      let when = start;
      for (const [i, rating] of script.entries()) {
        if (when - start > 90 * DAY) break;
        const card = (await review('ada', 'redis', rating, new Date(when), { key: `sim:${i}` })).card!;
        intervals.push(Math.round((card.due.getTime() - when) / DAY));
        when = card.due.getTime();
      }
      expect(intervals.length).toBeGreaterThanOrEqual(6);
      expect(intervals[1]!).toBeGreaterThan(intervals[0]!);
      expect(intervals[2]!).toBeGreaterThan(intervals[1]!);
      expect(intervals[3]!).toBeLessThan(intervals[2]!);
      expect(intervals[4]!).toBeGreaterThan(intervals[3]!);
      const card = (await store.cards(user('ada')))[0]!;
      expect(card).toMatchObject({ reps: intervals.length, lapses: 1 });
    });

    it('puts a topic failed yesterday before one passed last week', async () => {
      const today = at('2026-03-10T09:00:00Z').getTime();
      await review('ada', 'kafka', 'good', new Date(today - 10 * DAY));
      await review('ada', 'kafka', 'good', new Date(today - 7 * DAY));
      await review('ada', 'redis', 'good', new Date(today - 4 * DAY));
      await review('ada', 'redis', 'again', new Date(today - DAY));
      const due = await store.dueCards(user('ada'), new Date(today + 60 * DAY), 10);
      expect(due.map((c) => c.topicId)).toEqual(['redis', 'kafka']);
    });

    it('lists due cards most overdue first, and tells when the next one is due', async () => {
      await review('ada', 'kafka', 'good', at('2026-03-01T09:00:00Z'));
      await review('ada', 'redis', 'again', at('2026-03-10T09:00:00Z'));
      const kafka = (await store.cards(user('ada'))).find((c) => c.topicId === 'kafka')!;
      const redis = (await store.cards(user('ada'))).find((c) => c.topicId === 'redis')!;
      const later = new Date(Math.max(kafka.due.getTime(), redis.due.getTime()));
      const due = await store.dueCards(user('ada'), later, 10);
      expect(due.map((c) => c.topicId)).toEqual(
        kafka.due.getTime() <= redis.due.getTime() ? ['kafka', 'redis'] : ['redis', 'kafka'],
      );
      expect(await store.dueCards(user('ada'), later, 1)).toHaveLength(1);
      expect(await store.dueCards(user('ada'), at('2026-03-01T09:00:00Z'), 10)).toEqual([]);
      expect(await store.nextDue(user('ada'))).toEqual(new Date(Math.min(kafka.due.getTime(), redis.due.getTime())));
      expect(await store.nextDue(user('nobody'))).toBeNull();
      expect(await store.dueCards(user('nobody'), later, 10)).toEqual([]);
    });

    it('ranks the concepts a learner misses most, with their topics', async () => {
      await review('ada', 'redis', 'again', at('2026-03-01T09:00:00Z'), { missed: ['eviction', 'TTL'] });
      await review('ada', 'redis', 'again', at('2026-03-02T09:00:00Z'), { missed: ['eviction'] });
      await review('ada', 'kafka', 'hard', at('2026-03-03T09:00:00Z'), { missed: ['partition'] });
      await review('bob', 'kafka', 'again', at('2026-03-03T09:00:00Z'), { missed: ['offset', 'offset2', 'x'] });
      const weak = await store.weakConcepts(user('ada'), 5);
      expect(weak[0]).toEqual({ concept: 'eviction', topicId: 'redis', missed: 2 });
      expect(weak.map((w) => w.concept).sort()).toEqual(['TTL', 'eviction', 'partition']);
      expect(await store.weakConcepts(user('ada'), 1)).toHaveLength(1);
    });

    it('keeps one waiting review question per learner, ended by a review answer', async () => {
      const now = at('2026-03-01T09:00:00Z');
      await store.startReview({
        user: user('ada'),
        topicId: 'redis',
        at: now,
        expiresAt: new Date(now.getTime() + 3600_000),
      });
      await store.startReview({
        user: user('ada'),
        topicId: 'kafka',
        at: now,
        expiresAt: new Date(now.getTime() + 3600_000),
      });
      expect(await store.pendingReview(user('ada'), now)).toMatchObject({ topicId: 'kafka' });
      expect(await store.pendingReview(user('ada'), new Date(now.getTime() + 2 * 3600_000))).toBeNull();
      await review('ada', 'redis', 'good', now, { kind: 'practice' });
      expect(await store.pendingReview(user('ada'), now)).toMatchObject({ topicId: 'kafka' });
      await review('ada', 'kafka', 'good', now, { kind: 'review' });
      expect(await store.pendingReview(user('ada'), now)).toBeNull();
    });

    it('reminds only opted-in learners with something due, once a day', async () => {
      const now = at('2026-03-10T09:00:00Z');
      await review('ada', 'redis', 'again', at('2026-03-01T09:00:00Z'));
      await review('bob', 'redis', 'again', at('2026-03-01T09:00:00Z'));
      await review('cyd', 'redis', 'easy', now);
      await store.setReminder(user('ada'), channel.id, true);
      await store.setReminder(user('cyd'), channel.id, true);
      await store.setReminder(user('bob'), channel.id, true);
      await store.setReminder(user('bob'), channel.id, false);
      const due = await store.remindersDue(channel.id, now, '2026-03-10');
      expect(due.map((u) => u.externalId)).toEqual(['ada']);
      expect(await store.claimReminder(channel.id, user('ada'), '2026-03-10')).toBe(true);
      expect(await store.claimReminder(channel.id, user('ada'), '2026-03-10')).toBe(false);
      expect(await store.remindersDue(channel.id, now, '2026-03-10')).toEqual([]);
      expect((await store.remindersDue(channel.id, new Date(now.getTime() + DAY), '2026-03-11')).length).toBe(1);
    });

    it("counts, per topic, the channel's learners with that topic due", async () => {
      const { challenge } = await store.claimDailyChallenge({
        channelId: channel.id,
        day: '2026-03-01',
        topicId: 'redis',
        at: at('2026-03-01T09:00:00Z'),
      });
      for (const who of ['ada', 'bob']) {
        await store.recordAttempt({
          challengeId: challenge.id,
          user: user(who),
          text: 'x',
          score: 30,
          passed: false,
          concepts: { pain: [], fix: [], negated: [] },
          feedback: 'f',
          at: at('2026-03-01T10:00:00Z'),
          maxAttempts: 3,
        });
        await review(who, 'redis', 'again', at('2026-03-01T10:00:00Z'));
      }
      await review('ada', 'kafka', 'again', at('2026-03-01T10:00:00Z'));
      // An outsider (no answer in this channel) with the same topic due is not counted.
      await review('eve', 'redis', 'again', at('2026-03-01T10:00:00Z'));
      const later = at('2026-03-20T10:00:00Z');
      expect(await store.dueLearnersByTopic(channel.id, later)).toEqual(
        new Map([
          ['redis', 2],
          ['kafka', 1],
        ]),
      );
      expect((await store.dueLearnersByTopic(channel.id, at('2026-03-01T10:00:00Z'))).size).toBe(0);
    });

    it('forgets every review row of a learner', async () => {
      await review('ada', 'redis', 'again', at('2026-03-01T09:00:00Z'), { missed: ['eviction'] });
      await store.setReminder(user('ada'), channel.id, true);
      const now = at('2026-03-01T09:00:00Z');
      await store.startReview({
        user: user('ada'),
        topicId: 'redis',
        at: now,
        expiresAt: new Date(now.getTime() + 1000),
      });
      expect(await store.forgetUser('slack', WS, 'ada')).toBeGreaterThanOrEqual(5);
      expect(await store.cards(user('ada'))).toEqual([]);
      expect(await store.weakConcepts(user('ada'), 5)).toEqual([]);
      expect(await store.remindersDue(channel.id, at('2026-04-01T09:00:00Z'), '2026-04-01')).toEqual([]);
    });
  });
}
