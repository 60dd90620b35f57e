import { describe, expect, it } from 'vitest';
import { addDays, dayInZone } from '../../src/domain/calendar.js';
import {
  EMPTY_STREAK,
  MAX_FREEZES,
  advanceStreak,
  currentStreakAsOf,
  type StreakState,
} from '../../src/domain/streak.js';

/** Passes on every given day, in order, returning the final state and total freezes used. */
function passOn(days: readonly string[], start: StreakState = EMPTY_STREAK) {
  let state = start;
  let used = 0;
  for (const day of days) {
    const step = advanceStreak(state, day, true);
    state = step.state;
    used += step.freezesUsed;
  }
  return { state, used };
}

const run = (from: string, length: number) => Array.from({ length }, (_, i) => addDays(from, i));

describe('advanceStreak', () => {
  it('counts consecutive passing days and keeps the longest', () => {
    const { state } = passOn(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(state).toEqual({ current: 3, longest: 3, freezes: 0, lastCountedDay: '2026-03-03' });
  });

  it('ignores a failed attempt and a second pass on the same day', () => {
    const first = advanceStreak(EMPTY_STREAK, '2026-03-01', true).state;
    expect(advanceStreak(first, '2026-03-02', false)).toMatchObject({ state: first, counted: false });
    expect(advanceStreak(first, '2026-03-01', true)).toMatchObject({ state: first, counted: false });
  });

  it('ignores a pass on a day before the last counted one', () => {
    const state = passOn(['2026-03-05']).state;
    expect(advanceStreak(state, '2026-03-04', true)).toMatchObject({ state, counted: false });
  });

  it('resets to 1 after a missed day with no freeze, keeping the longest', () => {
    const { state } = passOn(['2026-03-01', '2026-03-02', '2026-03-04']);
    expect(state).toMatchObject({ current: 1, longest: 2, freezes: 0 });
  });

  it('earns a freeze every 7 days, holding at most 2', () => {
    expect(passOn(run('2026-03-01', 6)).state.freezes).toBe(0);
    expect(passOn(run('2026-03-01', 7)).state.freezes).toBe(1);
    expect(passOn(run('2026-03-01', 14)).state.freezes).toBe(2);
    expect(passOn(run('2026-03-01', 21)).state.freezes).toBe(MAX_FREEZES);
  });

  it('spends a freeze on a missed day: the streak continues but the frozen day does not add', () => {
    const week = passOn(run('2026-03-01', 7)).state; // through 03-07, 1 freeze
    const step = advanceStreak(week, '2026-03-09', true); // 03-08 missed
    expect(step.freezesUsed).toBe(1);
    expect(step.frozenDays).toEqual(['2026-03-08']);
    expect(step.state).toEqual({ current: 8, longest: 8, freezes: 0, lastCountedDay: '2026-03-09' });
  });

  it('spends two freezes on a two-day gap', () => {
    const twoWeeks = passOn(run('2026-03-01', 14)).state; // through 03-14, 2 freezes
    const step = advanceStreak(twoWeeks, '2026-03-17', true);
    expect(step.frozenDays).toEqual(['2026-03-15', '2026-03-16']);
    expect(step.state).toMatchObject({ current: 15, freezes: 0 });
  });

  it('resets when the gap is larger than the freezes held, keeping the freezes', () => {
    const week = passOn(run('2026-03-01', 7)).state; // 1 freeze
    const step = advanceStreak(week, '2026-03-10', true); // two days missed
    expect(step.freezesUsed).toBe(0);
    expect(step.state).toEqual({ current: 1, longest: 7, freezes: 1, lastCountedDay: '2026-03-10' });
  });

  it('earns again after spending: a freeze bought back on the next multiple of 7', () => {
    const week = passOn(run('2026-03-01', 7)).state;
    const { state, used } = passOn(run('2026-03-09', 7), week); // 03-08 frozen, then 03-09..03-15
    expect(used).toBe(1);
    expect(state).toMatchObject({ current: 14, freezes: 1 });
  });

  it('counts across midnight in the channel zone, not in UTC (Shanghai)', () => {
    // 23:50 and 00:10 Shanghai time on consecutive local days are 20 minutes apart.
    const d1 = dayInZone(new Date('2026-05-01T15:50:00Z'), 'Asia/Shanghai');
    const d2 = dayInZone(new Date('2026-05-01T16:10:00Z'), 'Asia/Shanghai');
    expect([d1, d2]).toEqual(['2026-05-01', '2026-05-02']);
    expect(passOn([d1, d2]).state.current).toBe(2);
    // Two answers on one UTC day but one local day count once.
    const d3 = dayInZone(new Date('2026-05-02T00:10:00Z'), 'Asia/Shanghai');
    expect(d3).toBe('2026-05-02');
    expect(passOn([d1, d2, d3]).state.current).toBe(2);
  });

  it('counts the 23-hour and 25-hour DST days as one day each (New York)', () => {
    const zone = 'America/New_York';
    // Late-evening answers around spring-forward (03-08) and fall-back (11-01).
    const spring = ['2026-03-08T03:30:00Z', '2026-03-09T03:30:00Z', '2026-03-10T02:30:00Z'].map((iso) =>
      dayInZone(new Date(iso), zone),
    );
    expect(spring).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(passOn(spring).state.current).toBe(3);
    const fall = ['2026-11-01T03:30:00Z', '2026-11-02T04:30:00Z', '2026-11-03T04:30:00Z'].map((iso) =>
      dayInZone(new Date(iso), zone),
    );
    expect(fall).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(passOn(fall).state.current).toBe(3);
  });

  it('counts Lord Howe days across its 30-minute shift', () => {
    const zone = 'Australia/Lord_Howe';
    // 23:45 local on 10-03 (+10:30) and 23:45 local on 10-04 (+11).
    const days = ['2026-10-03T13:15:00Z', '2026-10-04T12:45:00Z'].map((iso) => dayInZone(new Date(iso), zone));
    expect(days).toEqual(['2026-10-03', '2026-10-04']);
    expect(passOn(days).state.current).toBe(2);
  });
});

describe('currentStreakAsOf', () => {
  const state: StreakState = { current: 5, longest: 9, freezes: 1, lastCountedDay: '2026-03-10' };

  it('shows the run while today is still open', () => {
    expect(currentStreakAsOf(state, '2026-03-10')).toBe(5);
    expect(currentStreakAsOf(state, '2026-03-11')).toBe(5);
  });

  it('shows the run while held freezes can cover the missed days, then 0', () => {
    expect(currentStreakAsOf(state, '2026-03-12')).toBe(5);
    expect(currentStreakAsOf(state, '2026-03-13')).toBe(0);
    expect(currentStreakAsOf({ ...state, freezes: 0 }, '2026-03-12')).toBe(0);
  });

  it('is 0 with no counted day', () => {
    expect(currentStreakAsOf(EMPTY_STREAK, '2026-03-10')).toBe(0);
  });
});
