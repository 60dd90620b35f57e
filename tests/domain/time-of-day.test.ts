import { describe, expect, it } from 'vitest';
import { isTimeOfDay, isTimeZone, parseTimeOfDay } from '../../src/domain/time-of-day.js';

describe('time of day', () => {
  it('reads 24-hour HH:MM and nothing looser', () => {
    expect(parseTimeOfDay('09:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTimeOfDay('00:00')).toEqual({ hour: 0, minute: 0 });
    for (const bad of ['9:00', '24:00', '09:60', '0900', ' 09:00', '09:00 ', '']) {
      expect(parseTimeOfDay(bad)).toBeNull();
      expect(isTimeOfDay(bad)).toBe(false);
    }
    expect(isTimeOfDay('18:30')).toBe(true);
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
