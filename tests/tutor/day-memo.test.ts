import { describe, expect, it } from 'vitest';
import { dayInZone } from '../../src/domain/calendar.js';
import { createDayMemo } from '../../src/tutor/day-memo.js';

describe('createDayMemo', () => {
  it('agrees with dayInZone across midnights, DST changes, zones and a clock set back', () => {
    const dayOf = createDayMemo();
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'UTC'];
    // Every 20 minutes over the 2026 spring-forward night in New York and London, then back again.
    const start = Date.parse('2026-03-07T00:00:00Z');
    const instants = Array.from({ length: 3 * 24 * 3 }, (_, i) => start + i * 20 * 60_000);
    for (const at of [...instants, ...instants.reverse()]) {
      for (const zone of zones) expect(dayOf(new Date(at), zone)).toBe(dayInZone(new Date(at), zone));
    }
  });

  it('answers for the zone asked, not the last one remembered', () => {
    const dayOf = createDayMemo();
    const at = new Date('2026-03-02T20:00:00Z');
    expect(dayOf(at, 'UTC')).toBe('2026-03-02');
    expect(dayOf(at, 'Asia/Shanghai')).toBe('2026-03-03');
    expect(dayOf(at, 'UTC')).toBe('2026-03-02');
  });
});
