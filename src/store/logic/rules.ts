/**
 * Store rules every backend applies the same way: how long event ids are kept, which tables hold a learner's
 * rows, how a team name is written, and when a stored streak still counts, in a form SQL can rank by.
 */
import { addDays } from '../../domain/calendar.js';
import type { AttemptEffect } from '../../domain/day-score.js';
import { currentStreakAsOf, MAX_FREEZES } from '../../domain/streak.js';
import type { Day } from '../../domain/vocabulary.js';
import type { AttemptInput, AttemptOutcome, AttemptReview } from '../ports/attempts.js';
import type { ReviewInput, TopicCard } from '../ports/reviews.js';

/** Processed event ids are kept this long: platforms retry within minutes, not weeks. */
export const EVENT_RETENTION_MS = 7 * 86_400_000;
/** Expired ids go at most this often (of event time), not in every claim. */
export const EVENT_PRUNE_EVERY_MS = 60_000;

/** The tables holding a learner's rows by `user_id`, children before parents: results point at attempts. */
export const USER_TABLES = [
  'team_period_totals',
  'period_totals',
  'challenge_results',
  'attempts',
  'practice_attempts',
  'streak_days',
  'streaks',
  'team_members',
  'review_log',
  'review_cards',
  'review_sessions',
  'review_reminders',
] as const;

/** "  Backend   Guild " is the team "Backend Guild". */
export function teamNameOf(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Streak rows never hold more freezes than this. */
const FREEZE_COUNTS = Array.from({ length: MAX_FREEZES + 1 }, (_, i) => i);
/** A bound on the walk below, far beyond any streak rule's grace period. */
const MAX_GRACE_DAYS = 366;

/**
 * For each number of freezes a streak can hold (the index), the earliest last counted day that keeps a streak
 * alive on `today`: derived from the domain's `currentStreakAsOf`, so a backend that ranks in SQL compares days
 * (`last_counted_day >= since[freezes]`) instead of keeping a second copy of the rule.
 */
export function liveStreakSince(today: Day): Day[] {
  return FREEZE_COUNTS.map((freezes) => {
    const alive = (day: Day) => currentStreakAsOf({ current: 1, longest: 1, freezes, lastCountedDay: day }, today) > 0;
    let day = today;
    for (let i = 0; i < MAX_GRACE_DAYS && alive(addDays(day, -1)); i += 1) day = addDays(day, -1);
    return day;
  });
}

/** The review a daily attempt makes of the learner's card, keyed by the attempt so it is made once. */
export function attemptReviewInput(input: AttemptInput, review: AttemptReview, attemptId: number): ReviewInput {
  return {
    user: input.user,
    topicId: review.topicId,
    kind: 'daily',
    score: input.score,
    rating: review.rating,
    missed: review.missed,
    at: input.at,
    dedupeKey: `daily:${attemptId}`,
    retention: review.retention,
  };
}

/**
 * What recording an attempt answers, from the attempt's effect (and the card its review left, if any): the same
 * whichever backend stored it.
 */
export function recordedOutcome(
  effect: AttemptEffect,
  attemptId: number,
  maxAttempts: number,
  card: TopicCard | null = null,
): AttemptOutcome {
  const { result, advance } = effect;
  return {
    status: 'recorded',
    attemptId,
    attemptNumber: result.attempts,
    attemptsLeft: Math.max(0, maxAttempts - result.attempts),
    bestScore: result.bestScore,
    points: result.points,
    passed: result.passed,
    dayStreak: result.streak,
    streak: advance.state,
    freezesUsed: advance.freezesUsed,
    ...(card ? { card } : {}),
  };
}
