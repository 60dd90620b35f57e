/** Daily challenges on SQLite: `UNIQUE(channel_id, day)` makes the claim happen once per channel-day. */
import type { ChallengeStore } from '../ports/challenges.js';
import type { SqliteContext } from './context.js';
import { toChallenge, type ChallengeRow } from '../logic/rows.js';
import { challengeOnDay, challengeRow } from './rows.js';

export function sqliteChallenges(ctx: SqliteContext): ChallengeStore {
  const challenges = (sql: string, ...params: unknown[]) =>
    ctx.guard(() => (ctx.sql(sql).all(...params) as ChallengeRow[]).map(toChallenge));

  return {
    async claimDailyChallenge(input) {
      return ctx.write(() => {
        const inserted = ctx
          .sql(
            `INSERT INTO daily_challenges (channel_id, day, topic_id, claimed_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (channel_id, day) DO NOTHING`,
          )
          .run(input.channelId, input.day, input.topicId, input.at.getTime());
        return { challenge: challengeOnDay(ctx, input.channelId, input.day)!, created: inserted.changes === 1 };
      });
    },

    async markChallengePosted(challengeId, posted) {
      ctx.write(() => {
        ctx
          .sql('UPDATE daily_challenges SET posted_at = ?, message_id = ?, thread_id = ? WHERE id = ?')
          .run(posted.at.getTime(), posted.messageId, posted.threadId, challengeId);
      });
    },

    async dailyChallenge(channelId, day) {
      return ctx.guard(() => challengeOnDay(ctx, channelId, day));
    },

    async challengeById(challengeId) {
      return ctx.guard(() => challengeRow(ctx, challengeId));
    },

    async challengeByThread(channelId, threadId) {
      const [challenge] = challenges(
        'SELECT * FROM daily_challenges WHERE channel_id = ? AND thread_id = ? LIMIT 1',
        channelId,
        threadId,
      );
      return challenge ?? null;
    },

    async unpostedChallenges() {
      return challenges('SELECT * FROM daily_challenges WHERE posted_at IS NULL AND closed_at IS NULL ORDER BY id');
    },

    async openChallenges() {
      return challenges('SELECT * FROM daily_challenges WHERE posted_at IS NOT NULL AND closed_at IS NULL ORDER BY id');
    },

    async closeChallenge(challengeId, at) {
      return ctx.write(
        () =>
          ctx
            .sql('UPDATE daily_challenges SET closed_at = ? WHERE id = ? AND closed_at IS NULL')
            .run(at.getTime(), challengeId).changes === 1,
      );
    },

    async topicHistory(channelId, limit) {
      return ctx.guard(() =>
        (
          ctx
            .sql('SELECT topic_id, day FROM daily_challenges WHERE channel_id = ? ORDER BY day DESC LIMIT ?')
            .all(channelId, limit) as { topic_id: string; day: string }[]
        ).map((r) => ({ topicId: r.topic_id, day: r.day })),
      );
    },
  };
}
