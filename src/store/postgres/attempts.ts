/**
 * Daily answers on PostgreSQL. Scoring and streak rules come from the domain (applyAttempt), the review's FSRS step
 * from the domain too (reviewCard); this module only reads and writes their state, in the attempt's one transaction,
 * holding the learner's lock so two answers of one learner (on two processes) apply one after the other, as
 * SQLite's single writer makes them. Each statement is a network round trip, so the attempt reads its state in one
 * statement and writes in one (`attempt-sql.ts`): BEGIN with the lock, the read, the write, COMMIT.
 */
import { dayEnd } from '../../domain/calendar.js';
import { applyAttempt } from '../../domain/day-score.js';
import { reviewCard } from '../../domain/review.js';
import type { Platform } from '../../domain/vocabulary.js';
import { cardColumnValues, toCard, type CardRow } from '../logic/review-rows.js';
import { toResult } from '../logic/rows.js';
import { attemptReviewInput, recordedOutcome } from '../logic/rules.js';
import type { AttemptInput, AttemptOutcome, AttemptStore } from '../ports/attempts.js';
import { StoreError } from '../ports/errors.js';
import {
  ATTEMPT_STATE,
  cardOf,
  RECORD_ATTEMPT,
  recordAttemptValues,
  resultOf,
  streakOf,
  type AttemptStateRow,
} from './attempt-sql.js';
import type { PgContext, Sql } from './context.js';
import { learnerLock, teamsLock } from './rows.js';

async function recordAttemptLocked(sql: Sql, input: AttemptInput): Promise<AttemptOutcome> {
  const state = await sql.row<AttemptStateRow>(ATTEMPT_STATE, [
    input.eventKey ?? null,
    input.challengeId,
    input.user.externalId,
    input.review?.topicId ?? null,
  ]);
  if (!state) throw new StoreError('store-failed', `unknown challenge ${input.challengeId}`);
  if (state.seen_attempt_id !== null) return { status: 'duplicate', attemptId: state.seen_attempt_id };
  // Closed by the scheduler, or past the end of its day even if the close has not run yet.
  if (state.closed_at !== null || input.at.getTime() >= dayEnd(state.day, state.time_zone).getTime()) {
    return { status: 'closed' };
  }
  const before = resultOf(state);
  if (before && before.attempts >= input.maxAttempts) {
    return { status: 'attempt-cap', attemptsUsed: before.attempts };
  }

  const effect = applyAttempt({
    result: toResult(before),
    streak: streakOf(state),
    day: state.day,
    score: Math.round(input.score),
    passed: input.passed,
  });
  const attemptId = state.next_attempt_id;
  const cardBefore = cardOf(state);
  const reviewInput = input.review ? attemptReviewInput(input, input.review, attemptId) : null;
  const review = reviewInput && {
    input: reviewInput,
    card: cardColumnValues(
      reviewInput.topicId,
      reviewCard(cardBefore, reviewInput.rating, reviewInput.at, reviewInput.retention),
      Math.round(reviewInput.score),
      cardBefore?.createdAt ?? reviewInput.at,
    ),
  };
  // The team the learner is in now, as the points are earned, keeps them whatever happens later.
  const teamId = effect.pointsDelta !== 0 ? state.team_id : null;
  if (teamId !== null) await sql.lock(teamsLock(state.workspace_id));
  const saved = await sql.row<CardRow>(
    RECORD_ATTEMPT,
    recordAttemptValues({
      input,
      attemptId,
      // A learner's first answer: the write makes their row (renaming is part of the write too).
      userId: state.user_id,
      workspaceId: state.workspace_id,
      challengeId: state.id,
      day: state.day,
      effect,
      previousBestId: before?.best_attempt_id ?? null,
      teamId,
      review,
    }),
  );
  // A review key logged before (a reused id) reviews nothing: the card stays as it was.
  const card = saved ? toCard(saved) : review ? cardBefore : null;
  return recordedOutcome(effect, attemptId, input.maxAttempts, card);
}

export function pgAttempts(ctx: PgContext): AttemptStore {
  return {
    async recordAttempt(input) {
      return ctx.write((sql) => recordAttemptLocked(sql, input), { lock: learnerLock(input.user) });
    },

    async dayResults(challengeId) {
      return ctx.read(async (sql) =>
        (
          await sql.rows<{
            external_id: string;
            display_name: string;
            best_score: number;
            passed: number;
            attempts: number;
          }>(
            `SELECT u.external_id, u.display_name, r.best_score, r.passed, r.attempts
             FROM challenge_results r JOIN users u ON u.id = r.user_id
             WHERE r.challenge_id = $1 ORDER BY r.best_score DESC, u.display_name, u.id`,
            [challengeId],
          )
        ).map((r) => ({
          userExternalId: r.external_id,
          displayName: r.display_name,
          bestScore: r.best_score,
          passed: r.passed !== 0,
          attempts: r.attempts,
        })),
      );
    },

    async attempt(attemptId) {
      return ctx.read(async (sql) => {
        const row = await sql.row<{
          id: number;
          user_external_id: string;
          workspace_external_id: string;
          platform: Platform;
          score: number;
          feedback: string;
        }>(
          `SELECT a.id, u.external_id AS user_external_id, w.external_id AS workspace_external_id, w.platform,
                  a.score, a.feedback
           FROM attempts a JOIN users u ON u.id = a.user_id JOIN workspaces w ON w.id = u.workspace_id WHERE a.id = $1`,
          [attemptId],
        );
        return row
          ? {
              id: row.id,
              userExternalId: row.user_external_id,
              workspaceExternalId: row.workspace_external_id,
              platform: row.platform,
              score: row.score,
              feedback: row.feedback,
            }
          : null;
      });
    },
  };
}
