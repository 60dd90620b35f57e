/** A database made by the release before channel modes (schema 6) opens with every channel rotating, data kept. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDatabaseFile } from '../../src/store/sqlite/migrations.js';
import { openStore, tempDir } from './helpers.js';

describe('upgrading to channel modes', () => {
  it('keeps channels rotating and reads their failures after the migration', async () => {
    const file = path.join(tempDir(), 'release-6.db');
    migrateDatabaseFile(file, { target: 6 });
    const db = new Database(file);
    db.exec(`
      INSERT INTO workspaces (id, platform, external_id, time_zone) VALUES (1, 'console', 'ws', 'UTC');
      INSERT INTO channels (id, workspace_id, external_id, name, schedule_time, time_zone)
        VALUES (1, 1, 'general', NULL, '09:00', 'UTC');
      INSERT INTO users (id, workspace_id, external_id, display_name) VALUES (1, 1, 'a', 'Ann');
      INSERT INTO daily_challenges (id, channel_id, day, topic_id, claimed_at) VALUES (1, 1, '2026-03-28', 't1', 0);
      INSERT INTO attempts (id, challenge_id, user_id, attempt_number, text, score, passed, concepts, feedback, at)
        VALUES (1, 1, 1, 1, 'a1', 30, 0, '{}', 'f', 1);
      INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points)
        VALUES (1, 1, 1, 30, 1, 0, 0, 30);
    `);
    db.close();

    const store = openStore(file);
    expect(await store.listChannels()).toEqual([expect.objectContaining({ externalId: 'general', mode: 'rotation' })]);
    expect(await store.failedTopics(1, '2026-03-01')).toEqual([{ topicId: 't1', learners: 1, lastDay: '2026-03-28' }]);
    expect(await store.setChannelMode(1, 'adaptive')).toMatchObject({ mode: 'adaptive', scheduleTime: '09:00' });
  });
});
