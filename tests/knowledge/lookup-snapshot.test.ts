/**
 * The lookup's outputs recorded on the seed and the corpora: the lookup index was split into files and moved onto
 * the shared segmenter, and these files show what that changed (nothing, for the split). A diff here is a change
 * of behaviour to explain, not a file to regenerate blindly.
 *
 * Queries are made from the notes themselves (every few titles: whole, a half, spaced, hyphenated, a misspelt
 * Latin word, a few characters for autocomplete) plus the English lookup queries of the evaluation and fixed odd
 * ones (empty, punctuation, nothing near).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import type { KnowledgeBase } from '../../src/challenges/types.js';
import { loadLookupQueries, noteSetRoot, type NoteSetId, type NoteSetRoot } from '../grading/eval-data.js';

const SETS: readonly NoteSetId[] = ['seed', 'primer-zh', 'primer-en', 'linux-ops', 'web-perf', 'ml-training'];
/** Every `STRIDE`-th node's title feeds the queries: a few hundred per set. */
const STRIDE = 7;
const FIXED = [
  '',
  '   ',
  '！！！',
  'xyzzyq',
  '量子纠缠',
  'redis',
  'cache',
  '缓存 一致性',
  '键值存储',
  'k8s',
  '分佈式事務',
];

function misspelt(title: string): string | null {
  const word = title.split(/\s+/).find((w) => /^[a-z]{6,}$/i.test(w));
  if (!word) return null;
  return title.replace(word, word.slice(0, 2) + (word[3] as string) + (word[2] as string) + word.slice(4));
}

function queriesOf(kb: KnowledgeBase): string[] {
  const out = new Set<string>(FIXED);
  [...kb.graph.nodes.values()].forEach((node, at) => {
    if (at % STRIDE !== 0) return;
    const t = node.title;
    out.add(t);
    if (t.length >= 4) {
      out.add(t.slice(0, Math.ceil(t.length / 2)));
      out.add(t.slice(Math.floor(t.length / 2)));
    }
    if (/\p{Script=Han}{3}/u.test(t)) out.add([...t].join(' ').replace(/ {2,}/g, ' '));
    if (/\p{Script=Han}{4}/u.test(t)) out.add(t.replace(/(\p{Script=Han}{2})(?=\p{Script=Han})/u, '$1-'));
    const typo = misspelt(t);
    if (typo) out.add(typo);
  });
  for (const q of loadLookupQueries()) out.add(q.query);
  return [...out];
}

function fragmentsOf(queries: readonly string[]): string[] {
  return [...new Set(queries.flatMap((q) => [q.slice(0, 1), q.slice(0, 2), q.slice(0, 4)]))];
}

function record(kb: KnowledgeBase): string {
  const queries = queriesOf(kb);
  const lines: string[] = [];
  for (const q of queries) {
    const { results, nearest } = kb.lookup(q, 5);
    lines.push(`lookup ${JSON.stringify(q)}`);
    for (const r of results) lines.push(`  ${r.score} ${r.path.join(' › ')}`);
    for (const n of nearest) lines.push(`  ~ ${n.path.join(' › ')}`);
  }
  for (const f of fragmentsOf(queries)) {
    lines.push(
      `autocomplete ${JSON.stringify(f)}: ${kb
        .autocomplete(f, 8)
        .map((r) => r.title)
        .join(' | ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const roots: NoteSetRoot[] = [];
afterAll(() => roots.forEach((root) => root.dispose()));

describe('lookup outputs on the seed and the corpora', () => {
  for (const set of SETS) {
    it(`match the recorded outputs: ${set}`, { timeout: 60_000 }, async () => {
      const root = noteSetRoot(set);
      roots.push(root);
      const kb = await loadKnowledgeBase(root.dir);
      const recorded = record(kb);
      expect(recorded.split('\n').filter((l) => l.startsWith('  ')).length).toBeGreaterThan(100);
      await expect(recorded).toMatchFileSnapshot(`./__snapshots__/lookup-${set}.txt`);
    });
  }
});
