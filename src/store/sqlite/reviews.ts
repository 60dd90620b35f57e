/** Spaced review on SQLite: cards, the review log, waiting review questions and reminder opt-ins. */
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
import type { ReviewInput, ReviewOutcome, ReviewStore, TopicCard } from '../ports/reviews.js';
import type { UserKey, UserRef } from '../ports/users.js';
import type { SqliteContext } from './context.js';
import { requireWorkspace, upsertUser, userRow } from './rows.js';

const SAVE_CARD = saveCardSql(() => '?');

function cardOf(ctx: SqliteContext, userId: number, topicId: string): TopicCard | null {
  const row = ctx
    .sql(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE user_id = ? AND topic_id = ?`)
    .get(userId, topicId) as CardRow | undefined;
  return row ? toCard(row) : null;
}

/**
 * A review of the learner's card, inside the caller's write transaction: the log row (deduplicated by key), the
 * card's FSRS step, and a `review` ends the waiting question. Shared by `recordReview` and a daily attempt.
 */
export function reviewInTransaction(ctx: SqliteContext, userId: number, input: ReviewInput): ReviewOutcome {
  const before = cardOf(ctx, userId, input.topicId);
  const seen = ctx.sql('SELECT 1 FROM review_log WHERE dedupe_key = ?').get(input.dedupeKey);
  if (seen) return { status: 'duplicate' as const, card: before };
  const score = Math.round(input.score);
  ctx
    .sql(`INSERT INTO review_log (${REVIEW_LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(...reviewLogValues(userId, input, score));
  const card = reviewCard(before, input.rating, input.at, input.retention);
  ctx.sql(SAVE_CARD).run(cardValues(userId, input.topicId, card, score, before?.createdAt ?? input.at));
  if (input.kind === 'review') ctx.sql('DELETE FROM review_sessions WHERE user_id = ?').run(userId);
  return { status: 'recorded' as const, card: cardOf(ctx, userId, input.topicId)! };
}

export function sqliteReviews(ctx: SqliteContext): ReviewStore {
  function userIdOf(user: UserRef): number {
    const workspace = requireWorkspace(ctx, user.platform, user.workspaceExternalId);
    return upsertUser(ctx, workspace.id, user.externalId, user.displayName);
  }

  /** A read for a learner never seen answers from nothing rather than an error. */
  function forUser<T>(user: UserKey, empty: T, read: (userId: number) => T): T {
    return ctx.guard(() => {
      const row = userRow(ctx, user);
      return row === null ? empty : read(row.id);
    });
  }

  return {
    async meetTopic(user, topicId, at) {
      ctx.write(() => {
        const userId = userIdOf(user);
        if (cardOf(ctx, userId, topicId) === null)
          ctx.sql(SAVE_CARD).run(cardValues(userId, topicId, newCard(at), null, at));
      });
    },

    async recordReview(input) {
      return ctx.write(() => reviewInTransaction(ctx, userIdOf(input.user), input));
    },

    async dueCards(user, now, limit) {
      return forUser(user, [], (userId) =>
        (
          ctx
            .sql(
              `SELECT ${CARD_COLUMNS} FROM review_cards WHERE user_id = ? AND due <= ? ORDER BY due, topic_id LIMIT ?`,
            )
            .all(userId, now.getTime(), limit) as CardRow[]
        ).map(toCard),
      );
    },

    async nextDue(user) {
      return forUser(user, null, (userId) => {
        const row = ctx.sql('SELECT MIN(due) AS due FROM review_cards WHERE user_id = ?').get(userId) as {
          due: number | null;
        };
        return row.due === null ? null : new Date(row.due);
      });
    },

    async cards(user) {
      return forUser(user, [], (userId) =>
        (
          ctx
            .sql(`SELECT ${CARD_COLUMNS} FROM review_cards WHERE user_id = ? ORDER BY due, topic_id`)
            .all(userId) as CardRow[]
        ).map(toCard),
      );
    },

    async weakConcepts(user, limit) {
      return forUser(user, [], (userId) =>
        (
          ctx
            .sql(
              `SELECT j.value AS concept, l.topic_id, COUNT(*) AS missed
               FROM review_log l, json_each(l.missed) j WHERE l.user_id = ?
               GROUP BY j.value, l.topic_id ORDER BY missed DESC, MAX(l.at) DESC, concept LIMIT ?`,
            )
            .all(userId, limit) as { concept: string; topic_id: string; missed: number }[]
        ).map((row) => ({ concept: row.concept, topicId: row.topic_id, missed: row.missed })),
      );
    },

    async activity(user, from, to) {
      return forUser(user, [], (userId) =>
        (
          ctx
            .sql('SELECT at FROM review_log WHERE user_id = ? AND at >= ? AND at < ? ORDER BY at')
            .all(userId, from.getTime(), to.getTime()) as { at: number }[]
        ).map((row) => new Date(row.at)),
      );
    },

    async startReview(input) {
      ctx.write(() => {
        const userId = userIdOf(input.user);
        ctx
          .sql(
            `INSERT INTO review_sessions (user_id, topic_id, started_at, expires_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (user_id) DO UPDATE SET topic_id = excluded.topic_id, started_at = excluded.started_at,
               expires_at = excluded.expires_at`,
          )
          .run(userId, input.topicId, input.at.getTime(), input.expiresAt.getTime());
      });
    },

    async pendingReview(user, now) {
      return forUser(user, null, (userId) => {
        const row = ctx
          .sql('SELECT topic_id, started_at, expires_at FROM review_sessions WHERE user_id = ? AND expires_at >= ?')
          .get(userId, now.getTime()) as { topic_id: string; started_at: number; expires_at: number } | undefined;
        return row
          ? { topicId: row.topic_id, startedAt: new Date(row.started_at), expiresAt: new Date(row.expires_at) }
          : null;
      });
    },

    async setReminder(user, channelId, enabled) {
      ctx.write(() => {
        const userId = userIdOf(user);
        ctx
          .sql(
            `INSERT INTO review_reminders (user_id, channel_id, enabled) VALUES (?, ?, ?)
             ON CONFLICT (user_id, channel_id) DO UPDATE SET enabled = excluded.enabled`,
          )
          .run(userId, channelId, Number(enabled));
      });
    },

    async remindersDue(channelId, now, day) {
      return ctx.guard(() =>
        (
          ctx
            .sql(
              `SELECT ${REMINDER_COLUMNS}
               FROM review_reminders r JOIN users u ON u.id = r.user_id JOIN workspaces w ON w.id = u.workspace_id
               WHERE r.channel_id = ? AND r.enabled = 1 AND (r.last_sent_day IS NULL OR r.last_sent_day <> ?)
                 AND EXISTS (SELECT 1 FROM review_cards c WHERE c.user_id = r.user_id AND c.due <= ?)
               ORDER BY u.id`,
            )
            .all(channelId, day, now.getTime()) as ReminderRow[]
        ).map(toReminderUser),
      );
    },

    async claimReminder(channelId, user, day) {
      return ctx.write(() => {
        const row = userRow(ctx, user);
        if (row === null) return false;
        const claimed = ctx
          .sql(
            `UPDATE review_reminders SET last_sent_day = ?
             WHERE user_id = ? AND channel_id = ? AND enabled = 1 AND (last_sent_day IS NULL OR last_sent_day <> ?)`,
          )
          .run(day, row.id, channelId, day);
        return claimed.changes === 1;
      });
    },

    async dueLearnersByTopic(channelId, now) {
      return ctx.guard(() => {
        const rows = ctx
          .sql(
            `SELECT c.topic_id, COUNT(*) AS learners FROM review_cards c
             WHERE c.due <= ? AND c.user_id IN (
               SELECT DISTINCT a.user_id FROM attempts a JOIN daily_challenges d ON d.id = a.challenge_id
               WHERE d.channel_id = ?)
             GROUP BY c.topic_id`,
          )
          .all(now.getTime(), channelId) as { topic_id: string; learners: number }[];
        return new Map(rows.map((row) => [row.topic_id, row.learners]));
      });
    },
  };
}
