/**
 * The local day of an instant, remembered per time zone until that day ends: formatting an instant in a zone
 * (Intl) is one of the costlier steps of answering, and its result is the same for every event of the day.
 */
import { dayEnd, dayInZone, dayStart } from '../domain/calendar.js';
import type { Day } from '../domain/vocabulary.js';

export type DayOf = (instant: Date, zone: string) => Day;

export function createDayMemo(): DayOf {
  const days = new Map<string, { readonly day: Day; readonly from: number; readonly until: number }>();
  return (instant, zone) => {
    const at = instant.getTime();
    const known = days.get(zone);
    if (known && at >= known.from && at < known.until) return known.day;
    const day = dayInZone(instant, zone);
    days.set(zone, { day, from: dayStart(day, zone).getTime(), until: dayEnd(day, zone).getTime() });
    return day;
  };
}
