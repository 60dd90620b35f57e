/** Answers to a daily challenge: the attempt, the best of the day, and what it earns. */
import type { ReviewRating } from '../../domain/review.js';
import type { StreakState } from '../../domain/streak.js';
import type { Platform } from '../../domain/vocabulary.js';
import type { TopicCard } from './reviews.js';
import type { UserRef } from './users.js';

export interface ConceptSummary {
  readonly pain: readonly string[];
  readonly fix: readonly string[];
  readonly negated: readonly string[];
}

/**
 * The review of the learner's card for the challenge's topic that a daily answer makes: recorded in the
 * attempt's own transaction (kind `daily`, keyed `daily:<attempt id>`, the attempt's score and instant), so the
 * answer and its review are kept, or lost, together.
 */
export interface AttemptReview {
  readonly topicId: string;
  readonly rating: ReviewRating;
  /** The concept labels the answer missed. */
  readonly missed: readonly string[];
  /** FSRS target retention (TUTOR_RETENTION). */
  readonly retention: number;
}

export interface AttemptInput {
  readonly challengeId: number;
  readonly user: UserRef;
  readonly text: string;
  readonly score: number;
  readonly passed: boolean;
  readonly concepts: ConceptSummary;
  /** Detailed feedback as shown to the user, kept so it can be shown again. */
  readonly feedback: string;
  readonly at: Date;
  readonly maxAttempts: number;
  /** Platform event id; a second attempt with the same key is a duplicate delivery. */
  readonly eventKey?: string;
  readonly review?: AttemptReview;
}

export type AttemptOutcome =
  | {
      readonly status: 'recorded';
      readonly attemptId: number;
      readonly attemptNumber: number;
      readonly attemptsLeft: number;
      readonly bestScore: number;
      /** Points this challenge now counts for this user (best attempt + streak bonus). */
      readonly points: number;
      /** Whether any attempt on this challenge passed (the streak bonus applies only then). */
      readonly passed: boolean;
      /** The streak on the day the challenge was first passed (0 until passed): what sets the bonus. */
      readonly dayStreak: number;
      readonly streak: StreakState;
      /** Freezes spent by this attempt on missed days. */
      readonly freezesUsed: number;
      /** With a review: the card as it stands after it (absent when the learner has no card for the topic). */
      readonly card?: TopicCard;
    }
  | { readonly status: 'attempt-cap'; readonly attemptsUsed: number }
  | { readonly status: 'duplicate'; readonly attemptId: number }
  | { readonly status: 'closed' };

export interface DayResult {
  readonly userExternalId: string;
  readonly displayName: string;
  readonly bestScore: number;
  readonly passed: boolean;
  readonly attempts: number;
}

export interface StoredAttempt {
  readonly id: number;
  readonly userExternalId: string;
  readonly workspaceExternalId: string;
  readonly platform: Platform;
  readonly score: number;
  readonly feedback: string;
}

export interface AttemptStore {
  /** One transaction: cap check, attempt row, best of the day, streak, points, period totals, and the review. */
  recordAttempt(input: AttemptInput): Promise<AttemptOutcome>;
  dayResults(challengeId: number): Promise<DayResult[]>;
  attempt(attemptId: number): Promise<StoredAttempt | null>;
}
