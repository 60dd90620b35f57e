/**
 * The lookup part of the evaluation: the English queries on the Chinese primer (tests/grading/eval/lookup/), each
 * a hit when one of the top 3 results of `KnowledgeBase.lookup` has an expected heading path; beside a naive
 * baseline that ranks headings by how many of the query's English words their title (then their text) spells.
 * `tsx bench/eval/lookup.ts [--half tune|holdout]` prints both rates and the tutor's misses.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import type { KnowledgeGraph } from '../../src/knowledge/types.js';
import { HALVES, loadLookupQueries, noteSetRoot, type Half } from '../../tests/grading/eval-data.js';
import { hitAt, rateOf, type Rate } from './metrics.js';

const K = 3;

export interface LookupMiss {
  readonly id: string;
  readonly query: string;
  readonly top: readonly string[];
}

export interface LookupFigures {
  readonly hitAt3: Rate;
  /** The naive baseline's hit@3 on the same queries. */
  readonly naive: Rate;
  readonly misses: readonly LookupMiss[];
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/**
 * The naive baseline: per heading, the query's words found in its title (each worth 2) or its body (1), as
 * lower-case substrings; the top `k` headings with any, most words first, then in note order.
 */
export function naiveLookup(graph: KnowledgeGraph, query: string, k: number): (readonly string[])[] {
  const wanted = [...new Set(words(query))];
  if (wanted.length === 0) return [];
  const scored: { path: readonly string[]; score: number; at: number }[] = [];
  let at = 0;
  for (const node of graph.nodes.values()) {
    const title = node.title.toLowerCase();
    const body = node.body.toLowerCase();
    let score = 0;
    for (const w of wanted) score += title.includes(w) ? 2 : body.includes(w) ? 1 : 0;
    if (score > 0) scored.push({ path: node.path, score, at });
    at++;
  }
  return scored
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .slice(0, k)
    .map((s) => s.path);
}

export async function lookupFigures(half: Half): Promise<LookupFigures> {
  const queries = loadLookupQueries().filter((q) => q.half === half);
  const root = noteSetRoot('primer-zh');
  try {
    const kb = await loadKnowledgeBase(root.dir);
    const misses: LookupMiss[] = [];
    let naiveHits = 0;
    for (const q of queries) {
      const top = kb.lookup(q.query, K).results.map((r) => r.path);
      if (!hitAt(K, top, q.expected)) misses.push({ id: q.id, query: q.query, top: top.map((p) => p.join(' › ')) });
      if (hitAt(K, naiveLookup(kb.graph, q.query, K), q.expected)) naiveHits++;
    }
    return {
      hitAt3: rateOf(queries.length - misses.length, queries.length),
      naive: rateOf(naiveHits, queries.length),
      misses,
    };
  } finally {
    root.dispose();
  }
}

const percent = (rate: Rate) => `${(100 * rate.rate).toFixed(1)} % (${rate.hits}/${rate.total})`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { half } = parseArgs({ options: { half: { type: 'string', default: 'holdout' } } }).values;
  if (!(HALVES as readonly string[]).includes(half)) {
    console.error(`--half must be one of ${HALVES.join(', ')}, not "${half}"`);
    process.exit(2);
  }
  const figures = await lookupFigures(half as Half);
  console.log(`${half}: hit@${K} tutor ${percent(figures.hitAt3)} · naive ${percent(figures.naive)}`);
  for (const m of figures.misses) console.log(`${m.id}  "${m.query}"  top ${K}: ${m.top.join(' | ') || '(nothing)'}`);
}
