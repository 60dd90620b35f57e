/**
 * Streak maths, pure: a streak is the run of consecutive challenge days with a passing attempt.
 *
 * - Every 7 passed days in the current run earn a freeze (at most 2 held).
 * - Missed days between two passed days are covered by held freezes, spent automatically; a frozen
 *   day keeps the streak alive but does not add to it.
 * - A gap longer than the freezes held breaks the streak: the new pass starts it again at 1, and the
 *   freezes are kept (spending them could not have saved the run, so the user does not lose them).
 * - Passing twice on one day counts once; a pass on a day before the last counted day (a channel in a
 *   zone behind another) changes nothing, so the streak never has to be rewritten backwards.
 */
import { addDays, daysBetween } from './calendar.js';
import type { Day } from './vocabulary.js';

export const DAYS_PER_FREEZE = 7;
export const MAX_FREEZES = 2;

export interface StreakState {
  readonly current: number;
  readonly longest: number;
  readonly freezes: number;
  readonly lastCountedDay: Day | null;
}

export const EMPTY_STREAK: StreakState = { current: 0, longest: 0, freezes: 0, lastCountedDay: null };

export interface StreakAdvance {
  readonly state: StreakState;
  /** True when this day was newly counted (a first pass on a new day). */
  readonly counted: boolean;
  readonly freezesUsed: number;
  /** The missed days the freezes covered, oldest first. */
  readonly frozenDays: readonly Day[];
  readonly freezesEarned: number;
}

function unchanged(state: StreakState): StreakAdvance {
  return { state, counted: false, freezesUsed: 0, frozenDays: [], freezesEarned: 0 };
}

export function advanceStreak(state: StreakState, day: Day, passed: boolean): StreakAdvance {
  if (!passed) return unchanged(state);
  const last = state.lastCountedDay;
  const missed = last === null ? null : daysBetween(last, day) - 1;
  if (missed !== null && missed < 0) return unchanged(state);

  let current: number;
  let freezes = state.freezes;
  let frozenDays: Day[] = [];
  if (last !== null && missed !== null && missed <= freezes) {
    frozenDays = Array.from({ length: missed }, (_, i) => addDays(last, i + 1));
    freezes -= missed;
    current = state.current + 1;
  } else {
    current = 1;
  }
  const earned = current % DAYS_PER_FREEZE === 0 && freezes < MAX_FREEZES ? 1 : 0;
  return {
    state: {
      current,
      longest: Math.max(state.longest, current),
      freezes: freezes + earned,
      lastCountedDay: day,
    },
    counted: true,
    freezesUsed: frozenDays.length,
    frozenDays,
    freezesEarned: earned,
  };
}

/**
 * The streak to show on `today`: the stored run while it can still continue (today is still open,
 * and the missed days so far can be covered by the freezes held), else 0.
 */
export function currentStreakAsOf(state: StreakState, today: Day): number {
  if (state.lastCountedDay === null) return 0;
  const missedSoFar = daysBetween(state.lastCountedDay, today) - 1;
  return missedSoFar <= state.freezes ? state.current : 0;
}
