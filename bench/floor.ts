/**
 * Event → reply against a durable floor (issue 15): the tutor beside an echo bot that makes one durable insert
 * per event (a row in a table of its own, in the tutor's own database, committed before it replies) — the least
 * a bot that loses nothing must do — with the bare echo bot kept as context. On Discord, on SQLite (the same file,
 * opened with the store's own pragmas) and on PostgreSQL (the same database). The three bots take turns on one
 * fake in one run (bench/discord.ts). Target: tutor within 1.5× of the durable echo at p50 and at p99.
 * The PostgreSQL server is the test one (tests/support/postgres-cluster.ts: fsync and synchronous_commit off), so
 * on that backend the floor and the tutor both commit without waiting for the disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/store/sqlite/connection.js';
import { findPostgresBinaries, startPostgresServer } from '../tests/support/postgres-cluster.js';
import { compareOnDiscord, type Bot } from './discord.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';

const TARGET_RATIO = 1.5;
const TABLE = 'echo_floor_events';

interface DurableLog {
  record(eventId: string): Promise<void>;
  close(): Promise<void>;
}

function sqliteLog(file: string): DurableLog {
  const db = openDatabase(file);
  db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (event_id TEXT PRIMARY KEY, received_at TEXT NOT NULL)`);
  const insert = db.prepare(`INSERT INTO ${TABLE} (event_id, received_at) VALUES (?, ?)`);
  return {
    // better-sqlite3 commits synchronously: the row is in the WAL when this resolves.
    async record(eventId) {
      insert.run(eventId, new Date().toISOString());
    },
    async close() {
      db.close();
    },
  };
}

async function postgresLog(url: string): Promise<DurableLog> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (event_id TEXT PRIMARY KEY, received_at TIMESTAMPTZ NOT NULL)`);
  return {
    async record(eventId) {
      await pool.query(`INSERT INTO ${TABLE} (event_id, received_at) VALUES ($1, now())`, [eventId]);
    },
    close: () => pool.end(),
  };
}

function pair(samples: readonly number[], p: number, floor: readonly number[]): { text: string; ratio: number } {
  const ratio = percentile(samples, p) / percentile(floor, p);
  return { text: `${formatMs(percentile(samples, p))} (${ratio.toFixed(2)}×)`, ratio };
}

function rowsFor(backend: string, kind: 'topic' | 'thread', tutor: Bot, durable: Bot, bare: Bot): BenchRow[] {
  const label = kind === 'topic' ? '/topic (interaction → callback)' : 'thread answer (message → reply)';
  return [50, 99].map((p) => {
    const { text, ratio } = pair(tutor[kind], p, durable[kind]);
    return {
      figure: `floor, discord ${label}, ${backend}: p${p} tutor / durable echo / bare echo`,
      value: `${text} / ${formatMs(percentile(durable[kind], p))} / ${formatMs(percentile(bare[kind], p))}`,
      target: `tutor ≤ ${TARGET_RATIO}× durable echo`,
      met: ratio <= TARGET_RATIO,
    };
  });
}

async function measure(backend: string, env: Record<string, string>, log: DurableLog): Promise<BenchRow[]> {
  try {
    const { tutor, echoes } = await compareOnDiscord(env, [
      { name: 'durable echo', persist: (id) => log.record(id) },
      { name: 'echo' },
    ]);
    const [durable, bare] = echoes as [Bot, Bot];
    return [...rowsFor(backend, 'topic', tutor, durable, bare), ...rowsFor(backend, 'thread', tutor, durable, bare)];
  } finally {
    await log.close();
  }
}

export const suite: BenchSuite = {
  name: 'floor',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-bench-floor-'));
    const rows: BenchRow[] = [];
    try {
      const file = path.join(dir, 'tutor.db');
      rows.push(...(await measure('SQLite', { TUTOR_DB: file }, sqliteLog(file))));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const binDir = findPostgresBinaries();
    if (binDir === null) {
      rows.push({
        figure: 'floor (PostgreSQL)',
        value: 'skipped: no /usr/lib/postgresql/*/bin',
        target: '—',
        met: null,
      });
      return rows;
    }
    const server = await startPostgresServer(binDir);
    try {
      const url = await server.createDatabase();
      rows.push(...(await measure('PostgreSQL', { TUTOR_DATABASE_URL: url }, await postgresLog(url))));
    } finally {
      await server.stop();
    }
    return rows;
  },
};
