import { describe, expect, it } from 'vitest';
import { applyAttempt } from '../../src/domain/day-score.js';
import { EMPTY_STREAK, type StreakState } from '../../src/domain/streak.js';

const fourDays: StreakState = { current: 4, longest: 4, freezes: 0, lastCountedDay: '2026-03-04' };

describe('applyAttempt', () => {
  it('counts the first attempt as the best and adds its points', () => {
    const effect = applyAttempt({ result: null, streak: fourDays, day: '2026-03-05', score: 80, passed: true });
    expect(effect.isBest).toBe(true);
    expect(effect.result).toEqual({ attempts: 1, bestScore: 80, passed: true, streak: 5, points: 112 });
    expect(effect.pointsDelta).toBe(112);
    expect(effect.advance.state.current).toBe(5);
  });

  it('replaces the points by a better attempt and adds only the difference', () => {
    const first = applyAttempt({ result: null, streak: fourDays, day: '2026-03-05', score: 80, passed: true });
    const better = applyAttempt({
      result: first.result,
      streak: first.advance.state,
      day: '2026-03-05',
      score: 90,
      passed: true,
    });
    expect(better.result).toMatchObject({ attempts: 2, bestScore: 90, streak: 5, points: 126 });
    expect(better.pointsDelta).toBe(14);
    const worse = applyAttempt({
      result: better.result,
      streak: better.advance.state,
      day: '2026-03-05',
      score: 50,
      passed: false,
    });
    expect(worse).toMatchObject({ isBest: false, pointsDelta: 0, result: { attempts: 3, bestScore: 90, points: 126 } });
  });

  it('gives a failed first attempt its score, then the bonus once a later attempt passes', () => {
    const failed = applyAttempt({ result: null, streak: fourDays, day: '2026-03-05', score: 50, passed: false });
    expect(failed.result).toMatchObject({ passed: false, streak: 0, points: 50 });
    const passed = applyAttempt({
      result: failed.result,
      streak: failed.advance.state,
      day: '2026-03-05',
      score: 70,
      passed: true,
    });
    expect(passed.result).toMatchObject({ passed: true, streak: 5, points: 98 });
    expect(passed.pointsDelta).toBe(48);
  });

  it('gives no bonus for a pass on a day before the last counted one', () => {
    const effect = applyAttempt({ result: null, streak: fourDays, day: '2026-03-03', score: 80, passed: true });
    expect(effect.advance.counted).toBe(false);
    expect(effect.result).toMatchObject({ streak: 1, points: 80 });
  });

  it('starts a streak from nothing', () => {
    expect(
      applyAttempt({ result: null, streak: EMPTY_STREAK, day: '2026-03-05', score: 60, passed: true }).result,
    ).toEqual({
      attempts: 1,
      bestScore: 60,
      passed: true,
      streak: 1,
      points: 60,
    });
  });
});
