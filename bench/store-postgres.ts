/**
 * The store benchmarks of `store.ts` on PostgreSQL, beside SQLite's rows: recordAttempt p50/p99 (the same
 * rounds, each on a fresh database) and the weekly leaderboard on a generated database of the same shape
 * (generated in SQL on every run: the server is a temporary one, started here and removed afterwards).
 * The server runs without fsync (as the tests' server does): these figures leave out the disk flush a durable
 * production server adds to every commit.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/store.js';
import type { LeaderboardQuery } from '../src/store/types.js';
import { findPostgresBinaries, startPostgresServer, type PostgresServer } from '../tests/support/postgres-cluster.js';
import {
  DAYS,
  EXPECTED_ATTEMPTS,
  FIRST_DAY,
  ROUNDS,
  SCORE,
  SKIP_MODULO,
  TODAY,
  USERS,
  recordAttemptRound,
  timeRuns,
  type RoundStore,
} from './store.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';

const connection = (url: string) => ({ url, poolSize: 4, statementTimeoutMs: 0 });

/** Stored period totals against a recomputation from the day results, as rows that differ (0: consistent). */
const TOTALS_DIFFERENCE = `
  WITH recomputed AS (
    SELECT r.user_id, p.kind,
           CASE p.kind WHEN 'week' THEN to_char(d.day::date, 'IYYY-"W"IW') WHEN 'month' THEN substr(d.day, 1, 7)
                ELSE 'all' END AS period_key,
           SUM(r.points)::int AS points
    FROM challenge_results r JOIN daily_challenges d ON d.id = r.challenge_id
    CROSS JOIN (VALUES ('week'), ('month'), ('all')) AS p (kind)
    GROUP BY 1, 2, 3 HAVING SUM(r.points) <> 0
  ),
  stored AS (SELECT user_id, kind, period_key, points FROM period_totals WHERE points <> 0)
  SELECT (SELECT COUNT(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM recomputed) a)
       + (SELECT COUNT(*) FROM (SELECT * FROM recomputed EXCEPT SELECT * FROM stored) b) AS differing`;

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function postgresRound(server: PostgresServer): () => Promise<RoundStore> {
  return async () => {
    const url = await server.createDatabase();
    const store = await openPostgresStore(connection(url));
    return {
      store,
      consistent: async () => Number((await sql(url, TOTALS_DIFFERENCE)).rows[0].differing) === 0,
      dispose: () => store.close(),
    };
  };
}

async function benchRecordAttempt(server: PostgresServer): Promise<BenchRow[]> {
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await recordAttemptRound(postgresRound(server)));
  const p99s = rounds.map((r) => percentile(r.samples, 99));
  const p99 = Math.min(...p99s);
  const best = rounds[p99s.indexOf(p99)]!;
  const consistent = rounds.every((r) => r.consistent);
  return [
    {
      figure: `store (PostgreSQL): recordAttempt p50 (best of ${ROUNDS} rounds × ${best.samples.length} attempts)`,
      value: formatMs(percentile(best.samples, 50)),
      target: '—',
      met: null,
    },
    {
      figure: 'store (PostgreSQL): recordAttempt p99 (best round / worst round)',
      value: `${formatMs(p99)} / ${formatMs(Math.max(...p99s))}`,
      target: '—',
      met: null,
    },
    {
      figure: 'store (PostgreSQL): period totals = recomputation from day results',
      value: consistent ? 'equal' : 'DIFFERENT',
      target: 'equal',
      met: consistent,
    },
  ];
}

/** The database of `store.ts`'s leaderboard figures, generated in SQL in one transaction, indexes built after. */
const GENERATE = `
  INSERT INTO workspaces (id, platform, external_id, time_zone) VALUES (1, 'console', 'bench', 'UTC');
  INSERT INTO channels (id, workspace_id, external_id, schedule_time, time_zone) VALUES (1, 1, 'general', '09:00', 'UTC');
  INSERT INTO users (id, workspace_id, external_id, display_name)
  SELECT i, 1, 'u' || i, 'User ' || i FROM generate_series(1, ${USERS}) AS i;
  INSERT INTO daily_challenges (id, channel_id, day, topic_id, claimed_at, posted_at, closed_at)
  SELECT i + 1, 1, to_char(DATE '${FIRST_DAY}' + i, 'YYYY-MM-DD'), 'topic-' || i, 0, 0, 0
  FROM generate_series(0, ${DAYS - 1}) AS i;
  INSERT INTO attempts (challenge_id, user_id, attempt_number, text, score, passed, concepts, feedback, at)
  SELECT c.id, u.id, 1, 'generated answer', ${SCORE}, (${SCORE} >= 60)::int, '{}', '', c.id * 86400000
  FROM daily_challenges c CROSS JOIN users u
  WHERE (u.id * 7 + c.id * 13) % ${SKIP_MODULO} <> 0;
  INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points)
  SELECT challenge_id, user_id, 1, score, id, passed, passed, score FROM attempts;
  INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points)
  SELECT 1, r.user_id, p.kind,
         CASE p.kind WHEN 'week' THEN to_char(d.day::date, 'IYYY-"W"IW') WHEN 'month' THEN substr(d.day, 1, 7)
              ELSE 'all' END,
         SUM(r.points)
  FROM challenge_results r JOIN daily_challenges d ON d.id = r.challenge_id
  CROSS JOIN (VALUES ('week'), ('month'), ('all')) AS p (kind)
  GROUP BY 1, 2, 3, 4;
  INSERT INTO streaks (user_id, workspace_id, current, longest, freezes, last_counted_day)
  SELECT id, 1, 1 + id % 40, 1 + id % 40 + id % 7, id % 3, to_char(DATE '${TODAY}' - (1 + id % 4)::int, 'YYYY-MM-DD')
  FROM users;
  SELECT setval(pg_get_serial_sequence('attempts', 'id'), (SELECT MAX(id) FROM attempts));`;

async function benchLeaderboard(server: PostgresServer): Promise<BenchRow[]> {
  const url = await server.createDatabase();
  await (await openPostgresStore(connection(url))).close(); // migrated
  const started = performance.now();
  await sql(url, `BEGIN; ${GENERATE} COMMIT; ANALYZE;`);
  const generatedMs = performance.now() - started;
  const store = await openPostgresStore(connection(url));
  try {
    const base: LeaderboardQuery = {
      workspace: { platform: 'console', externalId: 'bench' },
      period: 'week',
      today: TODAY,
      by: 'points',
      teams: false,
      limit: 10,
    };
    const query = (q: LeaderboardQuery) => async () => {
      if ((await store.leaderboard(q)).length === 0)
        throw new Error('empty leaderboard: the generated database is wrong');
    };
    await timeRuns(5, query(base));
    const rounds: number[][] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await timeRuns(200, query(base)));
    const p99s = rounds.map((r) => percentile(r, 99));
    const p99 = Math.min(...p99s);
    const weekly = rounds[p99s.indexOf(p99)]!;
    return [
      {
        figure: `store (PostgreSQL): weekly leaderboard p50 / p99 (${USERS / 1000}k users, ${EXPECTED_ATTEMPTS / 1e6}M attempts; best of ${ROUNDS} × 200)`,
        value: `${formatMs(percentile(weekly, 50))} / ${formatMs(p99)}`,
        target: '—',
        met: null,
      },
      {
        figure: 'store (PostgreSQL): weekly leaderboard by streak p50',
        value: formatMs(percentile(await timeRuns(20, query({ ...base, by: 'streak' })), 50)),
        target: '—',
        met: null,
      },
      {
        figure: `store (PostgreSQL): generating the ${EXPECTED_ATTEMPTS / 1e6}M-attempt database`,
        value: formatMs(generatedMs),
        target: '—',
        met: null,
      },
    ];
  } finally {
    await store.close();
  }
}

export const suite: BenchSuite = {
  name: 'store-postgres',
  async run() {
    const binDir = findPostgresBinaries();
    if (binDir === null) {
      return [{ figure: 'store (PostgreSQL)', value: 'skipped: no /usr/lib/postgresql/*/bin', target: '—', met: null }];
    }
    const server = await startPostgresServer(binDir);
    try {
      return [...(await benchRecordAttempt(server)), ...(await benchLeaderboard(server))];
    } finally {
      await server.stop();
    }
  },
};
