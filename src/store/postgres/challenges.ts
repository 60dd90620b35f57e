/** Daily challenges on PostgreSQL: `UNIQUE(channel_id, day)` makes the claim happen once per channel-day. */
import { CHALLENGE_COLUMNS, toChallenge, type ChallengeRow } from '../logic/rows.js';
import type { ChallengeStore } from '../ports/challenges.js';
import type { PgContext } from './context.js';
import { challengeOnDay, challengeRow } from './rows.js';

export function pgChallenges(ctx: PgContext): ChallengeStore {
  const challenges = (text: string, values: readonly unknown[] = []) =>
    ctx.read(async (sql) => (await sql.rows<ChallengeRow>(text, values)).map(toChallenge));

  return {
    async claimDailyChallenge(input) {
      return ctx.write(async (sql) => {
        // A concurrent claim of the same channel-day waits for this one's commit, then inserts nothing.
        const inserted = await sql.run(
          `INSERT INTO daily_challenges (channel_id, day, topic_id, claimed_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (channel_id, day) DO NOTHING`,
          [input.channelId, input.day, input.topicId, input.at.getTime()],
        );
        return { challenge: (await challengeOnDay(sql, input.channelId, input.day))!, created: inserted === 1 };
      });
    },

    async markChallengePosted(challengeId, posted) {
      await ctx.write((sql) =>
        sql.run('UPDATE daily_challenges SET posted_at = $1, message_id = $2, thread_id = $3 WHERE id = $4', [
          posted.at.getTime(),
          posted.messageId,
          posted.threadId,
          challengeId,
        ]),
      );
    },

    async dailyChallenge(channelId, day) {
      return ctx.read((sql) => challengeOnDay(sql, channelId, day));
    },

    async challengeById(challengeId) {
      return ctx.read((sql) => challengeRow(sql, challengeId));
    },

    async challengeByThread(channelId, threadId) {
      const [challenge] = await challenges(
        `SELECT ${CHALLENGE_COLUMNS} FROM daily_challenges WHERE channel_id = $1 AND thread_id = $2 LIMIT 1`,
        [channelId, threadId],
      );
      return challenge ?? null;
    },

    async unpostedChallenges() {
      return challenges(
        `SELECT ${CHALLENGE_COLUMNS} FROM daily_challenges WHERE posted_at IS NULL AND closed_at IS NULL ORDER BY id`,
      );
    },

    async openChallenges() {
      return challenges(
        `SELECT ${CHALLENGE_COLUMNS} FROM daily_challenges WHERE posted_at IS NOT NULL AND closed_at IS NULL ORDER BY id`,
      );
    },

    async closeChallenge(challengeId, at) {
      return ctx.write(
        async (sql) =>
          (await sql.run('UPDATE daily_challenges SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL', [
            at.getTime(),
            challengeId,
          ])) === 1,
      );
    },

    async topicHistory(channelId, limit) {
      return ctx.read(async (sql) =>
        (
          await sql.rows<{ topic_id: string; day: string }>(
            'SELECT topic_id, day FROM daily_challenges WHERE channel_id = $1 ORDER BY day DESC LIMIT $2',
            [channelId, limit],
          )
        ).map((r) => ({ topicId: r.topic_id, day: r.day })),
      );
    },
  };
}
