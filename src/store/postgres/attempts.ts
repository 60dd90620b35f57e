/**
 * Daily answers on PostgreSQL. Scoring and streak rules come from the domain (applyAttempt); this module only
 * reads and writes their state, in the attempt's one transaction, holding the learner's lock so two answers of
 * one learner (on two processes) apply one after the other, as SQLite's single writer makes them.
 */
import { dayEnd, periodKey } from '../../domain/calendar.js';
import { applyAttempt } from '../../domain/day-score.js';
import type { StreakState } from '../../domain/streak.js';
import { PERIODS, type Day, type Platform } from '../../domain/vocabulary.js';
import { toResult, type ResultRow } from '../logic/rows.js';
import { recordedOutcome } from '../logic/rules.js';
import type { AttemptOutcome, AttemptStore } from '../ports/attempts.js';
import { StoreError } from '../ports/errors.js';
import type { PgContext, Sql } from './context.js';
import { learnerLock, membership, streakState, teamsLock, upsertUser } from './rows.js';

async function saveStreak(
  sql: Sql,
  workspaceId: number,
  userId: number,
  day: Day,
  state: StreakState,
  frozenDays: readonly Day[],
) {
  await sql.run(
    `INSERT INTO streaks (user_id, workspace_id, current, longest, freezes, last_counted_day) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id) DO UPDATE SET current = excluded.current, longest = excluded.longest,
       freezes = excluded.freezes, last_counted_day = excluded.last_counted_day`,
    [userId, workspaceId, state.current, state.longest, state.freezes, state.lastCountedDay],
  );
  const days = [...frozenDays.map((d) => [d, 'frozen'] as const), [day, 'passed'] as const];
  await sql.run(
    `INSERT INTO streak_days (user_id, day, status) SELECT $1, d, s FROM unnest($2::text[], $3::text[]) AS x (d, s)
     ON CONFLICT DO NOTHING`,
    [userId, days.map(([d]) => d), days.map(([, s]) => s)],
  );
}

async function addPoints(sql: Sql, workspaceId: number, userId: number, day: Day, delta: number) {
  await sql.run(
    `INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points)
     SELECT $1, $2, k, p, $5 FROM unnest($3::text[], $4::text[]) AS x (k, p)
     ON CONFLICT (user_id, workspace_id, kind, period_key) DO UPDATE SET points = period_totals.points + excluded.points`,
    [workspaceId, userId, PERIODS, PERIODS.map((period) => periodKey(period, day)), delta],
  );
}

async function addTeamPoints(sql: Sql, workspaceId: number, teamId: number, userId: number, day: Day, delta: number) {
  await sql.run(
    `INSERT INTO team_period_totals (workspace_id, team_id, user_id, kind, period_key, points)
     SELECT $1, $2, $3, k, p, $6 FROM unnest($4::text[], $5::text[]) AS x (k, p)
     ON CONFLICT (team_id, kind, period_key, user_id) DO UPDATE SET points = team_period_totals.points + excluded.points`,
    [workspaceId, teamId, userId, PERIODS, PERIODS.map((period) => periodKey(period, day)), delta],
  );
}

export function pgAttempts(ctx: PgContext): AttemptStore {
  return {
    async recordAttempt(input) {
      return ctx.write(async (sql): Promise<AttemptOutcome> => {
        await sql.lock(learnerLock(input.user));
        if (input.eventKey !== undefined) {
          const seen = await sql.row<{ id: number }>('SELECT id FROM attempts WHERE event_key = $1', [input.eventKey]);
          if (seen) return { status: 'duplicate', attemptId: seen.id };
        }
        const challenge = await sql.row<{
          id: number;
          day: string;
          closed_at: number | null;
          workspace_id: number;
          time_zone: string;
        }>(
          `SELECT d.id, d.day, d.closed_at, c.workspace_id, c.time_zone
           FROM daily_challenges d JOIN channels c ON c.id = d.channel_id WHERE d.id = $1`,
          [input.challengeId],
        );
        if (!challenge) throw new StoreError('store-failed', `unknown challenge ${input.challengeId}`);
        // Closed by the scheduler, or past the end of its day even if the close has not run yet.
        if (
          challenge.closed_at !== null ||
          input.at.getTime() >= dayEnd(challenge.day, challenge.time_zone).getTime()
        ) {
          return { status: 'closed' };
        }

        const userId = await upsertUser(sql, challenge.workspace_id, input.user.externalId, input.user.displayName);
        const before = await sql.row<ResultRow>(
          'SELECT attempts, best_score, best_attempt_id, passed, streak, points FROM challenge_results WHERE challenge_id = $1 AND user_id = $2',
          [challenge.id, userId],
        );
        if (before && before.attempts >= input.maxAttempts) {
          return { status: 'attempt-cap', attemptsUsed: before.attempts };
        }

        const score = Math.round(input.score);
        const effect = applyAttempt({
          result: toResult(before),
          streak: await streakState(sql, userId),
          day: challenge.day,
          score,
          passed: input.passed,
        });

        const inserted = await sql.row<{ id: number }>(
          `INSERT INTO attempts (challenge_id, user_id, attempt_number, text, score, passed, concepts, feedback, at, event_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            challenge.id,
            userId,
            effect.result.attempts,
            input.text,
            score,
            Number(input.passed),
            JSON.stringify(input.concepts),
            input.feedback,
            input.at.getTime(),
            input.eventKey ?? null,
          ],
        );
        const attemptId = inserted!.id;
        const result = effect.result;
        await sql.run(
          `INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (challenge_id, user_id) DO UPDATE SET attempts = excluded.attempts, best_score = excluded.best_score,
             best_attempt_id = excluded.best_attempt_id, passed = excluded.passed, streak = excluded.streak,
             points = excluded.points`,
          [
            challenge.id,
            userId,
            result.attempts,
            result.bestScore,
            effect.isBest ? attemptId : before!.best_attempt_id,
            Number(result.passed),
            result.streak,
            result.points,
          ],
        );

        const { advance } = effect;
        if (advance.counted) {
          await saveStreak(sql, challenge.workspace_id, userId, challenge.day, advance.state, advance.frozenDays);
        }
        if (effect.pointsDelta !== 0) {
          await addPoints(sql, challenge.workspace_id, userId, challenge.day, effect.pointsDelta);
          // The team the learner is in now, as the points are earned, keeps them whatever happens later.
          const team = await membership(sql, userId);
          if (team) {
            await sql.lock(teamsLock(challenge.workspace_id));
            await addTeamPoints(sql, challenge.workspace_id, team.teamId, userId, challenge.day, effect.pointsDelta);
          }
        }

        return recordedOutcome(effect, attemptId, input.maxAttempts);
      });
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
