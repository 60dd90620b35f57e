/** Practice on SQLite: the waiting practice topic of each learner, and practice answers. */
import type { PracticeStore } from '../ports/practice.js';
import type { UserKey } from '../ports/users.js';
import type { SqliteContext } from './context.js';
import { requireWorkspace, upsertUser } from './rows.js';

const SESSION_KEY = 'platform = @platform AND workspace_external_id = @workspace AND user_external_id = @user';

const sessionKey = (user: UserKey) => ({
  platform: user.platform,
  workspace: user.workspaceExternalId,
  user: user.externalId,
});

export function sqlitePractice(ctx: SqliteContext): PracticeStore {
  return {
    async startPractice(input) {
      ctx.write(() => {
        ctx.sql('DELETE FROM practice_sessions WHERE expires_at < ?').run(input.at.getTime());
        ctx
          .sql(
            `INSERT INTO practice_sessions (platform, workspace_external_id, user_external_id, topic_id, started_at, expires_at)
             VALUES (@platform, @workspace, @user, @topic, @at, @expires)
             ON CONFLICT (platform, workspace_external_id, user_external_id) DO UPDATE SET topic_id = excluded.topic_id,
               started_at = excluded.started_at, expires_at = excluded.expires_at`,
          )
          .run({
            ...sessionKey(input.user),
            topic: input.topicId,
            at: input.at.getTime(),
            expires: input.expiresAt.getTime(),
          });
      });
    },

    async pendingPractice(user, now) {
      return ctx.guard(() => {
        const row = ctx
          .sql(
            `SELECT topic_id, started_at, expires_at FROM practice_sessions WHERE ${SESSION_KEY} AND expires_at >= @now`,
          )
          .get({ ...sessionKey(user), now: now.getTime() }) as
          { topic_id: string; started_at: number; expires_at: number } | undefined;
        return row
          ? { topicId: row.topic_id, startedAt: new Date(row.started_at), expiresAt: new Date(row.expires_at) }
          : null;
      });
    },

    async recordPractice(input) {
      return ctx.write(() => {
        const workspace = requireWorkspace(ctx, input.user.platform, input.user.workspaceExternalId);
        const userId = upsertUser(ctx, workspace.id, input.user.externalId, input.user.displayName);
        const info = ctx
          .sql('INSERT INTO practice_attempts (user_id, topic_id, text, score, passed, at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(userId, input.topicId, input.text, Math.round(input.score), Number(input.passed), input.at.getTime());
        ctx.sql(`DELETE FROM practice_sessions WHERE ${SESSION_KEY}`).run(sessionKey(input.user));
        return { attemptId: Number(info.lastInsertRowid) };
      });
    },
  };
}
