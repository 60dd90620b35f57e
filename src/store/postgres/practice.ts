/** Practice on PostgreSQL: the waiting practice topic of each learner, and practice answers. */
import type { PracticeStore } from '../ports/practice.js';
import type { UserKey } from '../ports/users.js';
import type { PgContext } from './context.js';
import { learnerLock, requireWorkspace, upsertUser } from './rows.js';

const SESSION_KEY = 'platform = $1 AND workspace_external_id = $2 AND user_external_id = $3';
const sessionKey = (user: UserKey) => [user.platform, user.workspaceExternalId, user.externalId];

export function pgPractice(ctx: PgContext): PracticeStore {
  return {
    async startPractice(input) {
      await ctx.write(async (sql) => {
        await sql.run('DELETE FROM practice_sessions WHERE expires_at < $1', [input.at.getTime()]);
        await sql.run(
          `INSERT INTO practice_sessions (platform, workspace_external_id, user_external_id, topic_id, started_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (platform, workspace_external_id, user_external_id) DO UPDATE SET topic_id = excluded.topic_id,
             started_at = excluded.started_at, expires_at = excluded.expires_at`,
          [...sessionKey(input.user), input.topicId, input.at.getTime(), input.expiresAt.getTime()],
        );
      });
    },

    async pendingPractice(user, now) {
      return ctx.read(async (sql) => {
        const row = await sql.row<{ topic_id: string; started_at: number; expires_at: number }>(
          `SELECT topic_id, started_at, expires_at FROM practice_sessions WHERE ${SESSION_KEY} AND expires_at >= $4`,
          [...sessionKey(user), now.getTime()],
        );
        return row
          ? { topicId: row.topic_id, startedAt: new Date(row.started_at), expiresAt: new Date(row.expires_at) }
          : null;
      });
    },

    async recordPractice(input) {
      return ctx.write(async (sql) => {
        await sql.lock(learnerLock(input.user));
        const workspace = await requireWorkspace(sql, input.user.platform, input.user.workspaceExternalId);
        const userId = await upsertUser(sql, workspace.id, input.user.externalId, input.user.displayName);
        const row = await sql.row<{ id: number }>(
          'INSERT INTO practice_attempts (user_id, topic_id, text, score, passed, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [userId, input.topicId, input.text, Math.round(input.score), Number(input.passed), input.at.getTime()],
        );
        await sql.run(`DELETE FROM practice_sessions WHERE ${SESSION_KEY}`, sessionKey(input.user));
        return { attemptId: row!.id };
      });
    },
  };
}
