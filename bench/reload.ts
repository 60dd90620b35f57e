/**
 * Issue 15 part 6: answers while the knowledge reloads. A 10 MB generated tree (the knowledge bench's generator)
 * beside the seed notes; answers offered open-loop at a steady rate (each by a new learner, graded against the
 * seed's posted challenge with the large tree's tools, and recorded). p99 at rest, then p99 of the answers that
 * arrived while a reload ran: the worker-thread reload the tutor uses, and for context the same reload done on
 * the main thread as before. Target: during the reload within 2× of at rest.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../src/challenges/knowledge-base.js';
import { warmGradingTools } from '../src/grading/tools.js';
import { generatedGlossary, generateNotes } from './knowledge.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';
import { answeringTutor, benchDatabaseEnv, openLoop } from './throughput-support.js';

const TREE_BYTES = 10 * 2 ** 20;
/** Below what one process grades with this tree's tools on a busy machine: the tail then shows stalls, not a queue. */
const RATE = 20;
/** About as many answers at rest as during a reload (130–160): the p99 of fewer is nearly their maximum. */
const REST_MS = 8_000;

function knowledgeWithTree(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'tutor-reload-bench-')), 'knowledge');
  cpSync(path.resolve('knowledge'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'generated-notes.txt'), generateNotes(TREE_BYTES));
  writeFileSync(path.join(dir, 'generated-glossary.json'), generatedGlossary());
  return dir;
}

/** Answers offered while `reload` runs; also the longest event-loop stall and how long the reload took. */
async function duringReload(
  answer: () => Promise<void>,
  reload: () => Promise<unknown>,
): Promise<{ latencies: number[]; stallMs: number; reloadMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let done = false;
  const started = performance.now();
  const reloading = reload().finally(() => (done = true));
  const latencies = await openLoop(RATE, answer, () => done, 10);
  await reloading;
  const reloadMs = performance.now() - started;
  histogram.disable();
  return { latencies, stallMs: histogram.max / 1e6, reloadMs };
}

export const suite: BenchSuite = {
  name: 'reload',
  async run(): Promise<BenchRow[]> {
    const dir = knowledgeWithTree();
    const { env } = benchDatabaseEnv();
    const tutor = await answeringTutor(dir, env);
    warmGradingTools(tutor.services.knowledge.current().graph);
    const nodes = tutor.services.knowledge.current().graph.nodes.size;
    await openLoop(RATE, tutor.answer, (ms) => ms > 1_000);
    const rest = await openLoop(RATE, tutor.answer, (ms) => ms > REST_MS);
    const restP99 = percentile(rest, 99);

    const worker = await duringReload(tutor.answer, async () => {
      const outcome = await tutor.services.knowledge.reload();
      if (!outcome.ok) throw new Error(`the reload failed: ${outcome.error}`);
    });
    const workerP99 = percentile(worker.latencies, 99);
    const inThread = await duringReload(tutor.answer, async () => {
      const next = await loadKnowledgeBase(dir);
      warmGradingTools(next.graph);
      next.dailyTopics();
    });
    await tutor.services.close();
    const ratio = workerP99 / restP99;
    return [
      { figure: 'machine load (1-min average) at the end', value: os.loadavg()[0]!.toFixed(1), target: '—', met: null },
      {
        figure: `reload bench: ${nodes.toLocaleString('en')} nodes (10 MB tree + seed), answers offered at ${RATE}/s`,
        value: '—',
        target: '—',
        met: null,
      },
      {
        figure: 'answer p50 / p99 at rest',
        value: `${formatMs(percentile(rest, 50))} / ${formatMs(restP99)}`,
        target: '—',
        met: null,
      },
      {
        figure: `answer p50 / p99 during a worker-thread reload (${worker.latencies.length} answers)`,
        value: `${formatMs(percentile(worker.latencies, 50))} / ${formatMs(workerP99)} (${ratio.toFixed(1)}× at rest)`,
        target: '≤ 2× at rest',
        met: ratio <= 2,
      },
      {
        figure: 'worker-thread reload: duration; longest main-thread stall',
        value: `${formatMs(worker.reloadMs)}; ${formatMs(worker.stallMs)}`,
        target: '—',
        met: null,
      },
      {
        figure: `context: same reload on the main thread (before): answer p99; longest stall (${inThread.latencies.length} answers)`,
        value: `${formatMs(percentile(inThread.latencies, 99))}; ${formatMs(inThread.stallMs)}`,
        target: '—',
        met: null,
      },
    ];
  },
};
