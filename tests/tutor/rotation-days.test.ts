/**
 * The daily rotation over the seed notes, through the tutor and a real store: 65 simulated days on one
 * channel bring each of the 60 daily topics once before any repeats, spread across branches, with the two
 * topics titled "DevOps" a rotation window apart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { makeHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
});
afterEach(async () => {
  await h.cleanup();
});

async function postDays(channelId: string, days: number): Promise<string[]> {
  const channel = await h.store.ensureChannel(
    { platform: 'slack', workspaceExternalId: 'T1', externalId: channelId },
    { scheduleTime: '09:00', timeZone: 'UTC' },
  );
  const topics: string[] = [];
  for (let i = 0; i < days; i++) {
    h.clock.set(new Date(`${addDays('2026-03-02', i)}T10:00:00Z`));
    const result = await h.tutor.postDailyChallenge(channel, h.outbox);
    if (result.status !== 'posted') throw new Error(`day ${i}: ${result.status}`);
    topics.push(result.challenge.topicId);
  }
  return topics;
}

describe('daily rotation over the seed notes', () => {
  it('brings every daily topic once before any repeats, per channel, titles a window apart', async () => {
    const daily = h.kb.dailyTopics();
    expect(daily).toHaveLength(57);
    const titleOf = (id: string) => h.kb.graph.nodes.get(id)!.title;
    const devopsTopics = daily.filter((id) => titleOf(id) === 'DevOps');
    expect(devopsTopics).toHaveLength(2);

    for (const channelId of ['C1', 'C2']) {
      const picks = await postDays(channelId, 65);
      expect([...picks.slice(0, 57)].sort()).toEqual([...daily].sort());
      expect(new Set(picks.slice(57)).size).toBe(8);

      const devopsDays = picks.flatMap((id, day) => (titleOf(id) === 'DevOps' ? [day] : []));
      expect(devopsDays.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < devopsDays.length; i++) {
        expect(devopsDays[i]! - devopsDays[i - 1]!).toBeGreaterThanOrEqual(30);
      }
      // Spread: the first six days visit the six branches the curated topics live in.
      const branches = picks.slice(0, 6).map((id) => h.kb.graph.nodes.get(id)!.path.slice(0, 3).join(' › '));
      expect(new Set(branches).size).toBe(6);
    }
  }, 60_000);
});
