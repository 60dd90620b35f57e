/** The seed notes, loaded once per test file, and ways to find its nodes by path. */
import { fileURLToPath } from 'node:url';
import { loadKnowledgeGraph } from '../../src/knowledge/load.js';
import type { KnowledgeGraph, KnowledgeNode } from '../../src/knowledge/types.js';

export const SEED_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

let seed: Promise<KnowledgeGraph> | null = null;

export function seedGraph(): Promise<KnowledgeGraph> {
  seed ??= loadKnowledgeGraph(SEED_DIR);
  return seed;
}

/** The one node whose path ends with these titles; throws when there is not exactly one. */
export function nodeAt(graph: KnowledgeGraph, ...titles: string[]): KnowledgeNode {
  const found = [...graph.nodes.values()].filter(
    (n) => n.path.length >= titles.length && titles.every((t, i) => n.path[n.path.length - titles.length + i] === t),
  );
  if (found.length !== 1) throw new Error(`${titles.join(' > ')}: ${found.length} nodes`);
  return found[0] as KnowledgeNode;
}

/** Every label and alias of a group, lower-cased, for loose assertions. */
export function words(concepts: readonly { label: string; aliases: readonly string[] }[]): string[] {
  return concepts.flatMap((c) => [c.label, ...c.aliases]).map((w) => w.toLowerCase());
}
