/**
 * The two rules every schedule input passes: a 24-hour `HH:MM` time of day and an IANA time zone. One copy
 * each, used by the environment's parsing, the `schedule` command, the scheduler's cron jobs and calendar maths.
 */

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `09:00` → { hour: 9, minute: 0 }; anything else (`9:00`, `24:00`, `09:60`) → null. */
export function parseTimeOfDay(value: string): TimeOfDay | null {
  const match = TIME_OF_DAY.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

/** Whether the runtime's Intl knows the zone (`Asia/Shanghai`, `UTC`); it throws a RangeError otherwise. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
