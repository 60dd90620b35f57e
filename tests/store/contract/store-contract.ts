/**
 * The store contract: what any backend of `Store` must do, written once against the interface and run per
 * backend (`sqlite.test.ts` now; a PostgreSQL backend runs the same suite). Every unit of work of every port
 * is covered, each through the interface only, with instants and days given explicitly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptInput, ChannelRecord, DailyChallengeRecord, Store, UserRef } from '../../../src/store/types.js';

export interface StoreBackend {
  readonly name: string;
  /** A fresh, empty store; `restart` closes it and opens the same data again (a process restart). */
  open(): Promise<{ store: Store; restart(): Promise<Store> }>;
  /** Closes whatever `open` and `restart` left open. */
  cleanup(): Promise<void>;
}

/** What every port's contract works in: one Slack workspace, learners by id, instants by ISO text. */
export const WS = 'T1';
export const user = (id: string, displayName = id): UserRef => ({
  platform: 'slack',
  workspaceExternalId: WS,
  externalId: id,
  displayName,
});
const key = (id: string) => ({ platform: 'slack' as const, workspaceExternalId: WS, externalId: id });
export const at = (iso: string) => new Date(iso);

/** A fresh store of the backend with the channel every contract posts in. */
export async function openWithChannel(
  backend: StoreBackend,
): Promise<{ store: Store; restart(): Promise<Store>; channel: ChannelRecord }> {
  const { store, restart } = await backend.open();
  const channel = await store.ensureChannel(
    { platform: 'slack', workspaceExternalId: WS, externalId: 'C1', name: 'general' },
    { scheduleTime: '09:00', timeZone: 'UTC' },
  );
  return { store, restart, channel };
}
const NO_CONCEPTS = { pain: [], fix: [], negated: [] };

export interface AttemptOptions {
  readonly at?: Date;
  readonly eventKey?: string;
  readonly maxAttempts?: number;
}

/** A learner's answer scoring `score` at noon of the challenge's day (passed from 60), as every contract records it. */
export function attemptInput(
  challenge: DailyChallengeRecord,
  who: UserRef,
  score: number,
  options: AttemptOptions = {},
): AttemptInput {
  return {
    challengeId: challenge.id,
    user: who,
    text: `answer ${score}`,
    score,
    passed: score >= 60,
    concepts: NO_CONCEPTS,
    feedback: `feedback ${score}`,
    at: options.at ?? at(`${challenge.day}T12:00:00Z`),
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.eventKey ? { eventKey: options.eventKey } : {}),
  };
}

export function describeStoreContract(backend: StoreBackend): void {
  describe(`store contract: ${backend.name}`, () => {
    let store: Store;
    let restart: () => Promise<Store>;
    let channel: ChannelRecord;

    beforeEach(async () => {
      ({ store, restart, channel } = await openWithChannel(backend));
    });
    afterEach(() => backend.cleanup());

    async function posted(day: string, topicId = `topic-${day}`): Promise<DailyChallengeRecord> {
      const { challenge } = await store.claimDailyChallenge({
        channelId: channel.id,
        day,
        topicId,
        at: at(`${day}T09:00:00Z`),
      });
      await store.markChallengePosted(challenge.id, {
        messageId: `m-${day}`,
        threadId: `t-${day}`,
        at: at(`${day}T09:00:01Z`),
      });
      return (await store.challengeById(challenge.id))!;
    }

    function answer(challenge: DailyChallengeRecord, who: UserRef, score: number, options: AttemptOptions = {}) {
      return store.recordAttempt(attemptInput(challenge, who, score, options));
    }

    describe('channels', () => {
      it('ensures a workspace once, keeping its first time zone', async () => {
        const first = await store.ensureWorkspace('slack', 'T2', { timeZone: 'Asia/Shanghai' });
        const again = await store.ensureWorkspace('slack', 'T2', { timeZone: 'UTC' });
        expect(first).toEqual({ id: first.id, platform: 'slack', externalId: 'T2', timeZone: 'Asia/Shanghai' });
        expect(again).toEqual(first);
      });

      it('ensures a channel once, finds it, lists channels in creation order', async () => {
        expect(channel).toEqual({
          id: channel.id,
          workspaceId: channel.workspaceId,
          platform: 'slack',
          workspaceExternalId: WS,
          externalId: 'C1',
          name: 'general',
          scheduleTime: '09:00',
          timeZone: 'UTC',
          paused: false,
          mode: 'rotation',
        });
        const again = await store.ensureChannel(
          { platform: 'slack', workspaceExternalId: WS, externalId: 'C1' },
          { scheduleTime: '10:00', timeZone: 'Europe/Paris' },
        );
        expect(again).toEqual(channel);
        const second = await store.ensureChannel(
          { platform: 'slack', workspaceExternalId: WS, externalId: 'C2' },
          { scheduleTime: '10:00', timeZone: 'Europe/Paris' },
        );
        expect(await store.findChannel('slack', WS, 'C1')).toEqual(channel);
        expect(await store.findChannel('slack', WS, 'C9')).toBeNull();
        expect(await store.findChannel('discord', WS, 'C1')).toBeNull();
        expect((await store.listChannels()).map((c) => c.externalId)).toEqual(['C1', 'C2']);
        expect(second.name).toBeNull();
      });

      it('updates a schedule, a zone and a pause; an unknown channel is a store error', async () => {
        const updated = await store.updateChannel(channel.id, { scheduleTime: '07:30', paused: true });
        expect(updated).toEqual({ ...channel, scheduleTime: '07:30', paused: true });
        const zoned = await store.updateChannel(channel.id, { timeZone: 'Asia/Tokyo', paused: false });
        expect(zoned).toEqual({ ...channel, scheduleTime: '07:30', timeZone: 'Asia/Tokyo' });
        await expect(store.updateChannel(channel.id + 1000, { paused: true })).rejects.toMatchObject({
          name: 'StoreError',
          id: 'store-failed',
        });
      });
    });

    describe('challenges', () => {
      it('claims a channel-day once: the second claim gets the first one', async () => {
        const first = await store.claimDailyChallenge({
          channelId: channel.id,
          day: '2026-03-02',
          topicId: 'cache',
          at: at('2026-03-02T09:00:00Z'),
        });
        const second = await store.claimDailyChallenge({
          channelId: channel.id,
          day: '2026-03-02',
          topicId: 'queue',
          at: at('2026-03-02T09:05:00Z'),
        });
        expect(first.created).toBe(true);
        expect(second).toEqual({ challenge: first.challenge, created: false });
        expect(first.challenge).toEqual({
          id: first.challenge.id,
          channelId: channel.id,
          day: '2026-03-02',
          topicId: 'cache',
          claimedAt: at('2026-03-02T09:00:00Z'),
          postedAt: null,
          messageId: null,
          threadId: null,
          closedAt: null,
        });
        expect(await store.dailyChallenge(channel.id, '2026-03-02')).toEqual(first.challenge);
        expect(await store.dailyChallenge(channel.id, '2026-03-03')).toBeNull();
        expect(await store.challengeById(first.challenge.id + 1000)).toBeNull();
      });

      it('moves a challenge from unposted to open to closed, closing once', async () => {
        const { challenge } = await store.claimDailyChallenge({
          channelId: channel.id,
          day: '2026-03-02',
          topicId: 'cache',
          at: at('2026-03-02T09:00:00Z'),
        });
        expect((await store.unpostedChallenges()).map((c) => c.id)).toEqual([challenge.id]);
        expect(await store.openChallenges()).toEqual([]);
        await store.markChallengePosted(challenge.id, {
          messageId: 'm1',
          threadId: 't1',
          at: at('2026-03-02T09:00:02Z'),
        });
        const open = await store.openChallenges();
        expect(open).toEqual([{ ...challenge, postedAt: at('2026-03-02T09:00:02Z'), messageId: 'm1', threadId: 't1' }]);
        expect(await store.unpostedChallenges()).toEqual([]);
        expect(await store.challengeByThread(channel.id, 't1')).toEqual(open[0]);
        expect(await store.challengeByThread(channel.id, 't2')).toBeNull();
        expect(await store.closeChallenge(challenge.id, at('2026-03-03T00:00:00Z'))).toBe(true);
        expect(await store.closeChallenge(challenge.id, at('2026-03-03T00:00:01Z'))).toBe(false);
        expect(await store.openChallenges()).toEqual([]);
        expect((await store.challengeById(challenge.id))?.closedAt).toEqual(at('2026-03-03T00:00:00Z'));
      });

      it('lists the topic history most recent first, up to a limit', async () => {
        for (const day of ['2026-03-01', '2026-03-03', '2026-03-02']) await posted(day);
        expect(await store.topicHistory(channel.id, 2)).toEqual([
          { topicId: 'topic-2026-03-03', day: '2026-03-03' },
          { topicId: 'topic-2026-03-02', day: '2026-03-02' },
        ]);
      });
    });

    describe('attempts', () => {
      it('records an attempt with its best, points and streak; a worse one keeps the best', async () => {
        const challenge = await posted('2026-03-02');
        const first = await answer(challenge, user('ada'), 80);
        expect(first).toEqual({
          status: 'recorded',
          attemptId: expect.any(Number),
          attemptNumber: 1,
          attemptsLeft: 2,
          bestScore: 80,
          points: 80,
          passed: true,
          dayStreak: 1,
          streak: { current: 1, longest: 1, freezes: 0, lastCountedDay: '2026-03-02' },
          freezesUsed: 0,
        });
        const second = await answer(challenge, user('ada'), 70);
        expect(second).toMatchObject({
          status: 'recorded',
          attemptNumber: 2,
          attemptsLeft: 1,
          bestScore: 80,
          points: 80,
        });
        const nextDay = await answer(await posted('2026-03-03'), user('ada'), 80);
        expect(nextDay).toMatchObject({ status: 'recorded', points: 88, dayStreak: 2, streak: { current: 2 } });
      });

      it('refuses a duplicate delivery, attempts over the cap, and a closed or ended day', async () => {
        const challenge = await posted('2026-03-02');
        const first = await answer(challenge, user('ada'), 50, { eventKey: 'ev-1', maxAttempts: 2 });
        if (first.status !== 'recorded') throw new Error(first.status);
        expect(await answer(challenge, user('ada'), 90, { eventKey: 'ev-1', maxAttempts: 2 })).toEqual({
          status: 'duplicate',
          attemptId: first.attemptId,
        });
        await answer(challenge, user('ada'), 55, { maxAttempts: 2 });
        expect(await answer(challenge, user('ada'), 90, { maxAttempts: 2 })).toEqual({
          status: 'attempt-cap',
          attemptsUsed: 2,
        });
        expect(await answer(challenge, user('bob'), 90, { at: at('2026-03-03T00:00:00Z') })).toEqual({
          status: 'closed',
        });
        await store.closeChallenge(challenge.id, at('2026-03-02T20:00:00Z'));
        expect(await answer(challenge, user('bob'), 90, { at: at('2026-03-02T20:00:01Z') })).toEqual({
          status: 'closed',
        });
        await expect(
          store.recordAttempt({
            challengeId: challenge.id + 1000,
            user: user('ada'),
            text: 'x',
            score: 1,
            passed: false,
            concepts: NO_CONCEPTS,
            feedback: '',
            at: at('2026-03-02T12:00:00Z'),
            maxAttempts: 3,
          }),
        ).rejects.toMatchObject({ name: 'StoreError', id: 'store-failed' });
      });

      it('lists the day results best first, and shows an attempt again', async () => {
        const challenge = await posted('2026-03-02');
        await answer(challenge, user('ada', 'Ada'), 40);
        const best = await answer(challenge, user('bob', 'Bob'), 90);
        await answer(challenge, user('ada', 'Ada'), 65);
        expect(await store.dayResults(challenge.id)).toEqual([
          { userExternalId: 'bob', displayName: 'Bob', bestScore: 90, passed: true, attempts: 1 },
          { userExternalId: 'ada', displayName: 'Ada', bestScore: 65, passed: true, attempts: 2 },
        ]);
        if (best.status !== 'recorded') throw new Error(best.status);
        expect(await store.attempt(best.attemptId)).toEqual({
          id: best.attemptId,
          userExternalId: 'bob',
          workspaceExternalId: WS,
          platform: 'slack',
          score: 90,
          feedback: 'feedback 90',
        });
        expect(await store.attempt(best.attemptId + 1000)).toBeNull();
      });
    });

    describe('practice', () => {
      const start = (id: string, topicId: string, iso: string) =>
        store.startPractice({
          user: key(id),
          topicId,
          at: at(iso),
          expiresAt: new Date(at(iso).getTime() + 3_600_000),
        });

      it('keeps one waiting practice per learner, replaced by the next, until it expires', async () => {
        await start('ada', 'cache', '2026-03-02T10:00:00Z');
        await start('ada', 'queue', '2026-03-02T10:10:00Z');
        expect(await store.pendingPractice(key('ada'), at('2026-03-02T11:10:00Z'))).toEqual({
          topicId: 'queue',
          startedAt: at('2026-03-02T10:10:00Z'),
          expiresAt: at('2026-03-02T11:10:00Z'),
        });
        expect(await store.pendingPractice(key('ada'), at('2026-03-02T11:10:00.001Z'))).toBeNull();
        expect(await store.pendingPractice(key('bob'), at('2026-03-02T10:20:00Z'))).toBeNull();
      });

      it('ends the waiting practice when it is answered', async () => {
        await store.ensureWorkspace('slack', WS, { timeZone: 'UTC' });
        await start('ada', 'cache', '2026-03-02T10:00:00Z');
        const recorded = await store.recordPractice({
          user: user('ada'),
          topicId: 'cache',
          text: 'an answer',
          score: 72.4,
          passed: true,
          at: at('2026-03-02T10:05:00Z'),
        });
        expect(recorded.attemptId).toBeGreaterThan(0);
        expect(await store.pendingPractice(key('ada'), at('2026-03-02T10:06:00Z'))).toBeNull();
      });

      it('keeps a waiting practice across a restart', async () => {
        await start('ada', 'cache', '2026-03-02T10:00:00Z');
        store = await restart();
        expect(await store.pendingPractice(key('ada'), at('2026-03-02T10:30:00Z'))).toMatchObject({ topicId: 'cache' });
      });
    });

    describe('boards', () => {
      it('shows a streak with its recent days; nobody is null', async () => {
        await answer(await posted('2026-03-02'), user('ada', 'Ada'), 80);
        await posted('2026-03-03');
        await answer(await posted('2026-03-04'), user('ada', 'Ada'), 30);
        const view = await store.streak(key('ada'), { recentDays: 5, today: '2026-03-05' });
        expect(view).toEqual({
          user: 'Ada',
          current: 1,
          longest: 1,
          freezes: 0,
          lastCountedDay: '2026-03-02',
          days: [
            { day: '2026-03-04', status: 'failed' },
            { day: '2026-03-03', status: 'missed' },
            { day: '2026-03-02', status: 'passed' },
          ],
        });
        expect(await store.streak(key('nobody'), { recentDays: 5 })).toBeNull();
      });

      it('finds a learner by id, by name whatever its case, or with an @', async () => {
        await answer(await posted('2026-03-02'), user('U1', 'Ada Lovelace'), 80);
        const ada = user('U1', 'Ada Lovelace');
        expect(await store.findUserByName('slack', WS, 'U1')).toEqual(ada);
        expect(await store.findUserByName('slack', WS, 'ada lovelace')).toEqual(ada);
        expect(await store.findUserByName('slack', WS, '@Ada Lovelace')).toEqual(ada);
        expect(await store.findUserByName('slack', WS, 'Grace')).toBeNull();
        expect(await store.findUserByName('discord', WS, 'U1')).toBeNull();
      });

      it('ranks learners by points and by streak, and teams by average points', async () => {
        await store.ensureWorkspace('slack', WS, { timeZone: 'UTC' });
        await store.joinTeam(user('ada', 'Ada'), 'Owls');
        await store.joinTeam(user('bob', 'Bob'), 'Owls');
        await store.joinTeam(user('cy', 'Cy'), 'Larks');
        const day1 = await posted('2026-03-02');
        await answer(day1, user('ada', 'Ada'), 70);
        await answer(day1, user('bob', 'Bob'), 90);
        await answer(day1, user('cy', 'Cy'), 60);
        await answer(await posted('2026-03-03'), user('ada', 'Ada'), 70);
        const query = { workspace: { platform: 'slack' as const, externalId: WS }, period: 'week' as const };
        const points = await store.leaderboard({
          ...query,
          today: '2026-03-03',
          by: 'points',
          teams: false,
          limit: 10,
        });
        expect(points).toEqual([
          { rank: 1, name: 'Ada', points: 147, streak: 2 },
          { rank: 2, name: 'Bob', points: 90, streak: 1 },
          { rank: 3, name: 'Cy', points: 60, streak: 1 },
        ]);
        const streaks = await store.leaderboard({
          ...query,
          today: '2026-03-03',
          by: 'streak',
          teams: false,
          limit: 1,
        });
        expect(streaks).toEqual([{ rank: 1, name: 'Ada', points: 147, streak: 2 }]);
        const teams = await store.leaderboard({ ...query, today: '2026-03-03', by: 'points', teams: true, limit: 10 });
        expect(teams).toEqual([
          { rank: 1, name: 'Owls', points: 237, streak: 2, members: 2, averagePoints: 118.5 },
          { rank: 2, name: 'Larks', points: 60, streak: 1, members: 1, averagePoints: 60 },
        ]);
        const elsewhere = { platform: 'slack' as const, externalId: 'T9' };
        expect(
          await store.leaderboard({
            ...query,
            workspace: elsewhere,
            today: '2026-03-03',
            by: 'points',
            teams: false,
            limit: 10,
          }),
        ).toEqual([]);
      });

      it("reads one learner's points per period, whatever their name or rank", async () => {
        await answer(await posted('2026-02-27'), user('sam1', 'Sam'), 50);
        const day = await posted('2026-03-02');
        await answer(day, user('sam1', 'Sam'), 90);
        await answer(day, user('sam2', 'Sam'), 40);
        expect(await store.learnerPoints(key('sam1'), '2026-03-02')).toEqual({ week: 90, month: 90, all: 140 });
        expect(await store.learnerPoints(key('sam2'), '2026-03-02')).toEqual({ week: 40, month: 40, all: 40 });
        expect(await store.learnerPoints(key('sam1'), '2026-03-09')).toEqual({ week: 0, month: 90, all: 140 });
        expect(await store.learnerPoints(key('nobody'), '2026-03-02')).toEqual({ week: 0, month: 0, all: 0 });
      });
    });

    describe('teams', () => {
      it('joins, switches, reports and leaves a team; names match whatever their case', async () => {
        await store.ensureWorkspace('slack', WS, { timeZone: 'UTC' });
        expect(await store.joinTeam(user('ada'), '  Backend  ')).toEqual({ team: 'Backend', previous: null });
        expect(await store.joinTeam(user('bob'), 'backend')).toEqual({ team: 'Backend', previous: null });
        expect(await store.joinTeam(user('ada'), 'Frontend')).toEqual({ team: 'Frontend', previous: 'Backend' });
        expect(await store.teamOf(key('ada'))).toBe('Frontend');
        expect(await store.leaveTeam(key('ada'))).toEqual({ previous: 'Frontend' });
        expect(await store.leaveTeam(key('ada'))).toEqual({ previous: null });
        expect(await store.teamOf(key('ada'))).toBeNull();
        expect(await store.teamOf(key('nobody'))).toBeNull();
        await expect(store.joinTeam(user('ada'), '   ')).rejects.toMatchObject({ name: 'StoreError' });
      });
    });

    describe('events', () => {
      it('claims an event id once per platform', async () => {
        const now = at('2026-03-02T10:00:00Z');
        expect(await store.claimEvent('slack', 'Ev1', now)).toBe(true);
        expect(await store.claimEvent('slack', 'Ev1', now)).toBe(false);
        expect(await store.claimEvent('discord', 'Ev1', now)).toBe(true);
      });
    });

    describe('maintenance', () => {
      it("forgets a learner's answers, streak, points, team and waiting practice", async () => {
        await store.ensureWorkspace('slack', WS, { timeZone: 'UTC' });
        await store.joinTeam(user('ada'), 'Owls');
        const day = await posted('2026-03-02');
        await answer(day, user('ada'), 80);
        await answer(day, user('bob'), 70);
        await store.startPractice({
          user: key('ada'),
          topicId: 'cache',
          at: at('2026-03-02T10:00:00Z'),
          expiresAt: at('2026-03-02T11:00:00Z'),
        });
        expect(await store.forgetUser('slack', WS, 'ada')).toBeGreaterThan(0);
        expect(await store.streak(key('ada'), { recentDays: 5 })).toBeNull();
        expect(await store.teamOf(key('ada'))).toBeNull();
        expect(await store.pendingPractice(key('ada'), at('2026-03-02T10:30:00Z'))).toBeNull();
        expect(await store.learnerPoints(key('ada'), '2026-03-02')).toEqual({ week: 0, month: 0, all: 0 });
        expect((await store.dayResults(day.id)).map((r) => r.userExternalId)).toEqual(['bob']);
        expect(await store.forgetUser('slack', WS, 'ada')).toBe(0);
      });

      it('reports a healthy store, and refuses work once closed', async () => {
        const health = await store.health();
        expect(health).toEqual({
          ok: true,
          schemaVersion: health.latestVersion,
          latestVersion: health.latestVersion,
          writable: true,
          intact: true,
        });
        expect(health.latestVersion).toBeGreaterThan(0);
        await store.close();
        await expect(store.listChannels()).rejects.toMatchObject({ name: 'StoreError' });
      });
    });
  });
}
