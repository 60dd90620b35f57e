/**
 * The targeting port's contract, run per backend: a channel's pick mode, the topics its learners failed (their
 * latest result there), and a learner's last passed topics, daily and practice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRecord, DailyChallengeRecord, Store, UserRef } from '../../../src/store/types.js';
import { at, attemptInput, openWithChannel, user, WS, type StoreBackend } from './store-contract.js';

export function describeTargetingContract(backend: StoreBackend): void {
  describe(`targeting contract: ${backend.name}`, () => {
    let store: Store;
    let restart: () => Promise<Store>;
    let channel: ChannelRecord;

    beforeEach(async () => {
      ({ store, restart, channel } = await openWithChannel(backend));
    });
    afterEach(() => backend.cleanup());

    async function daily(day: string, topicId: string, on = channel): Promise<DailyChallengeRecord> {
      const { challenge } = await store.claimDailyChallenge({
        channelId: on.id,
        day,
        topicId,
        at: at(`${day}T09:00:00Z`),
      });
      return challenge;
    }

    function answer(challenge: DailyChallengeRecord, who: UserRef, score: number) {
      return store.recordAttempt(attemptInput(challenge, who, score));
    }

    it('keeps a channel rotating until an admin sets adaptive, across a restart', async () => {
      expect(channel.mode).toBe('rotation');
      const adaptive = await store.setChannelMode(channel.id, 'adaptive');
      expect(adaptive).toEqual({ ...channel, mode: 'adaptive' });
      const again = await restart();
      expect(await again.findChannel('slack', WS, 'C1')).toMatchObject({ mode: 'adaptive' });
      expect(await again.setChannelMode(channel.id, 'rotation')).toMatchObject({ mode: 'rotation' });
      await expect(again.setChannelMode(channel.id + 1000, 'adaptive')).rejects.toMatchObject({ id: 'store-failed' });
    });

    it('counts the learners whose latest result on a topic in the channel failed, inside the window', async () => {
      const redis = await daily('2026-03-02', 'redis');
      await answer(redis, user('ada'), 30);
      await answer(redis, user('bob'), 40);
      await answer(redis, user('cy'), 90);
      const kafka = await daily('2026-03-03', 'kafka');
      await answer(kafka, user('ada'), 20);
      // Bob failed dns, then passed it when it came again: caught up.
      await answer(await daily('2026-02-20', 'dns'), user('bob'), 10);
      await answer(await daily('2026-03-04', 'dns'), user('bob'), 80);
      // Before the window, and in another channel: not counted.
      await answer(await daily('2026-01-05', 'old'), user('ada'), 10);
      const other = await store.ensureChannel(
        { platform: 'slack', workspaceExternalId: WS, externalId: 'C2' },
        { scheduleTime: '09:00', timeZone: 'UTC' },
      );
      await answer(await daily('2026-03-02', 'elsewhere', other), user('ada'), 10);

      expect(await store.failedTopics(channel.id, '2026-02-01')).toEqual([
        { topicId: 'redis', learners: 2, lastDay: '2026-03-02' },
        { topicId: 'kafka', learners: 1, lastDay: '2026-03-03' },
      ]);
      expect(await store.failedTopics(channel.id, '2026-03-03')).toEqual([
        { topicId: 'kafka', learners: 1, lastDay: '2026-03-03' },
      ]);
    });

    it("lists a learner's passed topics, daily and practice, each once, most recent first", async () => {
      const ada = user('ada');
      expect(await store.lastPassedTopics(ada, 5)).toEqual([]);
      await answer(await daily('2026-03-01', 'redis'), ada, 80);
      await answer(await daily('2026-03-02', 'kafka'), ada, 20);
      await store.recordPractice({
        user: ada,
        topicId: 'dns',
        text: 'x',
        score: 90,
        passed: true,
        at: at('2026-03-03T10:00:00Z'),
      });
      await store.recordPractice({
        user: ada,
        topicId: 'cdn',
        text: 'x',
        score: 10,
        passed: false,
        at: at('2026-03-04T10:00:00Z'),
      });
      await answer(await daily('2026-03-05', 'redis'), ada, 70);
      expect(await store.lastPassedTopics(ada, 5)).toEqual(['redis', 'dns']);
      expect(await store.lastPassedTopics(ada, 1)).toEqual(['redis']);
      expect(await store.lastPassedTopics(user('bob'), 5)).toEqual([]);
    });
  });
}
