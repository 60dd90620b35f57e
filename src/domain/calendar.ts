/**
 * Calendar rules in an IANA time zone, built on Intl only (no date library): which challenge day an
 * instant falls on, when a local wall-clock time happens, and keys for weekly and monthly totals.
 * A `Day` is `YYYY-MM-DD`; day arithmetic is done on the calendar (UTC midnights), never by adding
 * 24 hours to an instant, because local days are 23 or 25 hours long across DST.
 */
import { parseTimeOfDay } from './time-of-day.js';
import type { Day, Period } from './vocabulary.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Creating an Intl.DateTimeFormat costs far more than using one; a bot formats thousands of instants.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// `format` is several times faster than `formatToParts`; en-US with these options always gives
// "MM/DD/YYYY, HH:MM:SS".
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function wallClock(instantMs: number, zone: string): WallClock {
  const text = formatterFor(zone).format(new Date(instantMs));
  const match = FORMATTED.exec(text);
  if (!match) throw new RangeError(`unexpected date format from Intl for ${zone}: ${text}`);
  return {
    year: Number(match[3]),
    month: Number(match[1]),
    day: Number(match[2]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6]),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetMs(instantMs: number, zone: string): number {
  const w = wallClock(instantMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatDay(year: number, month: number, day: number): Day {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** UTC midnight of a calendar day, as a number: the unit of day arithmetic. */
function dayNumber(day: Day): number {
  const match = DAY_PATTERN.exec(day);
  if (!match || !isDay(day)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function dayFromNumber(ms: number): Day {
  const date = new Date(ms);
  return formatDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The challenge day an instant falls on in a zone. */
export function dayInZone(instant: Date, zone: string): Day {
  const w = wallClock(instant.getTime(), zone);
  return formatDay(w.year, w.month, w.day);
}

export function addDays(day: Day, days: number): Day {
  return dayFromNumber(dayNumber(day) + days * MS_PER_DAY);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / MS_PER_DAY);
}

/**
 * The instant a local wall-clock time `HH:MM` occurs on `day` in `zone`.
 * In a DST overlap (the time happens twice) the first occurrence is taken; in a DST gap (the time
 * never happens, e.g. 02:30 on a spring-forward night) the first instant after the gap is taken,
 * so a challenge scheduled inside the gap is posted as soon as the clocks have jumped.
 */
export function localTimeToInstant(day: Day, time: string, zone: string): Date {
  const key = `${day} ${time} ${zone}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
    instant = computeLocalTimeToInstant(day, time, zone);
    instants.set(key, instant);
  }
  return new Date(instant);
}

// Every answer asks when its challenge day ends: the same few (day, zone) pairs, thousands of times.
const instants = new Map<string, number>();
const MAX_CACHED_INSTANTS = 10_000;

function computeLocalTimeToInstant(day: Day, time: string, zone: string): number {
  const clock = parseTimeOfDay(time);
  if (!clock) throw new RangeError(`not a 24-hour time (HH:MM): ${time}`);
  const wallMs = dayNumber(day) + (clock.hour * 60 + clock.minute) * MS_PER_MINUTE;
  // Offsets a day either side bracket any transition near this wall time (zones change at most once a day).
  const offsets = [offsetMs(wallMs - MS_PER_DAY, zone), offsetMs(wallMs + MS_PER_DAY, zone)];
  const candidates = [...new Set(offsets.map((o) => wallMs - o))]
    .filter((instant) => wallMs - offsetMs(instant, zone) === instant)
    .sort((a, b) => a - b);
  return candidates[0] ?? firstInstantAtOrAfterWall(wallMs, zone, Math.min(...offsets), Math.max(...offsets));
}

/**
 * Inside a gap: binary search, to the minute, for the transition: the first instant whose local wall
 * time is at or after the wanted one. `low`/`high` offsets give instants on either side of it.
 */
function firstInstantAtOrAfterWall(wallMs: number, zone: string, lowOffset: number, highOffset: number): number {
  let before = wallMs - highOffset; // local time here is still before the wanted time
  let after = wallMs - lowOffset; // local time here is already past it
  while (after - before > MS_PER_MINUTE) {
    const middle = before + Math.floor((after - before) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
    if (middle + offsetMs(middle, zone) >= wallMs) after = middle;
    else before = middle;
  }
  return after;
}

/** The instant a day starts in a zone (its first valid local time at or after midnight). */
export function dayStart(day: Day, zone: string): Date {
  return localTimeToInstant(day, '00:00', zone);
}

/** The instant a day ends in a zone: the start of the next local day. */
export function dayEnd(day: Day, zone: string): Date {
  return dayStart(addDays(day, 1), zone);
}

/** ISO-8601 week of a day, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(day: Day): string {
  const ms = dayNumber(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(ms + (3 - weekday) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / MS_PER_DAY / 7) + 1;
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Calendar month of a day, `YYYY-MM`. */
export function monthKey(day: Day): string {
  dayNumber(day);
  return day.slice(0, 7);
}

/** The key of the week, month or all-time period a challenge day counts towards. */
export function periodKey(period: Period, day: Day): string {
  switch (period) {
    case 'week':
      return isoWeekKey(day);
    case 'month':
      return monthKey(day);
    case 'all':
      return 'all';
  }
}
