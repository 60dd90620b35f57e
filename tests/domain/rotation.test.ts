import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { pickDailyTopic, type TopicCandidate } from '../../src/domain/rotation.js';

const tree: TopicCandidate[] = ['cache', 'queue', 'db', 'net'].flatMap((branch) =>
  Array.from({ length: 5 }, (_, i) => ({ topicId: `${branch}/${i}`, branchId: branch })),
);

/** Runs the rotation for `days` days on one channel, feeding each pick back as history. */
function simulate(candidates: readonly TopicCandidate[], days: number, windowDays = 30, channel = 'c1') {
  const history: { topicId: string; day: string; reason: string }[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays('2026-01-01', i);
    const pick = pickDailyTopic({ candidates, history, windowDays, seed: `${channel}:${day}` });
    if (!pick) throw new Error('no topic');
    history.unshift({ topicId: pick.topicId, day, reason: pick.reason });
  }
  return history.slice().reverse();
}

describe('pickDailyTopic', () => {
  it('never repeats a topic inside the window', () => {
    const picks = simulate(tree, 60, 15).map((h) => h.topicId);
    for (let i = 0; i < picks.length; i++) {
      expect(picks.slice(Math.max(0, i - 14), i)).not.toContain(picks[i]);
    }
  });

  it('spreads consecutive days across branches', () => {
    const picks = simulate(tree, 20).map((h) => h.topicId.split('/')[0]);
    for (let i = 0; i + 4 <= picks.length; i += 4) {
      expect(new Set(picks.slice(i, i + 4)).size).toBe(4);
    }
  });

  it('brings every topic once before any repeats, over 65 days of 60 topics, whatever the window', () => {
    // Branches of unequal size and two tiers, as in real notes: 60 topics, a 30-day window.
    const sizes = [22, 14, 9, 7, 5, 3];
    const topics: TopicCandidate[] = sizes.flatMap((size, b) =>
      Array.from({ length: size }, (_, i) => ({ topicId: `b${b}/t${i}`, branchId: `b${b}`, tier: i < 2 ? 1 : 0 })),
    );
    expect(topics).toHaveLength(60);
    for (const channel of ['c1', 'c2', 'c3']) {
      const picks = simulate(topics, 65, 30, channel).map((h) => h.topicId);
      const firstRound = picks.slice(0, 60);
      expect(new Set(firstRound).size).toBe(60);
      expect([...firstRound].sort()).toEqual(topics.map((t) => t.topicId).sort());
      // The second round starts with topics outside the 30-day window, each once.
      const secondRound = picks.slice(60);
      expect(new Set(secondRound).size).toBe(5);
      for (const topicId of secondRound) expect(firstRound.indexOf(topicId)).toBeLessThan(30);
    }
  });

  it('keeps two topics of the same title a window apart', () => {
    const topics: TopicCandidate[] = ['ops', 'scale'].flatMap((branch) =>
      Array.from({ length: 8 }, (_, i) => ({
        topicId: `${branch}/${i}`,
        branchId: branch,
        titleKey: i === 0 ? 'devops' : `${branch}-${i}`,
      })),
    );
    for (const channel of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) {
      const picks = simulate(topics, 48, 7, channel).map((h) => h.topicId);
      const devops = picks.flatMap((id, day) => (id.endsWith('/0') ? [day] : []));
      expect(devops).toHaveLength(6);
      for (let i = 1; i < devops.length; i++) expect(devops[i]! - devops[i - 1]!).toBeGreaterThanOrEqual(7);
    }
  });

  it('comes back to the least recently used once a round is complete, when the window exceeds the topics', () => {
    const history = simulate(tree, 25, 30);
    const first20 = history.slice(0, 20).map((h) => h.topicId);
    expect(new Set(first20).size).toBe(20);
    expect(history.slice(20).map((h) => h.topicId)).toEqual(first20.slice(0, 5));
    expect(history.slice(0, 20).every((h) => h.reason === 'new')).toBe(true);
    expect(history.slice(20).every((h) => h.reason === 'repeat')).toBe(true);
  });

  it('gives a one-topic knowledge base a topic every day', () => {
    const only = [{ topicId: 'only', branchId: 'root' }];
    expect(simulate(only, 5).map((h) => h.topicId)).toEqual(['only', 'only', 'only', 'only', 'only']);
  });

  it('is deterministic for a channel and day, and differs between channels', () => {
    const a = pickDailyTopic({ candidates: tree, history: [], seed: 'c1:2026-01-01' });
    const b = pickDailyTopic({ candidates: tree, history: [], seed: 'c1:2026-01-01' });
    expect(a).toEqual(b);
    const firstPicks = new Set(
      Array.from(
        { length: 12 },
        (_, i) => pickDailyTopic({ candidates: tree, history: [], seed: `ch${i}:d` })?.topicId,
      ),
    );
    expect(firstPicks.size).toBeGreaterThan(1);
  });

  it('prefers the best tier while it has fresh topics, then falls back to the next', () => {
    const candidates = [
      { topicId: 'curated-a', branchId: 'x', tier: 0 },
      { topicId: 'curated-b', branchId: 'y', tier: 0 },
      { topicId: 'derived-a', branchId: 'z', tier: 1 },
    ];
    const history: { topicId: string; day: string }[] = [];
    const picks: string[] = [];
    for (let day = 1; day <= 3; day++) {
      const pick = pickDailyTopic({ candidates, history, windowDays: 30, seed: `c:${day}` })!;
      picks.push(pick.topicId);
      history.unshift({ topicId: pick.topicId, day: `2026-01-0${day}` });
    }
    expect(picks.slice(0, 2).sort()).toEqual(['curated-a', 'curated-b']);
    expect(picks[2]).toBe('derived-a');
  });

  it('returns null with no candidates', () => {
    expect(pickDailyTopic({ candidates: [], history: [], seed: 's' })).toBeNull();
  });

  it('ignores history topics no longer in the knowledge base', () => {
    const pick = pickDailyTopic({
      candidates: [{ topicId: 'a', branchId: 'r' }],
      history: [{ topicId: 'gone', day: '2026-01-01' }],
      seed: 's',
    });
    expect(pick).toEqual({ topicId: 'a', reason: 'new' });
  });
});
