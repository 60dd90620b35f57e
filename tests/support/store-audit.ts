/**
 * Audits of a SQLite store's file, for tests and benchmarks (never production code): the period totals as
 * stored, and as recomputed from scratch by replaying every kept attempt through the domain rule that
 * `recordAttempt` applies. The two must always be equal.
 */
import Database from 'better-sqlite3';
import { periodKey } from '../../src/domain/calendar.js';
import { applyAttempt, type ChallengeResultState } from '../../src/domain/day-score.js';
import { EMPTY_STREAK, type StreakState } from '../../src/domain/streak.js';
import { PERIODS, type Day, type Period } from '../../src/domain/vocabulary.js';

/** One user's points for one period, as stored or as recomputed from the attempts. */
export interface PeriodTotalRow {
  readonly workspaceId: number;
  readonly userId: number;
  readonly kind: Period;
  readonly periodKey: string;
  readonly points: number;
}

/** A SQLite store (it names its file) or the file itself. */
type DatabaseSource = string | { readonly file: string };

function readDatabase<T>(source: DatabaseSource, read: (db: Database.Database) => T): T {
  const db = new Database(typeof source === 'string' ? source : source.file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Binary order, as SQLite's default collation sorts. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The period totals as stored, non-zero rows, in a stable order. */
export function storedPeriodTotals(source: DatabaseSource): PeriodTotalRow[] {
  return readDatabase(source, (db) =>
    (
      db
        .prepare(
          `SELECT workspace_id, user_id, kind, period_key, points FROM period_totals WHERE points <> 0
           ORDER BY workspace_id, user_id, kind, period_key`,
        )
        .all() as { workspace_id: number; user_id: number; kind: Period; period_key: string; points: number }[]
    ).map((r) => ({
      workspaceId: r.workspace_id,
      userId: r.user_id,
      kind: r.kind,
      periodKey: r.period_key,
      points: r.points,
    })),
  );
}

/** The period totals replayed from every kept attempt, in the order it was recorded: what must be stored. */
export function recomputePeriodTotalsFromAttempts(source: DatabaseSource): PeriodTotalRow[] {
  return readDatabase(source, (db) => {
    const streaks = new Map<number, StreakState>();
    const results = new Map<string, { workspaceId: number; userId: number; day: Day; state: ChallengeResultState }>();
    const rows = db
      .prepare(
        `SELECT a.challenge_id, a.user_id, a.score, a.passed, d.day, c.workspace_id
         FROM attempts a JOIN daily_challenges d ON d.id = a.challenge_id JOIN channels c ON c.id = d.channel_id
         ORDER BY a.id`,
      )
      .iterate() as IterableIterator<{
      challenge_id: number;
      user_id: number;
      score: number;
      passed: number;
      day: string;
      workspace_id: number;
    }>;
    for (const row of rows) {
      const key = `${row.challenge_id}:${row.user_id}`;
      const effect = applyAttempt({
        result: results.get(key)?.state ?? null,
        streak: streaks.get(row.user_id) ?? EMPTY_STREAK,
        day: row.day,
        score: row.score,
        passed: row.passed !== 0,
      });
      streaks.set(row.user_id, effect.advance.state);
      results.set(key, { workspaceId: row.workspace_id, userId: row.user_id, day: row.day, state: effect.result });
    }
    const totals = new Map<string, PeriodTotalRow>();
    for (const { workspaceId, userId, day, state } of results.values()) {
      for (const kind of PERIODS) {
        const keyOfPeriod = periodKey(kind, day);
        const id = `${workspaceId}\u0000${userId}\u0000${kind}\u0000${keyOfPeriod}`;
        const points = (totals.get(id)?.points ?? 0) + state.points;
        totals.set(id, { workspaceId, userId, kind, periodKey: keyOfPeriod, points });
      }
    }
    return [...totals.values()]
      .filter((t) => t.points !== 0)
      .sort(
        (a, b) =>
          a.workspaceId - b.workspaceId ||
          a.userId - b.userId ||
          compareText(a.kind, b.kind) ||
          compareText(a.periodKey, b.periodKey),
      );
  });
}
