/** The live-streak thresholds SQL ranks by agree with the domain's rule, day by day. */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar.js';
import { currentStreakAsOf, MAX_FREEZES } from '../../../src/domain/streak.js';
import { liveStreakSince } from '../../../src/store/logic/rules.js';

describe('liveStreakSince', () => {
  it('keeps a streak alive exactly when currentStreakAsOf shows it, for every freeze count', () => {
    const today = '2026-03-02';
    const since = liveStreakSince(today);
    expect(since).toHaveLength(MAX_FREEZES + 1);
    let alive = 0;
    for (let freezes = 0; freezes <= MAX_FREEZES; freezes += 1) {
      for (let back = -2; back <= 10; back += 1) {
        const last = addDays(today, -back);
        const state = { current: 4, longest: 4, freezes, lastCountedDay: last };
        const shown = currentStreakAsOf(state, today) > 0;
        if (shown) alive += 1;
        expect(last >= since[freezes]!, `${freezes} freezes, last counted ${last}`).toBe(shown);
      }
    }
    expect(alive).toBeGreaterThan(0);
  });
});
