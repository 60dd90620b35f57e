import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayEnd,
  dayInZone,
  dayStart,
  daysBetween,
  isDay,
  isoWeekKey,
  localTimeToInstant,
  monthKey,
} from '../../src/domain/calendar.js';

const at = (iso: string) => new Date(iso);

describe('dayInZone', () => {
  it('puts one instant on different days in different zones', () => {
    const instant = at('2026-03-01T23:30:00Z');
    expect(dayInZone(instant, 'UTC')).toBe('2026-03-01');
    expect(dayInZone(instant, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dayInZone(instant, 'America/New_York')).toBe('2026-03-01');
  });

  it('changes day exactly at local midnight', () => {
    expect(dayInZone(at('2026-06-30T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-06-30');
    expect(dayInZone(at('2026-06-30T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-07-01');
  });

  it('handles a half-hour offset zone (Lord Howe, +10:30 standard, +11 summer)', () => {
    expect(dayInZone(at('2026-06-30T13:29:00Z'), 'Australia/Lord_Howe')).toBe('2026-06-30');
    expect(dayInZone(at('2026-06-30T13:30:00Z'), 'Australia/Lord_Howe')).toBe('2026-07-01');
    expect(dayInZone(at('2026-12-31T12:59:00Z'), 'Australia/Lord_Howe')).toBe('2026-12-31');
    expect(dayInZone(at('2026-12-31T13:00:00Z'), 'Australia/Lord_Howe')).toBe('2027-01-01');
  });
});

describe('localTimeToInstant', () => {
  it('converts an ordinary local time', () => {
    expect(localTimeToInstant('2026-07-01', '09:00', 'Asia/Shanghai').toISOString()).toBe('2026-07-01T01:00:00.000Z');
    expect(localTimeToInstant('2026-01-15', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    expect(localTimeToInstant('2026-07-15', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-07-15T13:00:00.000Z',
    );
  });

  it('moves a time inside the spring-forward gap to the first instant after it (New York)', () => {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(localTimeToInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(localTimeToInstant('2026-03-08', '03:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(localTimeToInstant('2026-03-08', '01:59', 'America/New_York').toISOString()).toBe(
      '2026-03-08T06:59:00.000Z',
    );
  });

  it('takes the first occurrence of a time repeated at fall-back (New York)', () => {
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:30 happens at 05:30Z and 06:30Z.
    expect(localTimeToInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(localTimeToInstant('2026-11-01', '02:00', 'America/New_York').toISOString()).toBe(
      '2026-11-01T07:00:00.000Z',
    );
  });

  it('handles Lord Howe’s 30-minute DST gap and overlap', () => {
    // 2026-10-04: 02:00 (+10:30) jumps to 02:30 (+11) at 2026-10-03T15:30Z.
    expect(localTimeToInstant('2026-10-04', '02:15', 'Australia/Lord_Howe').toISOString()).toBe(
      '2026-10-03T15:30:00.000Z',
    );
    // 2026-04-05: 02:00 (+11) falls back to 01:30 (+10:30); 01:45 happens twice, first at 14:45Z.
    expect(localTimeToInstant('2026-04-05', '01:45', 'Australia/Lord_Howe').toISOString()).toBe(
      '2026-04-04T14:45:00.000Z',
    );
  });

  it('rejects malformed input', () => {
    expect(() => localTimeToInstant('2026-02-30', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => localTimeToInstant('2026-02-01', '24:00', 'UTC')).toThrow(RangeError);
  });
});

describe('day boundaries', () => {
  it('gives 23- and 25-hour days across DST in New York', () => {
    const hours = (day: string) =>
      (dayEnd(day, 'America/New_York').getTime() - dayStart(day, 'America/New_York').getTime()) / 3_600_000;
    expect(hours('2026-03-08')).toBe(23);
    expect(hours('2026-11-01')).toBe(25);
    expect(hours('2026-07-01')).toBe(24);
  });

  it('gives a 23.5-hour day in Lord Howe at spring-forward', () => {
    const zone = 'Australia/Lord_Howe';
    expect((dayEnd('2026-10-04', zone).getTime() - dayStart('2026-10-04', zone).getTime()) / 3_600_000).toBe(23.5);
  });

  it('starts a day whose midnight falls in a DST gap at the first valid instant (Santiago)', () => {
    // 2026-09-06: 00:00 (-04) jumps to 01:00 (-03), so the day starts at 04:00Z and lasts 23 hours.
    expect(dayStart('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(dayEnd('2026-09-05', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(dayInZone(new Date('2026-09-06T03:59:59Z'), 'America/Santiago')).toBe('2026-09-05');
    expect(dayInZone(new Date('2026-09-06T04:00:00Z'), 'America/Santiago')).toBe('2026-09-06');
  });

  it('ends a Shanghai day at the next local midnight', () => {
    expect(dayEnd('2026-07-01', 'Asia/Shanghai').toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });
});

describe('day arithmetic and keys', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
  });

  it('counts days between', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('computes ISO weeks, including year edges', () => {
    expect(isoWeekKey('2026-11-29')).toBe('2026-W48'); // Sunday
    expect(isoWeekKey('2026-11-30')).toBe('2026-W49'); // Monday
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
  });

  it('computes month keys and validates days', () => {
    expect(monthKey('2026-11-30')).toBe('2026-11');
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-1-01')).toBe(false);
  });
});
