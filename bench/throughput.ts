/**
 * Issue 15: answers per second sustained with p99 under 100 ms — one process on SQLite, one process on
 * PostgreSQL, three processes on one PostgreSQL database. Each answer is graded against the seed's posted
 * challenge and recorded (attempt, best, streak, points) in its own transaction, by a learner never seen before.
 * Offered open-loop at rising rates (split evenly among the processes), each for a few seconds; the figure is
 * the highest rate whose p99 stays under the target, given as the rate achieved (answers over the wall time of
 * the slowest process, so a process that fell behind lowers it).
 *
 * BENCH_DATABASE may name the SQLite file or a `postgres://` URL; without a URL the bench starts its own
 * PostgreSQL server (Debian's binaries) and stops it after, and without those binaries it says so in the table.
 */
import os from 'node:os';
import { findPostgresBinaries, startPostgresServer } from '../tests/support/postgres-cluster.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';
import { startAnswerers } from './throughput-processes.js';
import { temporarySqliteEnv } from './throughput-support.js';

const RATES = [50, 100, 200, 400, 800, 1600];
const STEP_MS = 4_000;
const P99_TARGET_MS = 100;

interface Setup {
  readonly label: string;
  readonly processes: number;
  readonly env: Record<string, string>;
}

const context = (figure: string, value: string): BenchRow => ({ figure, value, target: '—', met: null });

/** The sustained-rate row of `setup`, then one row per rate offered. */
async function risingRates(setup: Setup): Promise<{ summary: BenchRow; steps: BenchRow[] }> {
  const load = os.loadavg()[0]!.toFixed(1);
  const answerers = await startAnswerers(setup.processes, setup.env);
  const steps: BenchRow[] = [];
  let sustained = 0;
  try {
    for (const rate of RATES) {
      const { latencies, elapsedMs } = await answerers.step(rate, STEP_MS);
      const achieved = latencies.length / (elapsedMs / 1000);
      const p99 = percentile(latencies, 99);
      const p50 = percentile(latencies, 50);
      steps.push(
        context(
          `answers offered at ${rate}/s, ${setup.label}: achieved; p50 / p99`,
          `${Math.round(achieved)}/s; ${formatMs(p50)} / ${formatMs(p99)}`,
        ),
      );
      if (p99 >= P99_TARGET_MS) break;
      sustained = Math.round(achieved);
    }
  } finally {
    await answerers.stop();
  }
  const value = sustained > 0 ? `${sustained}/s` : `none (p99 ≥ ${P99_TARGET_MS} ms at ${RATES[0]}/s)`;
  const figure = `answers per second sustained with p99 < ${P99_TARGET_MS} ms, ${setup.label} (load ${load} at start)`;
  return { summary: context(figure, value), steps };
}

/** Two PostgreSQL databases (the given URL twice, or two fresh ones on a server started here), or why not. */
async function postgresDatabases(): Promise<{ urls: readonly [string, string]; stop(): Promise<void> } | string> {
  const given = process.env.BENCH_DATABASE;
  if (given?.startsWith('postgres')) return { urls: [given, given], stop: async () => undefined };
  const binDir = findPostgresBinaries();
  if (binDir === null) return 'skipped: no PostgreSQL binaries in /usr/lib/postgresql/*/bin';
  const server = await startPostgresServer(binDir);
  try {
    return { urls: [await server.createDatabase(), await server.createDatabase()], stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export const suite: BenchSuite = {
  name: 'throughput',
  async run(): Promise<BenchRow[]> {
    const given = process.env.BENCH_DATABASE;
    const sqlite = given && !given.startsWith('postgres') ? { TUTOR_DB: given } : temporarySqliteEnv();
    const results = [await risingRates({ label: 'one process on SQLite', processes: 1, env: sqlite })];
    const postgres = await postgresDatabases();
    const skipped: BenchRow[] = [];
    if (typeof postgres === 'string') {
      skipped.push(context('answers per second on PostgreSQL, one and three processes', postgres));
    } else {
      try {
        const [one, three] = postgres.urls;
        results.push(
          await risingRates({ label: 'one process on PostgreSQL', processes: 1, env: { TUTOR_DATABASE_URL: one } }),
        );
        results.push(
          await risingRates({
            label: 'three processes on PostgreSQL',
            processes: 3,
            env: { TUTOR_DATABASE_URL: three },
          }),
        );
      } finally {
        await postgres.stop();
      }
    }
    return [
      context('machine load (1-min average) at the end', os.loadavg()[0]!.toFixed(1)),
      ...results.map((r) => r.summary),
      ...skipped,
      ...results.flatMap((r) => r.steps),
    ];
  },
};
