/**
 * Spaced-review benchmarks on a generated SQLite database of LEARNERS × 300 cards (the scale is 100k
 * learners, 30M cards; `BENCH_REVIEW_LEARNERS` scales it down on a small machine). The file is cached in
 * os.tmpdir() between runs, because generating it takes minutes.
 * - choosing a learner's next due card (`dueCards(user, now, 1)`), p99;
 * - recording a review (log row + FSRS step + card write, one transaction), p99;
 * - `/progress` for a learner with 300 cards, p99;
 * - the database's size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { loadKnowledgeBase } from '../src/challenges/knowledge-base.js';
import { migrateDatabaseFile } from '../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../src/store/sqlite/store.js';
import { progressReport } from '../src/tutor/use-cases/progress.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';

const LEARNERS = Number(process.env.BENCH_REVIEW_LEARNERS ?? 100_000);
const CARDS = 300;
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T09:00:00Z');
const SAMPLES = 1_000;
const BIG_DB = path.join(os.tmpdir(), `tutor-bench-reviews-${LEARNERS}l-${CARDS}c-v1.db`);

/** Cards due over ±60 days around NOW, stabilities and difficulties spread as a real deck's are. */
function generate(file: string): number {
  const started = performance.now();
  migrateDatabaseFile(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`INSERT INTO workspaces (id, platform, external_id, time_zone) VALUES (1, 'console', 'bench', 'UTC')`);
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${LEARNERS})
      INSERT INTO users (id, workspace_id, external_id, display_name) SELECT i, 1, 'u' || i, 'User ' || i FROM n`);
    // Learner by learner, in the primary key's order, so the B-tree is appended to rather than split.
    const insert = db.prepare(`
      WITH RECURSIVE t(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM t WHERE j < ${CARDS})
      INSERT INTO review_cards (user_id, topic_id, state, due, stability, difficulty, scheduled_days, learning_steps,
        reps, lapses, last_review, last_rating, last_score, created_at)
      SELECT @u, printf('topic-%04d', j), 2,
        ${NOW} + ((@u * 7919 + j * 104729) % 120 - 60) * ${DAY},
        1 + (@u * 31 + j * 17) % 60, 1 + (@u + j) % 9, 10, 0, 1 + j % 7, j % 3,
        ${NOW} - 10 * ${DAY}, 3, 50 + (@u + j) % 50, ${NOW} - 90 * ${DAY}
      FROM t`);
    const batch = db.transaction((from: number, to: number) => {
      for (let u = from; u <= to; u++) insert.run({ u });
    });
    for (let from = 1; from <= LEARNERS; from += 1_000) batch(from, Math.min(LEARNERS, from + 999));
  } finally {
    db.close();
  }
  return performance.now() - started;
}

async function timed(runs: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

const learner = (i: number) => ({
  platform: 'console' as const,
  workspaceExternalId: 'bench',
  externalId: `u${1 + ((i * 7_919) % LEARNERS)}`,
  displayName: `User ${i}`,
});

async function run(): Promise<BenchRow[]> {
  const generatedMs = fs.existsSync(BIG_DB) ? null : generate(BIG_DB);
  const store = openSqliteStore(BIG_DB);
  const scale = `${LEARNERS / 1000}k learners × ${CARDS} cards`;
  try {
    const now = new Date(NOW);
    const next = await timed(SAMPLES, (i) => store.dueCards(learner(i), now, 1));
    const record = await timed(SAMPLES, (i) =>
      store.recordReview({
        user: learner(i + 13),
        topicId: `topic-${String(1 + (i % CARDS)).padStart(4, '0')}`,
        kind: 'review',
        score: 40 + (i % 60),
        rating: (['again', 'hard', 'good', 'easy'] as const)[i % 4]!,
        missed: i % 2 === 0 ? ['a concept'] : [],
        at: new Date(NOW + i * 1000),
        dedupeKey: `bench:${process.pid}:${Date.now()}:${i}`,
        retention: 0.9,
      }),
    );
    const kb = await loadKnowledgeBase(path.resolve('knowledge'));
    const progress = await timed(200, (i) =>
      progressReport(store, kb, learner(i + 29), { now, zone: 'UTC', retention: 0.9 }),
    );
    const bytes = ['', '-wal'].reduce((sum, suffix) => {
      const file = `${BIG_DB}${suffix}`;
      return sum + (fs.existsSync(file) ? fs.statSync(file).size : 0);
    }, 0);
    const p99 = (samples: number[]) => percentile(samples, 99);
    // The median beside the tail: on a shared machine the tail moves with the load.
    const both = (samples: number[]) => `${formatMs(percentile(samples, 50))} / ${formatMs(p99(samples))}`;
    return [
      {
        figure: `reviews: next due card p50 / p99 (${scale})`,
        value: both(next),
        target: 'p99 < 1 ms',
        met: p99(next) < 1,
      },
      {
        figure: 'reviews: recording a review p50 / p99',
        value: both(record),
        target: 'p99 < 0.5 ms',
        met: p99(record) < 0.5,
      },
      {
        figure: `reviews: /progress for a learner (${CARDS} cards) p50 / p99`,
        value: both(progress),
        target: 'p99 < 5 ms',
        met: p99(progress) < 5,
      },
      {
        figure: `reviews: database size (${((LEARNERS * CARDS) / 1e6).toFixed(1)}M cards)`,
        value: `${(bytes / 2 ** 30).toFixed(2)} GiB`,
        target: 'reported',
        met: null,
      },
      {
        figure: 'reviews: generating the database',
        value: generatedMs === null ? `cached (${path.basename(BIG_DB)})` : formatMs(generatedMs),
        target: '—',
        met: null,
      },
    ];
  } finally {
    await store.close();
  }
}

export const suite: BenchSuite = { name: 'reviews', run };
