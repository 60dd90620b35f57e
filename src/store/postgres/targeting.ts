/** Adaptive targeting on PostgreSQL: channel mode, a channel's failed topics, a learner's last passed topics. */
import { StoreError } from '../ports/errors.js';
import type { TargetingStore, TopicFailures } from '../ports/targeting.js';
import type { PgContext } from './context.js';
import { channelRow, userRow } from './rows.js';

export function pgTargeting(ctx: PgContext): TargetingStore {
  return {
    async setChannelMode(channelId, mode) {
      return ctx.write(async (sql) => {
        await sql.run('UPDATE channels SET mode = $1 WHERE id = $2', [mode, channelId]);
        const channel = await channelRow(sql, channelId);
        if (!channel) throw new StoreError('store-failed', `unknown channel ${channelId}`);
        return channel;
      });
    },

    async failedTopics(channelId, sinceDay) {
      return ctx.read(async (sql) => {
        // Each learner's latest result per topic: one who failed it and passed it since has caught up.
        const rows = await sql.rows<{ topic_id: string; learners: number; last_day: string }>(
          `SELECT topic_id, COUNT(*) AS learners, MAX(day) AS last_day FROM (
             SELECT d.topic_id, d.day, r.passed,
                    ROW_NUMBER() OVER (PARTITION BY d.topic_id, r.user_id ORDER BY d.day DESC) AS latest
             FROM daily_challenges d JOIN challenge_results r ON r.challenge_id = d.id
             WHERE d.channel_id = $1 AND d.day >= $2) AS results
           WHERE latest = 1 AND passed = 0
           GROUP BY topic_id ORDER BY learners DESC, last_day DESC, topic_id COLLATE "C"`,
          [channelId, sinceDay],
        );
        return rows.map((row): TopicFailures => ({
          topicId: row.topic_id,
          learners: row.learners,
          lastDay: row.last_day,
        }));
      });
    },

    async lastPassedTopics(user, limit) {
      return ctx.read(async (sql) => {
        const found = await userRow(sql, user);
        if (!found) return [];
        const rows = await sql.rows<{ topic_id: string }>(
          `SELECT topic_id, MAX(at) AS last FROM (
             SELECT d.topic_id, a.at FROM attempts a JOIN daily_challenges d ON d.id = a.challenge_id
             WHERE a.user_id = $1 AND a.passed = 1
             UNION ALL
             SELECT topic_id, at FROM practice_attempts WHERE user_id = $1 AND passed = 1) AS passes
           GROUP BY topic_id ORDER BY last DESC, topic_id COLLATE "C" LIMIT $2`,
          [found.id, limit],
        );
        return rows.map((row) => row.topic_id);
      });
    },
  };
}
