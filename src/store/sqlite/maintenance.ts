/** Forgetting a learner, the health check and closing, on SQLite. */
import type { Platform } from '../../domain/vocabulary.js';
import type { MaintenanceStore } from '../ports/maintenance.js';
import type { SqliteContext } from './context.js';
import { toStoreError } from './connection.js';
import { latestVersion, schemaVersion } from './migrations.js';
import { dropTeamIfEmpty, membership, userRow } from './rows.js';

/** How long a passed integrity check (health) stands before the file is read through again. */
export const INTEGRITY_RECHECK_MS = 5 * 60_000;

/** The tables holding a learner's rows, children before parents: results point at attempts. */
const USER_TABLES = [
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

export function sqliteMaintenance(ctx: SqliteContext, migrationsDir: string): MaintenanceStore {
  const { db, logger } = ctx;
  /** When `PRAGMA quick_check` last found the file intact (performance.now()). */
  let intactSince = -Infinity;

  function deleteUser(platform: Platform, workspaceExternalId: string, userExternalId: string): number {
    return ctx.write(() => {
      const key = { platform, workspace: workspaceExternalId, user: userExternalId };
      let removed = ctx
        .sql(
          'DELETE FROM practice_sessions WHERE platform = @platform AND workspace_external_id = @workspace AND user_external_id = @user',
        )
        .run(key).changes;
      const user = userRow(ctx, { platform, workspaceExternalId, externalId: userExternalId });
      if (user === null) return removed;
      const team = membership(ctx, user.id);
      const earnedFor = (
        ctx.sql('SELECT DISTINCT team_id FROM team_period_totals WHERE user_id = ?').all(user.id) as {
          team_id: number;
        }[]
      ).map((row) => row.team_id);
      for (const table of USER_TABLES)
        removed += ctx.sql(`DELETE FROM ${table} WHERE user_id = ?`).run(user.id).changes;
      for (const teamId of new Set([...earnedFor, ...(team ? [team.teamId] : [])])) dropTeamIfEmpty(ctx, teamId);
      removed += ctx.sql('DELETE FROM users WHERE id = ?').run(user.id).changes;
      logger.info({ platform, workspace: workspaceExternalId, rows: removed }, 'user forgotten');
      return removed;
    });
  }

  /** Copies the WAL into the file and empties it; a reader in the way is logged (its copies stay until the next). */
  function truncateWal(): void {
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') return;
    const [result] = ctx.guard(() => db.pragma('wal_checkpoint(TRUNCATE)')) as { busy: number }[];
    if (result?.busy !== 0) {
      logger.warn(
        'user forgotten, but another connection kept the WAL from being emptied: deleted rows stay in it until the next checkpoint',
      );
    }
  }

  /**
   * What `PRAGMA quick_check` finds wrong (its first lines), or `null` when the file is intact. It reads every
   * page (some 200 ms per 100 MB, on the thread that answers), so a file found intact is checked again only
   * after `INTEGRITY_RECHECK_MS` (monotonic time: this is a cost bound, not a date rule); a damaged one every time.
   */
  function quickCheck(): string | null {
    if (performance.now() - intactSince < INTEGRITY_RECHECK_MS) return null;
    try {
      const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
      const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
      if (problems.length > 0) return problems.join('; ');
      intactSince = performance.now();
      return null;
    } catch (error) {
      return toStoreError(error).message;
    }
  }

  /**
   * Writes a row in a transaction and rolls it back: taking the lock alone succeeds on a file SQLite opened
   * read-only behind our back (a read-only file opened for writing falls back to reading), the write does not.
   */
  function probeWritable(): { ok: boolean; detail?: string } {
    if (db.readonly) return { ok: false, detail: 'opened read-only' };
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        ctx.sql("INSERT INTO processed_events (platform, event_id, at) VALUES ('health', 'write-probe', 0)").run();
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: toStoreError(error).message };
    }
  }

  return {
    /**
     * Deleting a row leaves its bytes in the freed space of the file and in older WAL frames. So the deletion
     * runs with `secure_delete` on (SQLite overwrites what it deletes with zeros), and a TRUNCATE checkpoint then
     * copies the zeroed pages into the file and empties the WAL (it waits up to the busy timeout for readers).
     * No VACUUM: it would rewrite the whole file, and the whole file again into the WAL.
     */
    async forgetUser(platform, workspaceExternalId, userExternalId) {
      const previous = db.pragma('secure_delete', { simple: true }) as number;
      db.pragma('secure_delete = ON');
      try {
        const removed = deleteUser(platform, workspaceExternalId, userExternalId);
        if (removed > 0) truncateWal();
        return removed;
      } finally {
        db.pragma(`secure_delete = ${previous}`);
      }
    },

    async health() {
      return ctx.guard(() => {
        const version = schemaVersion(db);
        const latest = latestVersion(migrationsDir);
        const integrity = quickCheck();
        const writable = probeWritable();
        const problems = [
          version !== latest ? `schema version ${version}, latest ${latest}: run tutor migrate` : null,
          integrity === null ? null : `damaged (PRAGMA quick_check): ${integrity}`,
          writable.ok ? null : `not writable: ${writable.detail}`,
        ].filter((p): p is string => p !== null);
        return {
          ok: problems.length === 0,
          schemaVersion: version,
          latestVersion: latest,
          writable: writable.ok,
          intact: integrity === null,
          ...(problems.length > 0 ? { detail: problems.join('; ') } : {}),
        };
      });
    },

    async close() {
      // The checkpointer's connection first, so that the main one is the last to close and removes the WAL.
      await ctx.checkpointer?.close();
      if (db.open) db.close();
    },
  };
}
