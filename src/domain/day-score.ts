/**
 * How one daily attempt changes a user's result for that challenge, their streak and their points:
 * the single rule shared by the store's live path and by the recomputation that audits its totals.
 *
 * The best score counts (points are replaced by the best, never summed across attempts). The streak
 * bonus uses the streak as it stood on the day the challenge was first passed, so improving an answer
 * later that day, or after passing in another channel, cannot move the bonus.
 */
import { pointsForDay } from './points.js';
import { advanceStreak, type StreakAdvance, type StreakState } from './streak.js';
import type { Day } from './vocabulary.js';

export interface ChallengeResultState {
  readonly attempts: number;
  readonly bestScore: number;
  /** True once any attempt on this challenge passed. */
  readonly passed: boolean;
  /** The streak on the day of the first pass (0 until passed): drives the bonus. */
  readonly streak: number;
  readonly points: number;
}

export interface AttemptEffect {
  readonly result: ChallengeResultState;
  readonly advance: StreakAdvance;
  /** True when this attempt is the new best of the day (the first attempt always is). */
  readonly isBest: boolean;
  /** Change to the user's point totals for the challenge's periods. */
  readonly pointsDelta: number;
}

export function applyAttempt(input: {
  readonly result: ChallengeResultState | null;
  readonly streak: StreakState;
  readonly day: Day;
  readonly score: number;
  readonly passed: boolean;
}): AttemptEffect {
  const { result, day, score, passed } = input;
  const advance = advanceStreak(input.streak, day, passed);
  const isBest = result === null || score > result.bestScore;
  const bestScore = isBest ? score : result.bestScore;
  const passedAny = (result?.passed ?? false) || passed;
  const streakOnDay =
    result !== null && result.streak > 0
      ? result.streak
      : passed
        ? advance.state.lastCountedDay === day
          ? advance.state.current
          : 1
        : 0;
  const points = pointsForDay({ bestScore, passed: passedAny, streak: streakOnDay });
  return {
    result: { attempts: (result?.attempts ?? 0) + 1, bestScore, passed: passedAny, streak: streakOnDay, points },
    advance,
    isBest,
    pointsDelta: points - (result?.points ?? 0),
  };
}
