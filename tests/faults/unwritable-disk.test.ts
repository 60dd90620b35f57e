/**
 * A read-only or full disk: answering gives the user a clear error and logs it; lookups keep working;
 * nothing is half-written (every table an answer touches is exactly as before).
 *
 * Read-only: the store opened read-only (chmod does not bite when tests run as root, a read-only open
 * fails the same way SQLite does on a read-only file). Full: `PRAGMA max_page_count` pinned to the file's
 * current size on the tutor's own connection, which is how SQLite reports a full disk (SQLITE_FULL).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { openDatabase } from '../../src/store/connection.js';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/store/migrations.js';
import { SqliteStore, openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/types.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { createTutor } from '../../src/tutor/tutor.js';
import {
  CHANNEL,
  KNOWLEDGE,
  WORKSPACE,
  postTodaysChallenge,
  recordingLogger,
  slackActor,
  tempDir,
  threadAnswer,
} from './harness.js';

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
async function prepare(prefix: string) {
  const db = path.join(tempDir(prefix), 'tutor.db');
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
    const store = new SqliteStore(connection, DEFAULT_MIGRATIONS_DIR, recordingLogger().logger);
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
