/**
 * Issue 15: answers per second one tutor process sustains with p99 under 100 ms, on the database BENCH_DATABASE
 * names (SQLite by default; a `postgres://` URL once that store exists). Each answer is graded against the seed's
 * posted challenge and recorded (attempt, best, streak, points) in its own transaction. Offered open-loop at
 * rising rates, each for a few seconds; the figure is the highest rate whose p99 stays under the target and which
 * the process kept up with (answered as many as were offered in the window).
 */
import os from 'node:os';
import path from 'node:path';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';
import { answeringTutor, benchDatabaseEnv, openLoop } from './throughput-support.js';

const RATES = [50, 100, 200, 400, 800, 1600];
const STEP_MS = 4_000;
const P99_TARGET_MS = 100;

export const suite: BenchSuite = {
  name: 'throughput',
  async run(): Promise<BenchRow[]> {
    const { env, label } = benchDatabaseEnv();
    const tutor = await answeringTutor(path.resolve('knowledge'), env);
    await openLoop(50, tutor.answer, (ms) => ms > 1_000);
    const rows: BenchRow[] = [];
    let sustained = 0;
    for (const rate of RATES) {
      const started = performance.now();
      const latencies = await openLoop(rate, tutor.answer, (ms) => ms > STEP_MS);
      const achieved = latencies.length / ((performance.now() - started) / 1000);
      const p99 = percentile(latencies, 99);
      rows.push({
        figure: `answers offered at ${rate}/s, one process on ${label}: achieved; p50 / p99`,
        value: `${Math.round(achieved)}/s; ${formatMs(percentile(latencies, 50))} / ${formatMs(p99)}`,
        target: '—',
        met: null,
      });
      if (p99 >= P99_TARGET_MS) break;
      sustained = Math.round(achieved);
    }
    await tutor.services.close();
    return [
      { figure: 'machine load (1-min average) at the end', value: os.loadavg()[0]!.toFixed(1), target: '—', met: null },
      {
        figure: `answers per second sustained with p99 < ${P99_TARGET_MS} ms, one process on ${label}`,
        value: sustained > 0 ? `${sustained}/s` : `none (p99 ≥ ${P99_TARGET_MS} ms at ${RATES[0]}/s)`,
        target: '—',
        met: null,
      },
      ...rows,
    ];
  },
};
