/**
 * Review rows and their mapping, written once for both backends: a card row to a TopicCard and back (the
 * upsert that saves it, with the dialect's placeholders), and a reminder row to the learner it names.
 */
import { CARD_PHASES, RATINGS, type ReviewCard, type ReviewRating } from '../../domain/review.js';
import type { Platform } from '../../domain/vocabulary.js';
import type { ReviewInput, TopicCard } from '../ports/reviews.js';
import type { UserRef } from '../ports/users.js';

export interface CardRow {
  topic_id: string;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  last_rating: number | null;
  last_score: number | null;
  created_at: number;
}

const RATING_NAMES = Object.keys(RATINGS) as ReviewRating[];
const ratingName = (value: number | null): ReviewRating | null =>
  RATING_NAMES.find((name) => RATINGS[name] === value) ?? null;

export const CARD_COLUMNS = `topic_id, state, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses,
  last_review, last_rating, last_score, created_at`;

export function toCard(row: CardRow): TopicCard {
  return {
    topicId: row.topic_id,
    phase: CARD_PHASES[row.state] ?? 'new',
    due: new Date(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    lastReview: row.last_review === null ? null : new Date(row.last_review),
    lastRating: ratingName(row.last_rating),
    lastScore: row.last_score,
    createdAt: new Date(row.created_at),
  };
}

/** The values of CARD_COLUMNS, in their order. */
export function cardColumnValues(
  topicId: string,
  card: ReviewCard,
  lastScore: number | null,
  createdAt: Date,
): (string | number | null)[] {
  return [
    topicId,
    CARD_PHASES.indexOf(card.phase),
    card.due.getTime(),
    card.stability,
    card.difficulty,
    card.scheduledDays,
    card.learningSteps,
    card.reps,
    card.lapses,
    card.lastReview?.getTime() ?? null,
    card.lastRating === null ? null : RATINGS[card.lastRating],
    lastScore,
    createdAt.getTime(),
  ];
}

/** The values `saveCardSql` inserts, in its column order: `user_id`, then CARD_COLUMNS. */
export function cardValues(
  userId: number,
  topicId: string,
  card: ReviewCard,
  lastScore: number | null,
  createdAt: Date,
): (string | number | null)[] {
  return [userId, ...cardColumnValues(topicId, card, lastScore, createdAt)];
}

const CARD_VALUE_COUNT = 14;

/** The card upsert (a card keeps its creation time), valid in both dialects given their placeholders. */
export function saveCardSql(placeholder: (index: number) => string): string {
  const values = Array.from({ length: CARD_VALUE_COUNT }, (_, i) => placeholder(i)).join(', ');
  return `INSERT INTO review_cards (user_id, ${CARD_COLUMNS}) VALUES (${values})
  ON CONFLICT (user_id, topic_id) DO UPDATE SET state = excluded.state, due = excluded.due,
    stability = excluded.stability, difficulty = excluded.difficulty, scheduled_days = excluded.scheduled_days,
    learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
    last_review = excluded.last_review, last_rating = excluded.last_rating, last_score = excluded.last_score`;
}

export interface ReminderRow {
  platform: Platform;
  workspace: string;
  user: string;
  display_name: string;
}

/** Selects a ReminderRow from `review_reminders r` joined to `users u` and `workspaces w`. */
export const REMINDER_COLUMNS = 'w.platform, w.external_id AS workspace, u.external_id AS user, u.display_name';

export function toReminderUser(row: ReminderRow): UserRef {
  return {
    platform: row.platform,
    workspaceExternalId: row.workspace,
    externalId: row.user,
    displayName: row.display_name,
  };
}

/** The review log's row, both backends: its values in the order of `REVIEW_LOG_COLUMNS`. */
export const REVIEW_LOG_COLUMNS = 'user_id, topic_id, kind, score, rating, missed, at, dedupe_key';

export function reviewLogValues(userId: number, input: ReviewInput, score: number): (string | number)[] {
  return [
    userId,
    input.topicId,
    input.kind,
    score,
    RATINGS[input.rating],
    JSON.stringify(input.missed),
    input.at.getTime(),
    input.dedupeKey,
  ];
}
