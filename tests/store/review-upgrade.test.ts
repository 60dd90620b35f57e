/**
 * A database made by the previous release (migrations 0001–0006, with answers, streaks and practice) opens,
 * gains the spaced-review tables, keeps its data and works; forgetting a learner reaches the new tables.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDatabaseFile } from '../../src/store/sqlite/migrations.js';
import { openStore, tempDir, user } from './helpers.js';

function previousRelease(file: string): void {
  expect(migrateDatabaseFile(file, { target: 6 }).to).toBe(6);
  const db = new Database(file);
  db.exec(`
    INSERT INTO workspaces (id, platform, external_id, time_zone) VALUES (1, 'console', 'ws', 'UTC');
    INSERT INTO channels (id, workspace_id, external_id, name, schedule_time, time_zone)
      VALUES (1, 1, 'general', NULL, '09:00', 'UTC');
    INSERT INTO users (id, workspace_id, external_id, display_name) VALUES (1, 1, 'ann', 'Ann');
    INSERT INTO daily_challenges (id, channel_id, day, topic_id, claimed_at) VALUES (1, 1, '2026-03-28', 't1', 0);
    INSERT INTO attempts (id, challenge_id, user_id, attempt_number, text, score, passed, concepts, feedback, at)
      VALUES (1, 1, 1, 1, 'a1', 70, 1, '{}', 'f', 1);
    INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points)
      VALUES (1, 1, 1, 70, 1, 1, 1, 70);
    INSERT INTO streaks (user_id, current, longest, freezes, last_counted_day) VALUES (1, 1, 1, 0, '2026-03-28');
    INSERT INTO practice_attempts (user_id, topic_id, text, score, passed, at) VALUES (1, 't2', 'p', 50, 0, 2);
  `);
  db.close();
}

describe('upgrading a database of the previous release', () => {
  it('migrates, keeps the data, records reviews, and forget covers the review tables', async () => {
    const file = path.join(tempDir(), 'tutor.db');
    previousRelease(file);
    const store = openStore(file);
    expect((await store.health()).schemaVersion).toBeGreaterThanOrEqual(7);
    const ann = user('ann', 'Ann');
    expect(await store.dayResults(1)).toEqual([
      { userExternalId: 'ann', displayName: 'Ann', bestScore: 70, passed: true, attempts: 1 },
    ]);
    expect(await store.cards(ann)).toEqual([]);

    const at = new Date('2026-04-01T09:00:00Z');
    const outcome = await store.recordReview({
      user: ann,
      topicId: 't1',
      kind: 'review',
      score: 80,
      rating: 'good',
      missed: ['eviction'],
      at,
      dedupeKey: 'review:console:e1',
      retention: 0.9,
    });
    expect(outcome.status).toBe('recorded');
    await store.setReminder(ann, 1, true);
    expect((await store.streak(ann, { recentDays: 7 }))?.longest).toBe(1);

    expect(await store.forgetUser('console', 'ws', 'ann')).toBeGreaterThan(0);
    const db = new Database(file, { readonly: true });
    try {
      for (const table of ['review_cards', 'review_log', 'review_reminders', 'review_sessions', 'users']) {
        expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
      }
    } finally {
      db.close();
    }
  });
});
