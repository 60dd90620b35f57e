/**
 * Points a user earns for one daily challenge.
 *
 * Rule: the best score of the day (0–100), plus a streak bonus of 10% per streak day beyond the
 * first, capped at +50% (a 6-day streak), only when that best attempt passed; rounded to a whole point.
 *
 * Why: the score keeps quality the main thing (a careful answer beats a quick one), the bonus rewards
 * showing up daily without letting a long streak swamp a better answer, and the cap keeps a newcomer
 * within reach of a veteran in a week. Failing answers still earn their score, so trying pays, but no
 * bonus, so the bonus stays tied to the streak it rewards. Integers keep sums and ties exact.
 */
export const STREAK_BONUS_PERCENT_PER_DAY = 10;
export const STREAK_BONUS_CAP_PERCENT = 50;

export function streakBonusPercent(streak: number): number {
  return Math.min(STREAK_BONUS_CAP_PERCENT, STREAK_BONUS_PERCENT_PER_DAY * Math.max(0, streak - 1));
}

export function pointsForDay(input: { bestScore: number; passed: boolean; streak: number }): number {
  const score = Math.max(0, Math.min(100, Math.round(input.bestScore)));
  if (!input.passed) return score;
  return Math.round((score * (100 + streakBonusPercent(input.streak))) / 100);
}
