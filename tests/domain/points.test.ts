import { describe, expect, it } from 'vitest';
import { pointsForDay, streakBonusPercent } from '../../src/domain/points.js';

describe('pointsForDay', () => {
  it('gives the best score with no bonus on the first day of a streak', () => {
    expect(pointsForDay({ bestScore: 80, passed: true, streak: 1 })).toBe(80);
  });

  it('adds 10% per streak day beyond the first, capped at 50%', () => {
    expect(streakBonusPercent(2)).toBe(10);
    expect(pointsForDay({ bestScore: 80, passed: true, streak: 3 })).toBe(96);
    expect(pointsForDay({ bestScore: 80, passed: true, streak: 6 })).toBe(120);
    expect(pointsForDay({ bestScore: 80, passed: true, streak: 40 })).toBe(120);
  });

  it('gives a failing answer its score without bonus', () => {
    expect(pointsForDay({ bestScore: 45, passed: false, streak: 10 })).toBe(45);
  });

  it('clamps and rounds scores to whole points', () => {
    expect(pointsForDay({ bestScore: 101, passed: false, streak: 0 })).toBe(100);
    expect(pointsForDay({ bestScore: -3, passed: false, streak: 0 })).toBe(0);
    expect(pointsForDay({ bestScore: 77, passed: true, streak: 2 })).toBe(85);
  });
});
