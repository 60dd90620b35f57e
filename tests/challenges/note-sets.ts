/** The note sets the topic tests run on: the seed, the System Design Primer (zh, en) and the eval's own notes. */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase, type ChallengeKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import type { KnowledgeNode } from '../../src/knowledge/types.js';
import { PRIMER_DIR } from '../knowledge/helpers.js';
import { SEED_DIR } from './seed.js';

const EVAL_NOTES = fileURLToPath(new URL('../grading/eval/notes/', import.meta.url));

/** A knowledge root holding one primer file alone, in a temp folder (the corpus is never copied into the project). */
function primerRoot(file: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-primer-'));
  copyFileSync(path.join(PRIMER_DIR, file), path.join(dir, file));
  return dir;
}

export const NOTE_SETS: Record<string, () => string> = {
  seed: () => SEED_DIR,
  'primer-zh': () => primerRoot('README-zh-Hans.md'),
  'primer-en': () => primerRoot('README.md'),
  'linux-ops': () => path.join(EVAL_NOTES, 'linux-ops'),
  'web-perf': () => path.join(EVAL_NOTES, 'web-perf'),
  'ml-training': () => path.join(EVAL_NOTES, 'ml-training'),
};

const loaded = new Map<string, Promise<ChallengeKnowledgeBase>>();

export function noteSet(name: string): Promise<ChallengeKnowledgeBase> {
  let kb = loaded.get(name);
  if (!kb) {
    kb = loadKnowledgeBase((NOTE_SETS[name] as () => string)());
    loaded.set(name, kb);
  }
  return kb;
}

/** The node at exactly this path of titles. */
export function nodeByPath(kb: ChallengeKnowledgeBase, ...titles: string[]): KnowledgeNode {
  const found = [...kb.graph.nodes.values()].filter((n) => n.path.join('\u0000') === titles.join('\u0000'));
  if (found.length !== 1) throw new Error(`${titles.join(' > ')}: ${found.length} nodes`);
  return found[0] as KnowledgeNode;
}
