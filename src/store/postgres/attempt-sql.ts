/**
 * The statements of a daily attempt on PostgreSQL, where each statement is a network round trip: everything the
 * attempt reads comes in one statement (after the learner's lock), and everything it writes goes in another
 * (data-modifying CTEs, executed together, foreign keys checked at the statement's end).
 */
import { periodKey } from '../../domain/calendar.js';
import type { AttemptEffect } from '../../domain/day-score.js';
import { RATINGS } from '../../domain/review.js';
import { EMPTY_STREAK, type StreakState } from '../../domain/streak.js';
import { PERIODS, type Day } from '../../domain/vocabulary.js';
import { CARD_COLUMNS, cardColumnValues, toCard, type CardRow } from '../logic/review-rows.js';
import { ATTEMPT_COLUMNS, attemptValues, type ResultRow } from '../logic/rows.js';
import type { AttemptInput } from '../ports/attempts.js';
import type { ReviewInput, TopicCard } from '../ports/reviews.js';

const CARD_NAMES = CARD_COLUMNS.split(',').map((column) => column.trim());

/** The learner's id in every statement of the write: known, or the row the write makes for a first answer. */
const LEARNER = '(SELECT id FROM learner)';

/**
 * The challenge and its channel's zone, the event key's earlier attempt, the learner (in the channel's
 * workspace) with their result for the challenge, streak, team and card for the topic, and the id the new attempt
 * will take. $1 event key (or null), $2 challenge id, $3 learner's external id, $4 topic of the review (or null).
 */
export const ATTEMPT_STATE = `
  SELECT d.id, d.day, d.closed_at, c.workspace_id, c.time_zone,
         (SELECT a.id FROM attempts a WHERE a.event_key = $1) AS seen_attempt_id,
         nextval(pg_get_serial_sequence('attempts', 'id')) AS next_attempt_id,
         u.id AS user_id, u.display_name,
         r.attempts, r.best_score, r.best_attempt_id, r.passed, r.streak, r.points,
         s.current, s.longest, s.freezes, s.last_counted_day,
         m.team_id,
         ${CARD_NAMES.map((name) => `k.${name}`).join(', ')}
  FROM daily_challenges d
  JOIN channels c ON c.id = d.channel_id
  LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.external_id = $3
  LEFT JOIN challenge_results r ON r.challenge_id = d.id AND r.user_id = u.id
  LEFT JOIN streaks s ON s.user_id = u.id
  LEFT JOIN team_members m ON m.user_id = u.id
  LEFT JOIN review_cards k ON k.user_id = u.id AND k.topic_id = $4
  WHERE d.id = $2`;

type Nullable<T> = { [K in keyof T]: T[K] | null };

export type AttemptStateRow = {
  id: number;
  day: Day;
  closed_at: number | null;
  workspace_id: number;
  time_zone: string;
  seen_attempt_id: number | null;
  next_attempt_id: number;
  user_id: number | null;
  display_name: string | null;
  team_id: number | null;
} & Nullable<ResultRow> &
  Nullable<{ current: number; longest: number; freezes: number; last_counted_day: string | null }> &
  Nullable<CardRow>;

export function resultOf(row: AttemptStateRow): ResultRow | undefined {
  const { attempts, best_score, best_attempt_id, passed, streak, points } = row;
  return attempts === null || best_score === null || best_attempt_id === null || passed === null
    ? undefined
    : { attempts, best_score, best_attempt_id, passed, streak: streak ?? 0, points: points ?? 0 };
}

export function streakOf(row: AttemptStateRow): StreakState {
  return row.current === null
    ? EMPTY_STREAK
    : {
        current: row.current,
        longest: row.longest ?? row.current,
        freezes: row.freezes ?? 0,
        lastCountedDay: row.last_counted_day,
      };
}

export function cardOf(row: AttemptStateRow): TopicCard | null {
  return row.created_at === null ? null : toCard(row as CardRow);
}

/**
 * The attempt row with its id, the day's result, the streak and its days, the period totals (the learner's and
 * their team's), a renamed learner's name, and the review's log row and card (the card only when the log row is
 * new: a key already logged reviews nothing). Answers the card as saved, when the review saved one.
 */
export const RECORD_ATTEMPT = `
  WITH new_learner AS (
    INSERT INTO users (workspace_id, external_id, display_name) SELECT $17, $48, $29 WHERE $3::bigint IS NULL
    ON CONFLICT (workspace_id, external_id) DO NOTHING RETURNING id
  ), learner AS (
    SELECT COALESCE($3::bigint, (SELECT id FROM new_learner)) AS id
  ), attempt AS (
    INSERT INTO attempts (id, ${ATTEMPT_COLUMNS})
    VALUES ($1, $2, ${LEARNER}, $4, $5, $6, $7, $8, $9, $10, $11)
  ), result AS (
    INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points)
    VALUES ($2, ${LEARNER}, $4, $12, $13, $14, $15, $16)
    ON CONFLICT (challenge_id, user_id) DO UPDATE SET attempts = excluded.attempts, best_score = excluded.best_score,
      best_attempt_id = excluded.best_attempt_id, passed = excluded.passed, streak = excluded.streak,
      points = excluded.points
  ), streak AS (
    INSERT INTO streaks (user_id, workspace_id, current, longest, freezes, last_counted_day)
    SELECT ${LEARNER}, $17, $18, $19, $20, $21 WHERE $22::boolean
    ON CONFLICT (user_id) DO UPDATE SET current = excluded.current, longest = excluded.longest,
      freezes = excluded.freezes, last_counted_day = excluded.last_counted_day
  ), streak_day AS (
    INSERT INTO streak_days (user_id, day, status) SELECT ${LEARNER}, d, s FROM unnest($23::text[], $24::text[]) AS x (d, s)
    ON CONFLICT DO NOTHING
  ), points AS (
    INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points)
    SELECT $17, ${LEARNER}, k, p, $27 FROM unnest($25::text[], $26::text[]) AS x (k, p)
    ON CONFLICT (user_id, workspace_id, kind, period_key) DO UPDATE SET points = period_totals.points + excluded.points
  ), team_points AS (
    INSERT INTO team_period_totals (workspace_id, team_id, user_id, kind, period_key, points)
    SELECT $17, $28::bigint, ${LEARNER}, k, p, $27 FROM unnest($25::text[], $26::text[]) AS x (k, p) WHERE $28::bigint IS NOT NULL
    ON CONFLICT (team_id, kind, period_key, user_id) DO UPDATE SET points = team_period_totals.points + excluded.points
  ), renamed AS (
    UPDATE users SET display_name = $29 WHERE id = $3::bigint AND display_name <> $29
  ), logged AS (
    INSERT INTO review_log (user_id, topic_id, kind, score, rating, missed, at, dedupe_key)
    SELECT ${LEARNER}, $30, $31, $6, $32, $33, $10, $34 WHERE $34::text IS NOT NULL
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING user_id
  ), card AS (
    INSERT INTO review_cards (user_id, ${CARD_COLUMNS})
    SELECT user_id, ${CARD_NAMES.map((_, i) => `$${35 + i}`).join(', ')} FROM logged
    ON CONFLICT (user_id, topic_id) DO UPDATE SET state = excluded.state, due = excluded.due,
      stability = excluded.stability, difficulty = excluded.difficulty, scheduled_days = excluded.scheduled_days,
      learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
      last_review = excluded.last_review, last_rating = excluded.last_rating, last_score = excluded.last_score
    RETURNING ${CARD_COLUMNS}
  )
  SELECT ${CARD_COLUMNS} FROM card`;

export interface AttemptWrite {
  readonly input: AttemptInput;
  readonly attemptId: number;
  /** Null for a learner's first answer: the write makes their row. */
  readonly userId: number | null;
  readonly workspaceId: number;
  readonly challengeId: number;
  readonly day: Day;
  readonly effect: AttemptEffect;
  /** The day's best attempt before this one (kept unless this one is the new best). */
  readonly previousBestId: number | null;
  /** The team credited with the points, when the learner is in one. */
  readonly teamId: number | null;
  /** The review to log with its card's next state (rating, score and instant are the attempt's). */
  readonly review: { readonly input: ReviewInput; readonly card: ReturnType<typeof cardColumnValues> } | null;
}

/** RECORD_ATTEMPT's parameters, in its numbering. */
export function recordAttemptValues(write: AttemptWrite): unknown[] {
  const { input, effect } = write;
  const { result, advance } = effect;
  const score = Math.round(input.score);
  const days = advance.counted
    ? [...advance.frozenDays.map((d) => [d, 'frozen'] as const), [write.day, 'passed'] as const]
    : [];
  const credited = effect.pointsDelta !== 0;
  const review = write.review;
  return [
    write.attemptId,
    ...attemptValues(write.challengeId, write.userId, result.attempts, input, score),
    result.bestScore,
    effect.isBest ? write.attemptId : write.previousBestId,
    Number(result.passed),
    result.streak,
    result.points,
    write.workspaceId,
    advance.state.current,
    advance.state.longest,
    advance.state.freezes,
    advance.state.lastCountedDay,
    advance.counted,
    days.map(([d]) => d),
    days.map(([, s]) => s),
    credited ? PERIODS : [],
    credited ? PERIODS.map((period) => periodKey(period, write.day)) : [],
    effect.pointsDelta,
    credited ? write.teamId : null,
    input.user.displayName,
    review?.input.topicId ?? null,
    review?.input.kind ?? null,
    review ? RATINGS[review.input.rating] : null,
    review ? JSON.stringify(review.input.missed) : null,
    review?.input.dedupeKey ?? null,
    ...(review ? review.card : CARD_NAMES.map(() => null)),
    input.user.externalId,
  ];
}
