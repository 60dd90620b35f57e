import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { recomputePeriodTotalsFromAttempts, storedPeriodTotals } from '../support/store-audit.js';
import { Fixture, recorded, user } from './helpers.js';

const ann = user('u-ann', 'Ann');
const bob = user('u-bob', 'Bob');

describe('recordAttempt', () => {
  it('caps attempts per user per challenge, counting each user separately', async () => {
    const f = await Fixture.create();
    const day = '2026-03-02';
    expect(recorded(await f.answer(ann, day, 10)).attemptsLeft).toBe(2);
    expect(recorded(await f.answer(ann, day, 20)).attemptsLeft).toBe(1);
    expect(recorded(await f.answer(ann, day, 30)).attemptsLeft).toBe(0);
    expect(await f.answer(ann, day, 90)).toEqual({ status: 'attempt-cap', attemptsUsed: 3 });
    expect(recorded(await f.answer(bob, day, 50)).attemptNumber).toBe(1);
    expect(await f.answer(bob, day, 50, { maxAttempts: 1 })).toEqual({ status: 'attempt-cap', attemptsUsed: 1 });
  });

  it('counts the best attempt of the day: points replaced by the best, never summed', async () => {
    const f = await Fixture.create();
    const day = '2026-03-02';
    expect(recorded(await f.answer(ann, day, 40)).points).toBe(40);
    const better = recorded(await f.answer(ann, day, 75));
    expect(better).toMatchObject({ bestScore: 75, points: 75 });
    const worse = recorded(await f.answer(ann, day, 65));
    expect(worse).toMatchObject({ bestScore: 75, points: 75 });
    const [entry] = await f.store.leaderboard({
      workspace: { platform: 'console', externalId: 'ws' },
      period: 'all',
      today: day,
      by: 'points',
      teams: false,
      limit: 10,
    });
    expect(entry).toMatchObject({ name: 'Ann', points: 75, streak: 1 });
    expect(await f.store.dayResults((await f.challenge(day)).id)).toEqual([
      { userExternalId: 'u-ann', displayName: 'Ann', bestScore: 75, passed: true, attempts: 3 },
    ]);
  });

  it('keeps every attempt with its text, score and feedback', async () => {
    const f = await Fixture.create();
    const first = recorded(await f.answer(ann, '2026-03-02', 40));
    const second = recorded(await f.answer(ann, '2026-03-02', 80));
    expect(await f.store.attempt(first.attemptId)).toEqual({
      id: first.attemptId,
      userExternalId: 'u-ann',
      workspaceExternalId: 'ws',
      platform: 'console',
      score: 40,
      feedback: 'feedback 40',
    });
    expect((await f.store.attempt(second.attemptId))?.score).toBe(80);
    expect(await f.store.attempt(9999)).toBeNull();
  });

  it('adds the streak bonus to a passed day and counts a day passed twice once', async () => {
    const f = await Fixture.create();
    recorded(await f.answer(ann, '2026-03-01', 80));
    const second = recorded(await f.answer(ann, '2026-03-02', 80));
    expect(second).toMatchObject({ points: 88, streak: { current: 2 } });
    const again = recorded(await f.answer(ann, '2026-03-02', 90));
    expect(again).toMatchObject({ points: 99, streak: { current: 2 } });
  });

  it('returns duplicate for a second delivery of one event, without counting it', async () => {
    const f = await Fixture.create();
    const first = recorded(await f.answer(ann, '2026-03-02', 50, {}));
    const keyed = recorded(await f.answerAt(ann, new Date('2026-03-02T13:00:00Z'), 60, { eventKey: 'evt-1' }));
    expect(await f.answerAt(ann, new Date('2026-03-02T13:00:01Z'), 60, { eventKey: 'evt-1' })).toEqual({
      status: 'duplicate',
      attemptId: keyed.attemptId,
    });
    expect(keyed.attemptId).not.toBe(first.attemptId);
    expect(recorded(await f.answer(ann, '2026-03-02', 10)).attemptNumber).toBe(3);
  });

  it('refuses attempts on a closed challenge and after its day has ended', async () => {
    const f = await Fixture.create('Asia/Shanghai');
    const challenge = await f.challenge('2026-03-02');
    const attempt = (at: string) =>
      f.store.recordAttempt({
        challengeId: challenge.id,
        user: ann,
        text: 'late',
        score: 90,
        passed: true,
        concepts: { pain: [], fix: [], negated: [] },
        feedback: '',
        at: new Date(at),
        maxAttempts: 3,
      });
    // Day ends at 2026-03-02T16:00Z (midnight in Shanghai).
    expect((await attempt('2026-03-02T15:59:00Z')).status).toBe('recorded');
    expect(await attempt('2026-03-02T16:00:00Z')).toEqual({ status: 'closed' });
    const other = await f.challenge('2026-03-03');
    expect(await f.store.closeChallenge(other.id, new Date('2026-03-03T12:00:00Z'))).toBe(true);
    expect(await f.store.closeChallenge(other.id, new Date('2026-03-03T12:00:01Z'))).toBe(false);
    expect(
      await f.store.recordAttempt({
        challengeId: other.id,
        user: ann,
        text: 'after close',
        score: 90,
        passed: true,
        concepts: { pain: [], fix: [], negated: [] },
        feedback: '',
        at: new Date('2026-03-03T12:30:00Z'),
        maxAttempts: 3,
      }),
    ).toEqual({ status: 'closed' });
  });

  it('records practice attempts apart from the daily streak and points', async () => {
    const f = await Fixture.create();
    const { attemptId } = await f.store.recordPractice({
      user: ann,
      topicId: 'cache',
      text: 'practice',
      score: 90,
      passed: true,
      at: new Date('2026-03-02T10:00:00Z'),
    });
    expect(attemptId).toBe(1); // the first practice row of a fresh file
    expect(await f.store.streak(ann, { recentDays: 5 })).toMatchObject({ current: 0, days: [] });
    expect(storedPeriodTotals(f.store)).toEqual([]);
  });
});

describe('streaks through the store', () => {
  it('earns freezes every 7 days, holds at most 2, and spends them on missed days', async () => {
    const f = await Fixture.create();
    const start = '2026-03-01';
    for (let i = 0; i < 21; i++) recorded(await f.answer(ann, addDays(start, i), 70));
    let view = await f.store.streak(ann, { recentDays: 30 });
    expect(view).toMatchObject({ current: 21, longest: 21, freezes: 2, lastCountedDay: '2026-03-21' });
    // Miss 03-22 and 03-23: both covered.
    const afterGap = recorded(await f.answer(ann, '2026-03-24', 70));
    expect(afterGap).toMatchObject({ freezesUsed: 2, streak: { current: 22, freezes: 0 } });
    view = await f.store.streak(ann, { recentDays: 4 });
    expect(view?.days).toEqual([
      { day: '2026-03-24', status: 'passed' },
      { day: '2026-03-23', status: 'frozen' },
      { day: '2026-03-22', status: 'frozen' },
      { day: '2026-03-21', status: 'passed' },
    ]);
    // No freeze left: a missed day resets, the longest stays.
    const reset = recorded(await f.answer(ann, '2026-03-26', 70));
    expect(reset.streak).toEqual({ current: 1, longest: 22, freezes: 0, lastCountedDay: '2026-03-26' });
  });

  it('does not count a failing attempt toward the streak', async () => {
    const f = await Fixture.create();
    recorded(await f.answer(ann, '2026-03-01', 70));
    const failed = recorded(await f.answer(ann, '2026-03-02', 30));
    expect(failed.streak.current).toBe(1);
    expect(failed.points).toBe(30);
  });

  it('counts days by the channel zone across midnight (Asia/Shanghai)', async () => {
    const f = await Fixture.create('Asia/Shanghai');
    // 23:55 and 00:05 local: ten minutes apart, two challenge days, two counted days.
    recorded(await f.answerAt(ann, new Date('2026-05-01T15:55:00Z'), 70));
    const next = recorded(await f.answerAt(ann, new Date('2026-05-01T16:05:00Z'), 70));
    expect(next.streak).toMatchObject({ current: 2, lastCountedDay: '2026-05-02' });
    // Same UTC day, same local day: no third count.
    const same = recorded(await f.answerAt(ann, new Date('2026-05-02T01:00:00Z'), 70));
    expect(same.streak.current).toBe(2);
  });

  it('counts the short and long DST days in New York as one day each', async () => {
    const f = await Fixture.create('America/New_York');
    for (const day of ['2026-03-07', '2026-03-08', '2026-03-09'])
      recorded(await f.answer(ann, day, 70, { time: '23:30' }));
    for (const day of ['2026-10-31', '2026-11-01', '2026-11-02'])
      recorded(await f.answer(bob, day, 70, { time: '00:30' }));
    expect((await f.store.streak(ann, { recentDays: 0 }))?.current).toBe(3);
    expect((await f.store.streak(bob, { recentDays: 0 }))?.current).toBe(3);
    // 23:30 on the 25-hour day 11-01 is still 11-01: a late answer is not refused as closed.
    const late = await f.answerAt(user('u-cy'), new Date('2026-11-02T04:30:00Z'), 70);
    expect(recorded(late).streak.lastCountedDay).toBe('2026-11-01');
  });

  it('counts Lord Howe days across the 30-minute DST shift', async () => {
    const f = await Fixture.create('Australia/Lord_Howe');
    recorded(await f.answer(ann, '2026-10-03', 70, { time: '23:45' }));
    const spring = recorded(await f.answer(ann, '2026-10-04', 70, { time: '02:15' })); // inside the gap → 02:30
    expect(spring.streak).toMatchObject({ current: 2, lastCountedDay: '2026-10-04' });
    const next = recorded(await f.answer(ann, '2026-10-05', 70, { time: '00:00' }));
    expect(next.streak.current).toBe(3);
  });

  it('keeps period totals equal to a recomputation from the attempts', async () => {
    const f = await Fixture.create('America/New_York');
    const people = [ann, bob, user('u-cy', 'Cy')];
    for (let i = 0; i < 20; i++) {
      const day = addDays('2026-02-20', i);
      for (const [n, who] of people.entries()) {
        if ((i + n) % 5 === 3) continue; // some missed days, for freezes and resets
        await f.answer(who, day, 30 + ((i * 17 + n * 11) % 70));
        if ((i + n) % 3 === 0) await f.answer(who, day, 50 + ((i * 7 + n) % 50));
      }
    }
    // Per person: ISO weeks 8–11, February and March, all time, each with points.
    const stored = storedPeriodTotals(f.store);
    expect(stored).toHaveLength(people.length * (4 + 2 + 1));
    expect(stored).toEqual(recomputePeriodTotalsFromAttempts(f.store));
  });
});
