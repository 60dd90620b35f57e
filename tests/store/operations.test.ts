import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runBackup } from '../../src/store/sqlite/backup.js';
import { DEFAULT_MIGRATIONS_DIR, latestVersion } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { StoreError } from '../../src/store/types.js';
import { recomputePeriodTotalsFromAttempts, storedPeriodTotals } from '../support/store-audit.js';
import { Fixture, openStore, recorded, tempDir, user } from './helpers.js';

const ann = user('a', 'Ann');
const bob = user('b', 'Bob');

async function busyWorkspace() {
  const f = await Fixture.create();
  for (const day of ['2026-03-01', '2026-03-02']) {
    recorded(await f.answer(ann, day, 70, {}));
    recorded(await f.answer(ann, day, 80, {}));
    recorded(await f.answer(bob, day, 90, {}));
  }
  await f.store.recordPractice({ user: ann, topicId: 't', text: 'p', score: 50, passed: false, at: new Date() });
  await f.store.joinTeam(ann, 'Solo');
  await f.store.joinTeam(bob, 'Pair');
  return f;
}

function countRows(file: string, userId: number): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const tables = [
    'attempts',
    'practice_attempts',
    'challenge_results',
    'streaks',
    'streak_days',
    'team_members',
    'period_totals',
  ];
  const counts = Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t} WHERE user_id = ?`).pluck().get(userId) as number]),
  );
  counts.users = db.prepare('SELECT COUNT(*) FROM users WHERE id = ?').pluck().get(userId) as number;
  counts.teams = db.prepare("SELECT COUNT(*) FROM teams WHERE name = 'Solo'").pluck().get() as number;
  db.close();
  return counts;
}

describe('forgetUser', () => {
  it('removes every row of that user and nobody else’s', async () => {
    const f = await busyWorkspace();
    const before = countRows(f.file, 1);
    expect(before).toMatchObject({ attempts: 4, practice_attempts: 1, streaks: 1, users: 1, teams: 1 });
    const removed = await f.store.forgetUser('console', 'ws', 'a');
    expect(removed).toBe(Object.values(before).reduce((a, b) => a + b, 0) - before.teams!);
    expect(countRows(f.file, 1)).toEqual(Object.fromEntries(Object.keys(before).map((k) => [k, 0])));
    expect(await f.store.streak(ann, { recentDays: 5 })).toBeNull();
    const board = await f.store.leaderboard({
      workspace: { platform: 'console', externalId: 'ws' },
      period: 'all',
      today: '2026-03-02',
      by: 'points',
      teams: true,
      limit: 10,
    });
    expect(board.map((e) => e.name)).toEqual(['Pair']);
    expect(storedPeriodTotals(f.store)).toEqual(recomputePeriodTotalsFromAttempts(f.store));
    expect(await f.store.forgetUser('console', 'ws', 'a')).toBe(0);
  });
});

describe('claimEvent', () => {
  it('claims an event id once per platform', async () => {
    const f = await Fixture.create();
    const at = new Date('2026-03-02T10:00:00Z');
    expect(await f.store.claimEvent('slack', 'Ev1', at)).toBe(true);
    expect(await f.store.claimEvent('slack', 'Ev1', at)).toBe(false);
    expect(await f.store.claimEvent('discord', 'Ev1', at)).toBe(true);
  });

  it('forgets event ids after a week, and not before', async () => {
    const f = await Fixture.create();
    const at = new Date('2026-03-02T10:00:00Z');
    const later = (days: number) => new Date(at.getTime() + days * 86_400_000);
    expect(await f.store.claimEvent('slack', 'Ev1', at)).toBe(true);
    expect(await f.store.claimEvent('slack', 'Ev2', later(6))).toBe(true);
    expect(await f.store.claimEvent('slack', 'Ev1', later(6))).toBe(false);
    expect(await f.store.claimEvent('slack', 'Ev3', later(8))).toBe(true);
    expect(await f.store.claimEvent('slack', 'Ev1', later(8))).toBe(true);
    expect(await f.store.claimEvent('slack', 'Ev2', later(8))).toBe(false);
  });
});

describe('backup and health', () => {
  it('backs up online to a readable copy', async () => {
    const f = await busyWorkspace();
    const copy = path.join(tempDir(), 'backups', 'copy.db');
    await f.store.backup(copy);
    recorded(await f.answer(bob, '2026-03-03', 60)); // the original keeps working
    const restored = openStore(copy);
    expect(await restored.health()).toMatchObject({ ok: true, writable: true });
    expect(await restored.streak(ann, { recentDays: 5 })).toMatchObject({ current: 2 });
    expect(storedPeriodTotals(restored)).toEqual(recomputePeriodTotalsFromAttempts(restored));
    expect((await restored.streak(bob, { recentDays: 5 }))?.current).toBe(2);
  });

  it('fails, rather than copy nothing and call it done, when another connection locks the database', async () => {
    const f = await busyWorkspace();
    await f.store.close();
    const source = new Database(f.file, { readonly: true, timeout: 50 });
    const holder = new Database(f.file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    holder.prepare("INSERT INTO processed_events (platform, event_id, at) VALUES ('console', 'held', 0)").run();
    const target = path.join(tempDir(), 'locked-copy.db');
    try {
      await expect(runBackup(source, target, 500)).rejects.toMatchObject({
        id: 'store-busy',
        message: 'the database was locked by another connection: nothing was copied',
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      source.close();
    }
  });

  it('reports a healthy, writable, current database', async () => {
    const f = await Fixture.create();
    const latest = latestVersion(DEFAULT_MIGRATIONS_DIR);
    expect(await f.store.health()).toEqual({
      ok: true,
      schemaVersion: latest,
      latestVersion: latest,
      writable: true,
      intact: true,
    });
  });
});

describe('SQLite failures become StoreErrors', () => {
  it('refuses writes on a read-only database with store-read-only', async () => {
    const f = await busyWorkspace();
    await f.store.close();
    const store = openStore(f.file, { readOnly: true });
    expect((await store.streak(ann, { recentDays: 1 }))?.current).toBe(2);
    const error = await store.claimEvent('slack', 'e', new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ id: 'store-read-only' });
    await expect(store.joinTeam(ann, 'X')).rejects.toMatchObject({ id: 'store-read-only' });
    expect(await store.health()).toMatchObject({ ok: false, writable: false });
  });

  it('reports store-busy when another connection holds the write lock past the busy timeout', async () => {
    const f = await Fixture.create();
    const other = new Database(f.file);
    const impatient = openStore(f.file, { busyTimeoutMs: 50 });
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(impatient.claimEvent('slack', 'e', new Date())).rejects.toMatchObject({ id: 'store-busy' });
      expect(await impatient.health()).toMatchObject({ writable: false });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await impatient.claimEvent('slack', 'e', new Date())).toBe(true);
  });

  it('reports store-corrupt for a file that is not a database', () => {
    const file = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(file, 'not a database '.repeat(200));
    expect(() => openSqliteStore(file)).toThrow(expect.objectContaining({ id: 'store-corrupt' }));
  });
});
