/** Adaptive picks: failed and due topics first, never inside the rotation window; else the rotation's pick. */
import { describe, expect, it } from 'vitest';
import { daysSinceFailure, pickAdaptiveTopic, topicNeeds, type TopicNeed } from '../../src/domain/adaptive.js';
import { addDays } from '../../src/domain/calendar.js';
import { pickDailyTopic, type TopicCandidate } from '../../src/domain/rotation.js';

const candidates: TopicCandidate[] = ['redis', 'kafka', 'dns', 'cdn', 'raft', 'tcp'].map((topicId, i) => ({
  topicId,
  branchId: `b${i % 3}`,
  titleKey: topicId,
}));

describe('pickAdaptiveTopic', () => {
  it('picks a failed topic before never-failed ones, whatever the day', () => {
    const needs = new Map<string, TopicNeed>([['dns', { failed: 2, due: 0, lastFailedDay: '2026-03-01' }]]);
    for (const day of ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04']) {
      const pick = pickAdaptiveTopic({ candidates, history: [], windowDays: 3, seed: `1:${day}`, needs });
      expect(pick).toMatchObject({ topicId: 'dns', need: { failed: 2 } });
    }
  });

  it('ranks by learners in need; a miss before a due review of as many', () => {
    const needs = topicNeeds(
      [
        { topicId: 'kafka', learners: 1, lastDay: '2026-03-02' },
        { topicId: 'raft', learners: 2, lastDay: '2026-03-01' },
      ],
      new Map([
        ['tcp', 2],
        ['kafka', 2],
      ]),
    );
    expect(needs.get('kafka')).toEqual({ failed: 1, due: 2, lastFailedDay: '2026-03-02' });
    const first = pickAdaptiveTopic({ candidates, history: [], windowDays: 3, seed: 's', needs });
    expect(first?.topicId).toBe('kafka');
    const next = pickAdaptiveTopic({
      candidates,
      history: [{ topicId: 'kafka', day: '2026-04-01' }],
      windowDays: 3,
      seed: 's',
      needs,
    });
    expect(next?.topicId).toBe('raft');
  });

  it('never repeats a topic inside the window, however much it is needed', () => {
    const windowDays = 4;
    const needs = new Map<string, TopicNeed>([
      ['redis', { failed: 5, due: 0, lastFailedDay: '2026-03-01' }],
      ['tcp', { failed: 0, due: 3 }],
    ]);
    const history: { topicId: string; day: string }[] = [];
    let day = '2026-04-01';
    for (let i = 0; i < 40; i++) {
      const pick = pickAdaptiveTopic({ candidates, history, windowDays, seed: `7:${day}`, needs });
      expect(pick).not.toBeNull();
      history.unshift({ topicId: pick!.topicId, day });
      day = addDays(day, 1);
    }
    const days = history.map((h) => h.topicId).reverse();
    days.forEach((topicId, i) => {
      expect(days.slice(Math.max(0, i - windowDays), i), `day ${i}`).not.toContain(topicId);
    });
    // The needed topics come back as soon as the window lets them: every few days, not once a round.
    expect(days.filter((t) => t === 'redis').length).toBeGreaterThanOrEqual(8);
    expect(days.filter((t) => t === 'tcp').length).toBeGreaterThanOrEqual(8);
  });

  it('is the rotation when nothing is needed, or nothing needed is free to come', () => {
    const history = [{ topicId: 'dns', day: '2026-04-01' }];
    const input = { candidates, history, windowDays: 3, seed: '3:2026-04-02' };
    const rotation = pickDailyTopic(input);
    expect(pickAdaptiveTopic({ ...input, needs: new Map() })).toEqual(rotation);
    const blocked = new Map<string, TopicNeed>([['dns', { failed: 3, due: 0, lastFailedDay: '2026-04-01' }]]);
    expect(pickAdaptiveTopic({ ...input, needs: blocked })).toEqual(rotation);
    expect(rotation?.topicId).not.toBe('dns');
  });

  it('counts the days since the last miss', () => {
    expect(daysSinceFailure({ failed: 1, due: 0, lastFailedDay: '2026-03-01' }, '2026-04-05')).toBe(35);
    expect(daysSinceFailure({ failed: 0, due: 2 }, '2026-04-05')).toBe(0);
  });
});
