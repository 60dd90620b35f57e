/**
 * Event → reply against a durable floor (issue 15): the tutor beside an echo bot that makes one durable insert
 * per event (a row in a table of its own, in the tutor's own database, committed before it replies) — the least
 * a bot that loses nothing must do — with the bare echo bot kept as context. On Discord and on Slack, each on
 * SQLite (the same file, opened with the store's own pragmas) and on PostgreSQL (the same database). The three bots
 * take turns on one fake in one run (bench/discord.ts, bench/slack.ts). Target: tutor within 1.5× of the durable
 * echo at p50 and at p99.
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
import { compareOnSlack, KINDS, type Kind } from './slack.js';
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

function rowsFor(figure: string, tutor: readonly number[], durable: readonly number[], bare: readonly number[]) {
  return [50, 99].map((p): BenchRow => {
    const { text, ratio } = pair(tutor, p, durable);
    return {
      figure: `floor, ${figure}: p${p} tutor / durable echo / bare echo`,
      value: `${text} / ${formatMs(percentile(durable, p))} / ${formatMs(percentile(bare, p))}`,
      target: `tutor ≤ ${TARGET_RATIO}× durable echo`,
      met: ratio <= TARGET_RATIO,
    };
  });
}

const DURABLE = 'durable echo';

async function onDiscord(backend: string, env: Record<string, string>, log: DurableLog): Promise<BenchRow[]> {
  try {
    const { tutor, echoes } = await compareOnDiscord(env, [
      { name: DURABLE, persist: (id) => log.record(id) },
      { name: 'echo' },
    ]);
    const [durable, bare] = echoes as [Bot, Bot];
    return [
      ...rowsFor(`discord /topic (interaction → callback), ${backend}`, tutor.topic, durable.topic, bare.topic),
      ...rowsFor(`discord thread answer (message → reply), ${backend}`, tutor.thread, durable.thread, bare.thread),
    ];
  } finally {
    await log.close();
  }
}

async function onSlack(backend: string, env: Record<string, string>, log: DurableLog): Promise<BenchRow[]> {
  try {
    const samples = await compareOnSlack(env, [{ name: DURABLE, persist: (id) => log.record(id) }, { name: 'echo' }]);
    return (Object.keys(KINDS) as Kind[]).flatMap((kind) =>
      rowsFor(
        `${KINDS[kind]}, ${backend}`,
        samples[kind].tutor ?? [],
        samples[kind][DURABLE] ?? [],
        samples[kind].echo ?? [],
      ),
    );
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
      const discordFile = path.join(dir, 'discord.db');
      rows.push(...(await onDiscord('SQLite', { TUTOR_DB: discordFile }, sqliteLog(discordFile))));
      const slackFile = path.join(dir, 'slack.db');
      rows.push(...(await onSlack('SQLite', { TUTOR_DB: slackFile }, sqliteLog(slackFile))));
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
      const discordUrl = await server.createDatabase();
      rows.push(...(await onDiscord('PostgreSQL', { TUTOR_DATABASE_URL: discordUrl }, await postgresLog(discordUrl))));
      const slackUrl = await server.createDatabase();
      rows.push(...(await onSlack('PostgreSQL', { TUTOR_DATABASE_URL: slackUrl }, await postgresLog(slackUrl))));
    } finally {
      await server.stop();
    }
    return rows;
  },
};
