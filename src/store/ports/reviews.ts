/**
 * Spaced review: each learner's FSRS card per topic, the review every graded answer makes of it, the review
 * question waiting for an answer, and daily reminder opt-ins. The FSRS maths is the domain's
 * (`domain/review.ts`); a backend only runs it inside its transaction, so two reviews of one card never
 * lose each other's update.
 */
import type { ReviewCard, ReviewKind, ReviewRating } from '../../domain/review.js';
import type { Day } from '../../domain/vocabulary.js';
import type { UserKey, UserRef } from './users.js';

export interface ReviewInput {
  readonly user: UserRef;
  readonly topicId: string;
  readonly kind: ReviewKind;
  readonly score: number;
  readonly rating: ReviewRating;
  /** The concept labels the answer missed. */
  readonly missed: readonly string[];
  readonly at: Date;
  /**
   * Makes a retried event review the card once: `daily:<attempt id>`, `practice:<attempt id>`,
   * `review:<platform>:<event id>`.
   */
  readonly dedupeKey: string;
  /** FSRS target retention (TUTOR_RETENTION). */
  readonly retention: number;
}

export interface TopicCard extends ReviewCard {
  readonly topicId: string;
  readonly lastScore: number | null;
  readonly createdAt: Date;
}

export type ReviewOutcome =
  | { readonly status: 'recorded'; readonly card: TopicCard }
  /**
   * This dedupe key was recorded before: the card as it stands, reviewed once (`null` when the key was
   * another learner's or another topic's review, which a replayed or forged event id can bring here).
   */
  | { readonly status: 'duplicate'; readonly card: TopicCard | null };

export interface WeakConcept {
  readonly concept: string;
  readonly topicId: string;
  readonly missed: number;
}

export interface PendingReview {
  readonly topicId: string;
  readonly startedAt: Date;
  readonly expiresAt: Date;
}

export interface ReviewStore {
  /** The learner's card for a topic, created (new, due at `at`) the first time they meet the topic. */
  meetTopic(user: UserRef, topicId: string, at: Date): Promise<void>;
  /** One transaction: the log row (deduplicated by key), the card's FSRS step, and a `review` ends the waiting question. */
  recordReview(input: ReviewInput): Promise<ReviewOutcome>;
  /** Cards due at `now`, most overdue first. */
  dueCards(user: UserKey, now: Date, limit: number): Promise<TopicCard[]>;
  /** When the learner's next card falls due (null without cards). */
  nextDue(user: UserKey): Promise<Date | null>;
  /** Every card of the learner, soonest due first. */
  cards(user: UserKey): Promise<TopicCard[]>;
  /** The concepts the learner's answers missed most, with their topics, most missed first. */
  weakConcepts(user: UserKey, limit: number): Promise<WeakConcept[]>;
  /** When the learner's graded answers were made, in [from, to). */
  activity(user: UserKey, from: Date, to: Date): Promise<Date[]>;
  /** Sets the learner's waiting review question, replacing any earlier one. */
  startReview(input: { user: UserRef; topicId: string; at: Date; expiresAt: Date }): Promise<void>;
  /** The learner's waiting review question, unless it expired before `now`. */
  pendingReview(user: UserKey, now: Date): Promise<PendingReview | null>;
  /** Turns the learner's daily reminder in a channel on or off. */
  setReminder(user: UserRef, channelId: number, enabled: boolean): Promise<void>;
  /** Learners opted in to reminders in the channel with a card due at `now` and no reminder yet on `day`. */
  remindersDue(channelId: number, now: Date, day: Day): Promise<UserRef[]>;
  /** True for exactly one caller per learner, channel and day: the one that sends that day's reminder. */
  claimReminder(channelId: number, user: UserKey, day: Day): Promise<boolean>;
  /**
   * For each topic, how many learners who have answered in the channel (a daily attempt there) have that
   * topic's card due at `now`.
   */
  dueLearnersByTopic(channelId: number, now: Date): Promise<Map<string, number>>;
}
