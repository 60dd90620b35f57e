/**
 * The held-out evaluation's data (tests/grading/eval/): labeled replies per note set and half, the English lookup
 * queries on the Chinese primer, and where each note set's knowledge root is. Validated with zod on load; shared
 * by the data test and the harness (`npm run eval`).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { KnowledgeGraph, KnowledgeNode } from '../../src/knowledge/types.js';
import { KNOWLEDGE_DIR, PRIMER_DIR } from '../knowledge/helpers.js';

const EVAL_DIR = fileURLToPath(new URL('./eval/', import.meta.url));

export const KINDS = [
  'good-own-words',
  'good-english',
  'good-mixed',
  'typo',
  'fix-before-pain',
  'partial',
  'keyword-list',
  'wrong',
  'off-topic',
  'negated',
  'junk',
] as const;
export type Kind = (typeof KINDS)[number];

export const HALVES = ['tune', 'holdout'] as const;
export type Half = (typeof HALVES)[number];

export const TIERS = ['good', 'partial', 'bad'] as const;
export type Tier = (typeof TIERS)[number];

/** Each note set and how its knowledge root is made: a folder of the repo, or one primer file alone in a temp folder. */
export const NOTE_SETS = {
  seed: { dir: KNOWLEDGE_DIR },
  'primer-zh': { primerFile: 'README-zh-Hans.md' },
  'primer-en': { primerFile: 'README.md' },
  'linux-ops': { dir: path.join(EVAL_DIR, 'notes/linux-ops') },
  'web-perf': { dir: path.join(EVAL_DIR, 'notes/web-perf') },
  'ml-training': { dir: path.join(EVAL_DIR, 'notes/ml-training') },
  'web-security': { dir: path.join(EVAL_DIR, 'notes/web-security') },
} as const satisfies Record<string, { dir: string } | { primerFile: string }>;
export type NoteSetId = keyof typeof NOTE_SETS;
const SET_IDS = Object.keys(NOTE_SETS) as [NoteSetId, ...NoteSetId[]];

const title = z.string().min(1);
const caseSchema = z
  .strictObject({
    id: z.string().min(1),
    set: z.enum(SET_IDS),
    topic: z.array(title).min(1),
    kind: z.enum(KINDS),
    reply: z.string().min(1),
    expected: z.enum(['pass', 'fail']),
    tier: z.enum(TIERS),
  })
  .refine((c) => (c.tier === 'good') === (c.expected === 'pass'), { message: 'a good tier passes, the others fail' });
export type EvalCase = z.infer<typeof caseSchema> & { readonly half: Half };

const querySchema = z.strictObject({
  id: z.string().min(1),
  half: z.enum(HALVES),
  query: z.string().min(1),
  expected: z.array(z.array(title).min(1)).min(1),
});
export type LookupQuery = z.infer<typeof querySchema>;

/** Every labeled case of one half (or both), file by file in name order. Throws on a malformed file, naming it. */
export function loadEvalCases(halves: readonly Half[] = HALVES): EvalCase[] {
  return halves.flatMap((half) => {
    const dir = path.join(EVAL_DIR, 'cases', half);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .flatMap((name) => {
        const parsed = z.array(caseSchema).safeParse(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
        if (!parsed.success) throw new Error(`cases/${half}/${name}: ${z.prettifyError(parsed.error)}`);
        return parsed.data.map((c) => ({ ...c, half }));
      });
  });
}

export function loadLookupQueries(): LookupQuery[] {
  const file = path.join(EVAL_DIR, 'lookup/en-queries.json');
  const parsed = z.object({ queries: z.array(querySchema) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`lookup/en-queries.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data.queries;
}

/** A note set's knowledge root; `dispose` removes the temp folder a primer file was copied into. */
export interface NoteSetRoot {
  readonly dir: string;
  dispose(): void;
}

export function noteSetRoot(set: NoteSetId): NoteSetRoot {
  const source: { dir: string } | { primerFile: string } = NOTE_SETS[set];
  if ('dir' in source) return { dir: source.dir, dispose: () => {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), `tutor-eval-${set}-`));
  copyFileSync(path.join(PRIMER_DIR, source.primerFile), path.join(dir, source.primerFile));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A topic's identity across the halves: its note set and its path. */
export function topicKey(c: Pick<EvalCase, 'set' | 'topic'>): string {
  return `${c.set}\u0000${c.topic.join('\u0000')}`;
}

/** The nodes whose path of titles is exactly `titles` (one, when the path is unambiguous). */
export function nodesAtPath(graph: KnowledgeGraph, titles: readonly string[]): KnowledgeNode[] {
  return [...graph.nodes.values()].filter(
    (n) => n.path.length === titles.length && n.path.every((t, i) => t === titles[i]),
  );
}
