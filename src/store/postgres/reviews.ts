/**
 * Spaced review on PostgreSQL: cards, the review log, waiting review questions and reminder opt-ins. A unit
 * of work that reads a learner's card then writes it holds the learner's lock, so two reviews of one card (on
 * two processes) apply one after the other as SQLite's single writer makes them; the log's unique dedupe key
 * makes a retried event review the card once.
 */
import { newCard, reviewCard } from '../../domain/review.js';
import {
  CARD_COLUMNS,
  cardValues,
  REMINDER_COLUMNS,
  REVIEW_LOG_COLUMNS,
  reviewLogValues,
  saveCardSql,
  toCard,
  toReminderUser,
  type CardRow,
  type ReminderRow,
} from '../logic/review-rows.js';
import type { ReviewOutcome, ReviewStore, TopicCard } from '../ports/reviews.js';
import type { UserKey, UserRef } from '../ports/users.js';
import type { PgContext, Sql } from './context.js';
import { learnerLock, requireWorkspace, upsertUser, userRow } from './rows.js';

const SAVE_CARD = saveCardSql((i) => `$${i + 1}`);

/** The learner's id, their row created if new, under their lock for the rest of the transaction. */
async function lockedUserId(sql: Sql, user: UserRef): Promise<number> {
  await sql.lock(learnerLock(user));
  const workspace = await requireWorkspace(sql, user.platform, user.workspaceExternalId);
  return upsertUser(sql, workspace.id, user.externalId, user.displayName);
}

async function cardOf(sql: Sql, userId: number, topicId: string): Promise<TopicCard | null> {
  const row = await sql.row<CardRow>(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE user_id = $1 AND topic_id = $2`, [
    userId,
    topicId,
  ]);
  return row ? toCard(row) : null;
}

export function pgReviews(ctx: PgContext): ReviewStore {
  /** A read for a learner never seen answers from nothing rather than an error. */
  function forUser<T>(user: UserKey, empty: T, read: (sql: Sql, userId: number) => Promise<T>): Promise<T> {
    return ctx.read(async (sql) => {
      const row = await userRow(sql, user);
      return row === null ? empty : read(sql, row.id);
    });
  }

  return {
    async meetTopic(user, topicId, at) {
      await ctx.write(async (sql) => {
        const userId = await lockedUserId(sql, user);
        if ((await cardOf(sql, userId, topicId)) === null) {
          await sql.run(SAVE_CARD, cardValues(userId, topicId, newCard(at), null, at));
        }
      });
    },

    async recordReview(input) {
      return ctx.write(async (sql): Promise<ReviewOutcome> => {
        const userId = await lockedUserId(sql, input.user);
        const before = await cardOf(sql, userId, input.topicId);
        const seen = await sql.row('SELECT 1 FROM review_log WHERE dedupe_key = $1', [input.dedupeKey]);
        if (seen) return { status: 'duplicate', card: before };
        const score = Math.round(input.score);
        await sql.run(
          `INSERT INTO review_log (${REVIEW_LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          reviewLogValues(userId, input, score),
        );
        const card = reviewCard(before, input.rating, input.at, input.retention);
        await sql.run(SAVE_CARD, cardValues(userId, input.topicId, card, score, before?.createdAt ?? input.at));
        if (input.kind === 'review') await sql.run('DELETE FROM review_sessions WHERE user_id = $1', [userId]);
        return { status: 'recorded', card: (await cardOf(sql, userId, input.topicId))! };
      });
    },

    async dueCards(user, now, limit) {
      return forUser(user, [], async (sql, userId) =>
        (
          await sql.rows<CardRow>(
            `SELECT ${CARD_COLUMNS} FROM review_cards WHERE user_id = $1 AND due <= $2
             ORDER BY due, topic_id COLLATE "C" LIMIT $3`,
            [userId, now.getTime(), limit],
          )
        ).map(toCard),
      );
    },

    async nextDue(user) {
      return forUser(user, null, async (sql, userId) => {
        const row = await sql.row<{ due: number | null }>(
          'SELECT MIN(due) AS due FROM review_cards WHERE user_id = $1',
          [userId],
        );
        return row === undefined || row.due === null ? null : new Date(row.due);
      });
    },

    async cards(user) {
      return forUser(user, [], async (sql, userId) =>
        (
          await sql.rows<CardRow>(
            `SELECT ${CARD_COLUMNS} FROM review_cards WHERE user_id = $1 ORDER BY due, topic_id COLLATE "C"`,
            [userId],
          )
        ).map(toCard),
      );
    },

    async weakConcepts(user, limit) {
      return forUser(user, [], async (sql, userId) =>
        (
          await sql.rows<{ concept: string; topic_id: string; missed: number }>(
            `SELECT j.value AS concept, l.topic_id, COUNT(*) AS missed
             FROM review_log l, json_array_elements_text(l.missed::json) AS j (value) WHERE l.user_id = $1
             GROUP BY j.value, l.topic_id ORDER BY COUNT(*) DESC, MAX(l.at) DESC, j.value COLLATE "C" LIMIT $2`,
            [userId, limit],
          )
        ).map((row) => ({ concept: row.concept, topicId: row.topic_id, missed: row.missed })),
      );
    },

    async activity(user, from, to) {
      return forUser(user, [], async (sql, userId) =>
        (
          await sql.rows<{ at: number }>(
            'SELECT at FROM review_log WHERE user_id = $1 AND at >= $2 AND at < $3 ORDER BY at',
            [userId, from.getTime(), to.getTime()],
          )
        ).map((row) => new Date(row.at)),
      );
    },

    async startReview(input) {
      await ctx.write(async (sql) => {
        const userId = await lockedUserId(sql, input.user);
        await sql.run(
          `INSERT INTO review_sessions (user_id, topic_id, started_at, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id) DO UPDATE SET topic_id = excluded.topic_id, started_at = excluded.started_at,
             expires_at = excluded.expires_at`,
          [userId, input.topicId, input.at.getTime(), input.expiresAt.getTime()],
        );
      });
    },

    async pendingReview(user, now) {
      return forUser(user, null, async (sql, userId) => {
        const row = await sql.row<{ topic_id: string; started_at: number; expires_at: number }>(
          'SELECT topic_id, started_at, expires_at FROM review_sessions WHERE user_id = $1 AND expires_at >= $2',
          [userId, now.getTime()],
        );
        return row
          ? { topicId: row.topic_id, startedAt: new Date(row.started_at), expiresAt: new Date(row.expires_at) }
          : null;
      });
    },

    async setReminder(user, channelId, enabled) {
      await ctx.write(async (sql) => {
        const userId = await lockedUserId(sql, user);
        await sql.run(
          `INSERT INTO review_reminders (user_id, channel_id, enabled) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, channel_id) DO UPDATE SET enabled = excluded.enabled`,
          [userId, channelId, Number(enabled)],
        );
      });
    },

    async remindersDue(channelId, now, day) {
      return ctx.read(async (sql) =>
        (
          await sql.rows<ReminderRow>(
            `SELECT ${REMINDER_COLUMNS}
             FROM review_reminders r JOIN users u ON u.id = r.user_id JOIN workspaces w ON w.id = u.workspace_id
             WHERE r.channel_id = $1 AND r.enabled = 1 AND (r.last_sent_day IS NULL OR r.last_sent_day <> $2)
               AND EXISTS (SELECT 1 FROM review_cards c WHERE c.user_id = r.user_id AND c.due <= $3)
             ORDER BY u.id`,
            [channelId, day, now.getTime()],
          )
        ).map(toReminderUser),
      );
    },

    async claimReminder(channelId, user, day) {
      // One conditional UPDATE: a second claimer waits on the row, then finds the day already taken.
      return ctx.write(async (sql) => {
        const row = await userRow(sql, user);
        if (row === null) return false;
        const claimed = await sql.run(
          `UPDATE review_reminders SET last_sent_day = $1
           WHERE user_id = $2 AND channel_id = $3 AND enabled = 1 AND (last_sent_day IS NULL OR last_sent_day <> $1)`,
          [day, row.id, channelId],
        );
        return claimed === 1;
      });
    },

    async dueLearnersByTopic(channelId, now) {
      return ctx.read(async (sql) => {
        const rows = await sql.rows<{ topic_id: string; learners: number }>(
          `SELECT c.topic_id, COUNT(*) AS learners FROM review_cards c
           WHERE c.due <= $1 AND c.user_id IN (
             SELECT DISTINCT a.user_id FROM attempts a JOIN daily_challenges d ON d.id = a.challenge_id
             WHERE d.channel_id = $2)
           GROUP BY c.topic_id`,
          [now.getTime(), channelId],
        );
        return new Map(rows.map((row) => [row.topic_id, row.learners]));
      });
    },
  };
}
