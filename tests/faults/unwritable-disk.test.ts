/**
 * A read-only or full disk: answering gives the user a clear error and logs it; lookups keep working;
 * nothing is half-written (every table an answer touches is exactly as before).
 *
 * Each twice: a stand-in that runs anywhere, and the real thing where the machine allows mounting a small
 * tmpfs (root with CAP_SYS_ADMIN; otherwise those tests print why they are skipped).
 * Read-only: the store opened read-only (chmod does not bite when tests run as root), and a tmpfs remounted
 * read-only under the database. Full: `PRAGMA max_page_count` pinned to the file's current size, and a tmpfs
 * filled up to the last byte.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { openDatabase } from '../../src/store/sqlite/connection.js';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore, sqliteStoreOn } from '../../src/store/sqlite/store.js';
import type { Store } from '../../src/store/types.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { createTutor } from '../../src/tutor/tutor.js';
import { smallMount } from '../ops/helpers.js';
import { recordingLogger } from '../support/recording-logger.js';
import { CHANNEL, KNOWLEDGE, WORKSPACE, postTodaysChallenge, slackActor, tempDir, threadAnswer } from './harness.js';

const NOW = '2026-03-02T10:00:00Z';
const TABLES = [
  'attempts',
  'challenge_results',
  'streaks',
  'streak_days',
  'period_totals',
  'users',
  'processed_events',
];

/** Every row of every table an answer writes to, as text: equal before and after means nothing was written. */
function snapshot(db: string): Record<string, string> {
  const sqlite = new Database(db, { readonly: true });
  try {
    return Object.fromEntries(
      TABLES.map((table) => [table, JSON.stringify(sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all())]),
    );
  } finally {
    sqlite.close();
  }
}

/** A database with a posted challenge and one recorded answer (so the leaderboard has someone on it). */
async function prepare(prefix: string, folder = tempDir(prefix)) {
  const db = path.join(folder, 'tutor.db');
  const { threadId, goodAnswer } = await postTodaysChallenge(db, NOW);
  const store = openSqliteStore(db);
  const tutor = await tutorOn(store);
  const first = await tutor.tutor.handleThreadAnswer(threadAnswer('Uada', threadId, goodAnswer, 'Ev-first'));
  expect(first?.reaction).toBe('pass');
  await store.close();
  return { db, threadId, goodAnswer };
}

async function tutorOn(store: Store) {
  const knowledge = await loadKnowledgeBase(KNOWLEDGE);
  const { logger, lines } = recordingLogger();
  const tutor = createTutor({
    store,
    knowledge: () => knowledge,
    clock: new ManualClock(new Date(NOW)),
    logger,
    config: {
      passMark: 60,
      maxAttempts: 3,
      rotationDays: 30,
      defaults: { scheduleTime: '09:00', timeZone: 'UTC' },
      admins: [],
    },
  });
  return { tutor, lines };
}

const place = { platform: 'slack' as const, workspaceId: WORKSPACE, channelId: CHANNEL };

async function expectLookupsWork(tutor: Awaited<ReturnType<typeof tutorOn>>['tutor']) {
  const actor = slackActor('Uada');
  const topic = await tutor.handleCommand({ actor, place, command: 'topic', options: { query: '缓存' } });
  expect(topic.messages[0]?.errorId).toBeUndefined();
  expect(topic.messages[0]?.text.length).toBeGreaterThan(0);
  const board = await tutor.handleCommand({ actor, place, command: 'leaderboard', options: { period: 'all' } });
  expect(board.messages[0]?.errorId).toBeUndefined();
  expect(JSON.stringify(board.messages)).toContain('Uada');
  const streak = await tutor.handleCommand({ actor, place, command: 'streak', options: {} });
  expect(streak.messages[0]?.errorId).toBeUndefined();
  expect(tutor.autocomplete('缓', 'zh').length).toBeGreaterThan(0);
}

describe('an unwritable database', () => {
  it('read-only: tells the user and the log, keeps lookups working, writes nothing', async () => {
    const { db, threadId, goodAnswer } = await prepare('tutor-readonly-');
    const before = snapshot(db);
    const store = openSqliteStore(db, { readOnly: true });
    try {
      const { tutor, lines } = await tutorOn(store);
      const reply = await tutor.handleThreadAnswer(threadAnswer('Ubob', threadId, goodAnswer, 'Ev-ro'));
      expect(reply?.publicMessage.errorId).toBe('store-read-only');
      expect(reply?.privateMessage.text).toMatch(/not writable|read-only|writable again/i);
      expect(reply?.reaction).toBe('rejected');
      const answer = await tutor.handleCommand({
        actor: slackActor('Ubob'),
        place,
        command: 'answer',
        options: { text: goodAnswer },
      });
      expect(answer.messages.map((m) => m.errorId)).toContain('store-read-only');
      expect(lines).toContainEqual(expect.objectContaining({ storeError: 'store-read-only', channelId: CHANNEL }));
      await expectLookupsWork(tutor);
    } finally {
      await store.close();
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('full: tells the user and the log, keeps lookups working, rolls the answer back whole', async () => {
    const { db, threadId, goodAnswer } = await prepare('tutor-full-');
    const before = snapshot(db);
    const connection = openDatabase(db);
    // No free pages left to reuse: every new row must grow the file, which the pinned size forbids.
    connection.exec('VACUUM');
    const pages = connection.pragma('page_count', { simple: true }) as number;
    connection.pragma(`max_page_count = ${pages}`);
    const store = sqliteStoreOn(connection, {
      migrationsDir: DEFAULT_MIGRATIONS_DIR,
      logger: recordingLogger().logger,
    });
    try {
      const { tutor, lines } = await tutorOn(store);
      // A long answer needs new pages (overflow pages for its text) that the "disk" cannot give.
      const long = `${goodAnswer}${'，缓存雪崩时用随机过期时间和多级缓存'.repeat(150)}`;
      const reply = await tutor.handleThreadAnswer(threadAnswer('Ubob', threadId, long, 'Ev-full'));
      expect(reply?.publicMessage.errorId).toBe('store-full');
      expect(reply?.privateMessage.text).toMatch(/disk is full/i);
      expect(lines).toContainEqual(expect.objectContaining({ storeError: 'store-full', channelId: CHANNEL }));
      await expectLookupsWork(tutor);
    } finally {
      await store.close();
    }
    const after = snapshot(db);
    // The attempt, its result, streak, points and the event id are all absent: one transaction, rolled back
    // whole, so a redelivery of the same event can still be recorded once space is freed.
    for (const table of TABLES) {
      expect(after[table], table).toEqual(before[table]);
    }
  });
});

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/** Writes zeros into `file` until the disk has no byte left (ENOSPC). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      try {
        writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        if (block.length === 1) return;
        return fillRest(fd);
      }
    }
  } finally {
    closeSync(fd);
  }
}

function fillRest(fd: number): void {
  for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
    for (;;) {
      try {
        writeSync(fd, Buffer.alloc(size));
      } catch {
        break;
      }
    }
  }
}

describe('a real read-only file system', () => {
  it('tells the user the database is read-only, keeps lookups working, writes nothing', async () => {
    const mount = smallMount('tutor-real-ro-', 4096);
    if (!mount) return;
    const { db, threadId, goodAnswer } = await prepare('unused-', mount.dir);
    const plain = path.join(mount.dir, 'plain.db');
    await openSqliteStore(plain).close();
    // A process had the database open when the volume went read-only: its -wal and -shm are still there.
    const reader = spawnSync(process.execPath, [
      '-e',
      `const db = new (require(${JSON.stringify(DRIVER)}))(${JSON.stringify(db)});
       db.prepare('SELECT COUNT(*) FROM users').get();
       process.exit(0);`,
    ]);
    expect(reader.status, String(reader.stderr)).toBe(0);
    const before = snapshot(db);
    mount.readOnly();
    // Opened as the tutor opens it (for writing): SQLite falls back to reading.
    const store = openSqliteStore(db);
    try {
      expect(await store.health()).toMatchObject({ ok: false, writable: false, intact: true });
      const { tutor, lines } = await tutorOn(store);
      const reply = await tutor.handleThreadAnswer(threadAnswer('Ubob', threadId, goodAnswer, 'Ev-real-ro'));
      expect(reply?.publicMessage.errorId).toBe('store-read-only');
      expect(reply?.reaction).toBe('rejected');
      expect(lines).toContainEqual(expect.objectContaining({ storeError: 'store-read-only', channelId: CHANNEL }));
      await expectLookupsWork(tutor);
    } finally {
      await store.close();
    }
    expect(snapshot(db)).toEqual(before);
    // A database closed cleanly has no -shm to read through: SQLite cannot open it, and says why, naming it.
    expect(() => openSqliteStore(plain)).toThrow(
      expect.objectContaining({
        id: 'store-read-only',
        message: expect.stringMatching(
          new RegExp(`^the database ${plain} is read-only: its folder cannot be written \\(EROFS\\)`),
        ),
      }),
    );
  });
});

describe('a real full disk', () => {
  it('tells the user the disk is full, rolls the answer back whole, and opening says the disk is full', async () => {
    const mount = smallMount('tutor-real-full-', 3072);
    if (!mount) return;
    const { db, threadId, goodAnswer } = await prepare('unused-', mount.dir);
    const before = snapshot(db);
    const store = openSqliteStore(db);
    const filler = path.join(mount.dir, 'filler');
    try {
      fillDisk(filler);
      const { tutor, lines } = await tutorOn(store);
      const long = `${goodAnswer}${'，缓存雪崩时用随机过期时间和多级缓存'.repeat(150)}`;
      const reply = await tutor.handleThreadAnswer(threadAnswer('Ubob', threadId, long, 'Ev-real-full'));
      expect(reply?.publicMessage.errorId).toBe('store-full');
      expect(reply?.privateMessage.text).toMatch(/disk is full/i);
      expect(lines).toContainEqual(expect.objectContaining({ storeError: 'store-full', channelId: CHANNEL }));
      await expectLookupsWork(tutor);
    } finally {
      await store.close();
    }
    // Opening on the full disk (the -shm cannot be made) says so, instead of "disk I/O error". Closing the
    // store removed its WAL: fill the space that freed.
    fillDisk(`${filler}-more`);
    expect(() => openSqliteStore(db)).toThrow(
      expect.objectContaining({
        id: 'store-full',
        message: expect.stringMatching(
          new RegExp(`^the disk holding ${db} is full \\(\\d+ bytes free\\): free some space`),
        ),
      }),
    );
    rmSync(filler);
    rmSync(`${filler}-more`);
    const after = snapshot(db);
    for (const table of TABLES) expect(after[table], table).toEqual(before[table]);
  });

  it('holds far more answers when the WAL is bounded by size, not only checkpointed every 1,000 writes', async () => {
    const mount = smallMount('tutor-real-wal-', 3072);
    if (!mount) return;
    const db = path.join(mount.dir, 'answers.db');
    const store = openSqliteStore(db, { maxWalBytes: 256 * 1024 });
    let recorded = 0;
    let largestWal = 0;
    try {
      await store.ensureWorkspace('console', 'local', { timeZone: 'UTC' });
      const channel = await store.ensureChannel(
        { platform: 'console', workspaceExternalId: 'local', externalId: 'general' },
        { scheduleTime: '09:00', timeZone: 'UTC' },
      );
      const failure = await (async () => {
        for (let day = 0; ; day++) {
          const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
          const at = new Date(`${date}T09:00:00Z`);
          const { challenge } = await store.claimDailyChallenge({ channelId: channel.id, day: date, topicId: 't', at });
          for (let user = 0; user < 5; user++) {
            await store.recordAttempt({
              challengeId: challenge.id,
              user: {
                platform: 'console',
                workspaceExternalId: 'local',
                externalId: `u${user}`,
                displayName: `U${user}`,
              },
              text: '缓存击穿时用互斥锁和逻辑过期，热点数据永不过期。'.repeat(25),
              score: 70,
              passed: true,
              concepts: { pain: ['缓存击穿'], fix: ['互斥锁'], negated: [] },
              feedback: 'feedback '.repeat(60),
              at: new Date(at.getTime() + 3_600_000),
              maxAttempts: 3,
            });
            recorded += 1;
            largestWal = Math.max(largestWal, statSync(`${db}-wal`).size);
            // Answers arrive seconds apart: the checkpoint worker gets its turn between them.
            if (recorded % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
          }
        }
      })().catch((error: unknown) => error);
      expect(failure).toMatchObject({ id: 'store-full' });
    } finally {
      await store.close().catch(() => undefined);
    }
    // Unbounded (one checkpoint per 1,000 writes) the WAL took the whole 3 MB disk after some 60 of these.
    expect(recorded).toBeGreaterThan(300);
    // About twice the bound, four times at most (see tests/store/checkpoint.test.ts).
    expect(largestWal).toBeLessThan(4 * 256 * 1024);
  });
});
