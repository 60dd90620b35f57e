/** Forgetting a learner, the health check and closing, on PostgreSQL. */
import { USER_TABLES } from '../logic/rules.js';
import { latestVersion } from '../logic/migration-files.js';
import type { MaintenanceStore } from '../ports/maintenance.js';
import type { PgContext } from './context.js';
import { pgSchemaVersion } from './migrations.js';
import { dropTeamIfEmpty, learnerLock, membership, teamsLock, userRow } from './rows.js';

export function pgMaintenance(ctx: PgContext, migrationsDir: string): MaintenanceStore {
  const { pool, logger } = ctx;
  let closed = false;

  /** A row written in a transaction then rolled back: what recording an answer needs of the server. */
  async function probeWritable(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await ctx.transaction(
        (sql) => sql.run("INSERT INTO processed_events (platform, event_id, at) VALUES ('health', 'write-probe', 0)"),
        { rollback: true },
      );
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: ctx.failed(error).message };
    }
  }

  return {
    /**
     * The rows go in one transaction; PostgreSQL keeps deleted row versions in the table files until VACUUM
     * reclaims them (autovacuum, or the operator's `VACUUM`), which the README's forget section says.
     */
    async forgetUser(platform, workspaceExternalId, userExternalId) {
      return ctx.write(async (sql) => {
        const key = { platform, workspaceExternalId, externalId: userExternalId };
        await sql.lock(learnerLock(key));
        let removed = await sql.run(
          'DELETE FROM practice_sessions WHERE platform = $1 AND workspace_external_id = $2 AND user_external_id = $3',
          [platform, workspaceExternalId, userExternalId],
        );
        const user = await userRow(sql, key);
        if (user === null) return removed;
        await sql.lock(teamsLock(user.workspaceId));
        const team = await membership(sql, user.id);
        const earnedFor = (
          await sql.rows<{ team_id: number }>('SELECT DISTINCT team_id FROM team_period_totals WHERE user_id = $1', [
            user.id,
          ])
        ).map((row) => row.team_id);
        for (const table of USER_TABLES) removed += await sql.run(`DELETE FROM ${table} WHERE user_id = $1`, [user.id]);
        for (const teamId of new Set([...earnedFor, ...(team ? [team.teamId] : [])])) {
          await dropTeamIfEmpty(sql, teamId);
        }
        removed += await sql.run('DELETE FROM users WHERE id = $1', [user.id]);
        logger.info({ platform, workspace: workspaceExternalId, rows: removed }, 'user forgotten');
        return removed;
      });
    },

    /** Reachable (a query answers), migrated (schema version), writable (a write rolled back). */
    async health() {
      const version = await ctx.read(() => pgSchemaVersion(pool));
      const latest = latestVersion(migrationsDir);
      const writable = await probeWritable();
      const problems = [
        version !== latest ? `schema version ${version}, latest ${latest}: run tutor migrate` : null,
        writable.ok ? null : `not writable: ${writable.detail}`,
      ].filter((p): p is string => p !== null);
      return {
        ok: problems.length === 0,
        schemaVersion: version,
        latestVersion: latest,
        writable: writable.ok,
        // No page-level check to run from a client: the server verifies its own pages (checksums when enabled).
        intact: true,
        ...(problems.length > 0 ? { detail: problems.join('; ') } : {}),
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
