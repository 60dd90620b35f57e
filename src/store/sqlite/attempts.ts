/**
 * Daily answers on SQLite. Scoring and streak rules come from the domain (applyAttempt); this module only
 * reads and writes their state, in the attempt's one transaction.
 */
import { dayEnd, periodKey } from '../../domain/calendar.js';
import { applyAttempt } from '../../domain/day-score.js';
import type { StreakState } from '../../domain/streak.js';
import { PERIODS, type Day, type Platform } from '../../domain/vocabulary.js';
import { ATTEMPT_COLUMNS, attemptValues, toResult, type ResultRow } from '../logic/rows.js';
import { attemptReviewInput, recordedOutcome } from '../logic/rules.js';
import type { AttemptOutcome, AttemptStore } from '../ports/attempts.js';
import { StoreError } from '../ports/errors.js';
import type { SqliteContext } from './context.js';
import { reviewInTransaction } from './reviews.js';
import { membership, streakState, upsertUser } from './rows.js';

export function sqliteAttempts(ctx: SqliteContext): AttemptStore {
  function saveStreak(workspaceId: number, userId: number, day: Day, state: StreakState, frozenDays: readonly Day[]) {
    ctx
      .sql(
        `INSERT INTO streaks (user_id, workspace_id, current, longest, freezes, last_counted_day) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET current = excluded.current, longest = excluded.longest,
           freezes = excluded.freezes, last_counted_day = excluded.last_counted_day`,
      )
      .run(userId, workspaceId, state.current, state.longest, state.freezes, state.lastCountedDay);
    const addDay = ctx.sql('INSERT OR IGNORE INTO streak_days (user_id, day, status) VALUES (?, ?, ?)');
    for (const frozen of frozenDays) addDay.run(userId, frozen, 'frozen');
    addDay.run(userId, day, 'passed');
  }

  function addPoints(workspaceId: number, userId: number, day: Day, delta: number) {
    const add = ctx.sql(
      `INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, workspace_id, kind, period_key) DO UPDATE SET points = points + excluded.points`,
    );
    for (const period of PERIODS) add.run(workspaceId, userId, period, periodKey(period, day), delta);
  }

  function addTeamPoints(workspaceId: number, teamId: number, userId: number, day: Day, delta: number) {
    const add = ctx.sql(
      `INSERT INTO team_period_totals (workspace_id, team_id, user_id, kind, period_key, points) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (team_id, kind, period_key, user_id) DO UPDATE SET points = points + excluded.points`,
    );
    for (const period of PERIODS) add.run(workspaceId, teamId, userId, period, periodKey(period, day), delta);
  }

  return {
    async recordAttempt(input) {
      return ctx.write((): AttemptOutcome => {
        if (input.eventKey !== undefined) {
          const seen = ctx.sql('SELECT id FROM attempts WHERE event_key = ?').get(input.eventKey) as
            { id: number } | undefined;
          if (seen) return { status: 'duplicate', attemptId: seen.id };
        }
        const challenge = ctx
          .sql(
            `SELECT d.id, d.day, d.closed_at, c.workspace_id, c.time_zone
             FROM daily_challenges d JOIN channels c ON c.id = d.channel_id WHERE d.id = ?`,
          )
          .get(input.challengeId) as
          { id: number; day: string; closed_at: number | null; workspace_id: number; time_zone: string } | undefined;
        if (!challenge) throw new StoreError('store-failed', `unknown challenge ${input.challengeId}`);
        // Closed by the scheduler, or past the end of its day even if the close has not run yet.
        if (
          challenge.closed_at !== null ||
          input.at.getTime() >= dayEnd(challenge.day, challenge.time_zone).getTime()
        ) {
          return { status: 'closed' };
        }

        const userId = upsertUser(ctx, challenge.workspace_id, input.user.externalId, input.user.displayName);
        const before = ctx
          .sql(
            'SELECT attempts, best_score, best_attempt_id, passed, streak, points FROM challenge_results WHERE challenge_id = ? AND user_id = ?',
          )
          .get(challenge.id, userId) as ResultRow | undefined;
        if (before && before.attempts >= input.maxAttempts) {
          return { status: 'attempt-cap', attemptsUsed: before.attempts };
        }

        const score = Math.round(input.score);
        const effect = applyAttempt({
          result: toResult(before),
          streak: streakState(ctx, userId),
          day: challenge.day,
          score,
          passed: input.passed,
        });

        const attemptId = Number(
          ctx
            .sql(`INSERT INTO attempts (${ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(...attemptValues(challenge.id, userId, effect.result.attempts, input, score)).lastInsertRowid,
        );
        const result = effect.result;
        ctx
          .sql(
            `INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (challenge_id, user_id) DO UPDATE SET attempts = excluded.attempts, best_score = excluded.best_score,
               best_attempt_id = excluded.best_attempt_id, passed = excluded.passed, streak = excluded.streak,
               points = excluded.points`,
          )
          .run(
            challenge.id,
            userId,
            result.attempts,
            result.bestScore,
            effect.isBest ? attemptId : before!.best_attempt_id,
            Number(result.passed),
            result.streak,
            result.points,
          );

        const { advance } = effect;
        if (advance.counted) {
          saveStreak(challenge.workspace_id, userId, challenge.day, advance.state, advance.frozenDays);
        }
        if (effect.pointsDelta !== 0) {
          addPoints(challenge.workspace_id, userId, challenge.day, effect.pointsDelta);
          // The team the learner is in now, as the points are earned, keeps them whatever happens later.
          const team = membership(ctx, userId);
          if (team) addTeamPoints(challenge.workspace_id, team.teamId, userId, challenge.day, effect.pointsDelta);
        }

        const reviewed = input.review
          ? reviewInTransaction(ctx, userId, attemptReviewInput(input, input.review, attemptId))
          : null;
        return recordedOutcome(effect, attemptId, input.maxAttempts, reviewed?.card ?? null);
      });
    },

    async dayResults(challengeId) {
      return ctx.guard(() =>
        (
          ctx
            .sql(
              `SELECT u.external_id, u.display_name, r.best_score, r.passed, r.attempts
               FROM challenge_results r JOIN users u ON u.id = r.user_id
               WHERE r.challenge_id = ? ORDER BY r.best_score DESC, u.display_name, u.id`,
            )
            .all(challengeId) as {
            external_id: string;
            display_name: string;
            best_score: number;
            passed: number;
            attempts: number;
          }[]
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
      return ctx.guard(() => {
        const row = ctx
          .sql(
            `SELECT a.id, u.external_id AS user_external_id, w.external_id AS workspace_external_id, w.platform,
                    a.score, a.feedback
             FROM attempts a JOIN users u ON u.id = a.user_id JOIN workspaces w ON w.id = u.workspace_id WHERE a.id = ?`,
          )
          .get(attemptId) as
          | {
              id: number;
              user_external_id: string;
              workspace_external_id: string;
              platform: Platform;
              score: number;
              feedback: string;
            }
          | undefined;
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
