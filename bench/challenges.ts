/**
 * Challenge benchmarks: what the challenge layer adds to a knowledge-base load (overlay + title index + edge
 * maps, on a generated ~100k-node tree), the one-time TF-IDF count on first use, uncached `challengeFor`
 * latency, and the first `dailyTopics()` call; the seed's figures beside them for context.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../src/challenges/knowledge-base.js';
import { createGraphView } from '../src/challenges/plan.js';
import { createDeriver } from '../src/challenges/derive.js';
import { buildKnowledgeBase } from '../src/challenges/knowledge-base.js';
import { createTitleIndex, parseOverlay } from '../src/challenges/overlay.js';
import { buildGraph } from '../src/knowledge/graph.js';
import { loadKnowledgeGraph } from '../src/knowledge/load.js';
import type { KnowledgeGraph, NodeId } from '../src/knowledge/types.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';

const SEED_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));
const PRIMER_DIR = fileURLToPath(new URL('../../shared/corpora/system-design-primer/', import.meta.url));
const EVAL_NOTES = fileURLToPath(new URL('../tests/grading/eval/notes/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A knowledge root holding one primer file alone (copied to a temp folder, never into the project). */
function primerRoot(file: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-bench-primer-'));
  copyFileSync(path.join(PRIMER_DIR, file), path.join(dir, file));
  return dir;
}

/** Daily topics per note set, and how many of them are labels or asides (the target is none). */
async function topicRows(): Promise<BenchRow[]> {
  const sets: [string, string][] = [
    ['seed', SEED_DIR],
    ['primer-zh', primerRoot('README-zh-Hans.md')],
    ['primer-en', primerRoot('README.md')],
    ['linux-ops', path.join(EVAL_NOTES, 'linux-ops')],
    ['web-perf', path.join(EVAL_NOTES, 'web-perf')],
    ['ml-training', path.join(EVAL_NOTES, 'ml-training')],
  ];
  const counts: string[] = [];
  let labels = 0;
  let total = 0;
  for (const [name, dir] of sets) {
    const kb = await loadKnowledgeBase(dir);
    const view = createGraphView(kb.graph);
    const daily = kb.dailyTopics();
    const asLabels = daily.filter((id) => view.label(id) !== null || view.aside(id)).length;
    counts.push(`${name} ${daily.length}`);
    labels += asLabels;
    total += daily.length;
  }
  return [
    { figure: `daily topics per note set (${counts.join(', ')})`, value: String(total), target: '—', met: null },
    {
      figure: 'daily topics that are labels (痛点/解法/Pain/Fix/缺点…) or asides, all six sets',
      value: `${labels} of ${total}`,
      target: '0',
      met: labels === 0,
    },
  ];
}

/** The hand-labelled samples of derived concepts (bench/fixtures): real terms before and after the segmenter. */
function conceptRows(): BenchRow[] {
  const share = (file: string) => {
    const { concepts } = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as {
      concepts: { real: boolean }[];
    };
    return `${concepts.filter((c) => c.real).length} of ${concepts.length}`;
  };
  return [
    {
      figure: 'derived concepts that are real terms, hand-labelled sample: before (n-gram TF-IDF) → after (segmenter)',
      value: `${share('derived-concepts-before.json')} → ${share('derived-concepts-after.json')}`,
      target: '—',
      met: null,
    },
  ];
}
const TARGET_NODES = 100_000;
const SAMPLES = 300;

/** The seed's outline repeated under numbered top-level notes until the tree has ~100k nodes. */
function bigGraph(seed: string, seedNodes: number): KnowledgeGraph {
  const copies = Math.ceil(TARGET_NODES / seedNodes);
  const nested = seed
    .split('\n')
    .map((line) => (line.startsWith('--') ? `>${line.replace(/^-+/, '')}` : `\t${line}`))
    .join('\n');
  const text = Array.from({ length: copies }, (_, i) => `--副本${i}：第${i}份笔记\n${nested}`).join('\n');
  return buildGraph([{ path: 'big.txt', text }]);
}

function time<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function row(figure: string, ms: number, targetMs: number | null): BenchRow {
  return {
    figure,
    value: formatMs(ms),
    target: targetMs === null ? '—' : `< ${formatMs(targetMs)}`,
    met: targetMs === null ? null : ms < targetMs,
  };
}

export const suite: BenchSuite = {
  name: 'challenges',
  async run() {
    const seedGraph = await loadKnowledgeGraph(SEED_DIR);
    const overlay = await readFile(`${SEED_DIR}challenges.json`, 'utf8');
    const seedText = await readFile(`${SEED_DIR}architecture-notes.zh.txt`, 'utf8');
    const rows: BenchRow[] = [...(await topicRows()), ...conceptRows()];

    const seedKb = buildKnowledgeBase(seedGraph, overlay);
    const seedAll = time(() => [...seedGraph.nodes.keys()].filter((id) => seedKb.challengeFor(id) !== null).length);
    rows.push(
      row(
        `seed: challengeFor every node (${seedAll.value} of ${seedGraph.nodes.size} gradable), cold`,
        seedAll.ms,
        null,
      ),
    );

    const graph = bigGraph(seedText, seedGraph.nodes.size);
    const n = graph.nodes.size;
    const layer = time(() => {
      parseOverlay(overlay, createTitleIndex(graph));
      return createDeriver(graph);
    });
    rows.push(row(`${n} nodes: challenge layer build (overlay, title index, edge maps)`, layer.ms, 1000));

    const deriver = layer.value;
    const ids = [...graph.nodes.keys()];
    const first = time(() => deriver.derive(ids[ids.length >> 1] as NodeId));
    rows.push(row(`${n} nodes: first challenge (TF-IDF counted once)`, first.ms, 1500));

    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const id = ids[(i * 7919) % ids.length] as NodeId;
      samples.push(time(() => deriver.derive(id)).ms);
    }
    rows.push(row(`${n} nodes: uncached challengeFor p50`, percentile(samples, 50), null));
    rows.push(row(`${n} nodes: uncached challengeFor p99`, percentile(samples, 99), 50));

    const kb = buildKnowledgeBase(graph, overlay);
    const daily = time(() => kb.dailyTopics().length);
    rows.push(row(`${n} nodes: first dailyTopics() (${daily.value} topics)`, daily.ms, 3000));
    return rows;
  },
};
