import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateCommand } from '../../src/cli/migrate.js';
import {
  DEFAULT_MIGRATIONS_DIR,
  latestVersion,
  listMigrations,
  migrateDatabaseFile,
} from '../../src/store/sqlite/migrations.js';
import { recomputePeriodTotalsFromAttempts, storedPeriodTotals } from '../support/store-audit.js';
import { openStore, tempDir } from './helpers.js';

const LATEST = latestVersion(DEFAULT_MIGRATIONS_DIR);

/** Data as the 0001 schema held it: two users, three challenge days over a week boundary. */
function seedVersion1(file: string): void {
  const db = new Database(file);
  db.exec(`
    INSERT INTO workspaces (id, platform, external_id, time_zone) VALUES (1, 'console', 'ws', 'UTC');
    INSERT INTO channels (id, workspace_id, external_id, name, schedule_time, time_zone)
      VALUES (1, 1, 'general', NULL, '09:00', 'UTC');
    INSERT INTO users (id, workspace_id, external_id, display_name) VALUES (1, 1, 'a', 'Ann'), (2, 1, 'b', 'Bob');
    INSERT INTO daily_challenges (id, channel_id, day, topic_id, claimed_at) VALUES
      (1, 1, '2026-03-28', 't1', 0), (2, 1, '2026-03-29', 't2', 0), (3, 1, '2026-03-30', 't3', 0);
    INSERT INTO attempts (id, challenge_id, user_id, attempt_number, text, score, passed, concepts, feedback, at) VALUES
      (1, 1, 1, 1, 'a1', 70, 1, '{}', 'f', 1),
      (2, 2, 1, 1, 'a2', 50, 0, '{}', 'f', 2),
      (3, 2, 1, 2, 'a3', 80, 1, '{}', 'f', 3),
      (4, 3, 1, 1, 'a4', 90, 1, '{}', 'f', 4),
      (5, 3, 2, 1, 'b1', 40, 0, '{}', 'f', 5);
    INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points) VALUES
      (1, 1, 1, 70, 1, 1, 1, 70),
      (2, 1, 2, 80, 3, 1, 2, 88),
      (3, 1, 1, 90, 4, 1, 3, 108),
      (3, 2, 1, 40, 5, 0, 0, 40);
    INSERT INTO streaks (user_id, current, longest, freezes, last_counted_day) VALUES (1, 3, 3, 0, '2026-03-30');
    INSERT INTO streak_days (user_id, day, status) VALUES (1, '2026-03-28', 'passed'), (1, '2026-03-29', 'passed'),
      (1, '2026-03-30', 'passed');
  `);
  db.close();
}

describe('migrations', () => {
  it('numbers the files without gaps and applies them in order, recording each version', () => {
    const file = path.join(tempDir(), 'nested', 'dir', 'tutor.db');
    const versions = listMigrations(path.resolve(import.meta.dirname, '../../migrations')).map((m) => m.version);
    const files = fs
      .readdirSync(path.resolve(import.meta.dirname, '../../migrations'))
      .filter((f) => f.endsWith('.sql'));
    expect(versions).toEqual(files.map((_, i) => i + 1));
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const first = migrateDatabaseFile(file, { target: 1 });
    expect(first).toMatchObject({ from: 0, to: 1 });
    const rest = migrateDatabaseFile(file);
    expect(rest.from).toBe(1);
    expect(rest.to).toBe(versions.at(-1));
    expect(migrateDatabaseFile(file).applied).toEqual([]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(versions);
    db.close();
  });

  it('migrates an older schema with data in it: data kept, period totals backfilled', async () => {
    const file = path.join(tempDir(), 'old.db');
    migrateDatabaseFile(file, { target: 1 });
    seedVersion1(file);

    const store = openStore(file);
    expect(await store.health()).toMatchObject({ ok: true, schemaVersion: LATEST, latestVersion: LATEST });
    // Ann: weeks 13 and 14, March, all time; Bob: week 14, March, all time.
    expect(storedPeriodTotals(store)).toHaveLength(7);
    expect(storedPeriodTotals(store)).toEqual(recomputePeriodTotalsFromAttempts(store));
    const query = {
      workspace: { platform: 'console' as const, externalId: 'ws' },
      by: 'points' as const,
      teams: false,
      limit: 5,
    };
    // 03-28 and 03-29 are Saturday and Sunday of ISO week 13; 03-30 is Monday of week 14.
    expect(
      (await store.leaderboard({ ...query, period: 'week', today: '2026-03-29' })).map((e) => [e.name, e.points]),
    ).toEqual([['Ann', 158]]);
    expect(
      (await store.leaderboard({ ...query, period: 'week', today: '2026-03-30' })).map((e) => [e.name, e.points]),
    ).toEqual([
      ['Ann', 108],
      ['Bob', 40],
    ]);
    expect((await store.leaderboard({ ...query, period: 'all', today: '2026-03-30' }))[0]).toMatchObject({
      name: 'Ann',
      points: 266,
      streak: 3,
    });
    // 0004 carried each user's workspace onto the old streak rows: the streak ranking finds them.
    expect(
      (await store.leaderboard({ ...query, by: 'streak', period: 'all', today: '2026-03-31' })).map((e) => [
        e.name,
        e.streak,
      ]),
    ).toEqual([['Ann', 3]]);
    expect((await store.attempt(3))?.score).toBe(80);
    expect(
      await store.streak({ platform: 'console', workspaceExternalId: 'ws', externalId: 'a' }, { recentDays: 7 }),
    ).toMatchObject({
      current: 3,
      days: [{ day: '2026-03-30' }, { day: '2026-03-29' }, { day: '2026-03-28' }],
    });

    // And it keeps working on top of the migrated data.
    const user = { platform: 'console' as const, workspaceExternalId: 'ws', externalId: 'a', displayName: 'Ann' };
    const outcome = await store.recordAttempt({
      challengeId: (
        await store.claimDailyChallenge({ channelId: 1, day: '2026-03-31', topicId: 't4', at: new Date(0) })
      ).challenge.id,
      user,
      text: 'next',
      score: 100,
      passed: true,
      concepts: { pain: [], fix: [], negated: [] },
      feedback: '',
      at: new Date('2026-03-31T10:00:00Z'),
      maxAttempts: 3,
    });
    expect(outcome).toMatchObject({ status: 'recorded', points: 130, streak: { current: 4 } });
    expect(storedPeriodTotals(store)).toEqual(recomputePeriodTotalsFromAttempts(store));
  });

  it('reports a database left behind by an older schema as not ok until migrated', async () => {
    const file = path.join(tempDir(), 'behind.db');
    migrateDatabaseFile(file, { target: 1 });
    const store = openStore(file, { readOnly: true });
    expect(await store.health()).toMatchObject({ ok: false, schemaVersion: 1, latestVersion: LATEST, writable: false });
  });
});

describe('tutor migrate', () => {
  function io(env: Record<string, string | undefined>, cwd: string) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: string[] = [];
    const err: string[] = [];
    stdout.on('data', (c: Buffer) => out.push(c.toString()));
    stderr.on('data', (c: Buffer) => err.push(c.toString()));
    return { io: { stdin: new PassThrough(), stdout, stderr, env, cwd }, out, err };
  }

  it('creates the database and its folder from --db, then reports it up to date', async () => {
    const dir = tempDir();
    const first = io({}, dir);
    expect(await migrateCommand.run(['--db', 'sub/t.db'], first.io)).toBe(0);
    expect(first.out.join('')).toContain(`schema version 0 → ${LATEST}`);
    expect(fs.existsSync(path.join(dir, 'sub', 't.db'))).toBe(true);
    const second = io({}, dir);
    expect(await migrateCommand.run(['--db', 'sub/t.db'], second.io)).toBe(0);
    expect(second.out.join('')).toContain(`up to date at schema version ${LATEST}`);
  });

  it('defaults to TUTOR_DB and rejects unknown options', async () => {
    const dir = tempDir();
    const run = io({ TUTOR_DB: 'env.db' }, dir);
    expect(await migrateCommand.run([], run.io)).toBe(0);
    expect(fs.existsSync(path.join(dir, 'env.db'))).toBe(true);
    const bad = io({}, dir);
    expect(await migrateCommand.run(['--nope'], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('Usage: tutor migrate');
  });

  it('fails with the store error id on a file that is not a database', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'junk.db'), 'this is not a database, just text that is long enough'.repeat(40));
    const run = io({}, dir);
    expect(await migrateCommand.run(['--db', 'junk.db'], run.io)).toBe(1);
    expect(run.err.join('')).toContain('[store-corrupt]');
  });
});
