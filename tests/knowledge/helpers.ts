/** Shared fixtures for the knowledge tests: the seed, the shipped glossary, graphs built from text. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gradingToolsFor } from '../../src/grading/tools.js';
import { parseGlossary } from '../../src/knowledge/glossary.js';
import { buildGraph } from '../../src/knowledge/graph.js';
import { createTopicIndex, type TopicIndex } from '../../src/knowledge/search.js';
import type { KnowledgeGraph, KnowledgeNode } from '../../src/knowledge/types.js';
import type { BilingualDictionary } from '../../src/text/bilingual.js';

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));
export const SEED_FILE = 'architecture-notes.zh.txt';
export const PRIMER_DIR = fileURLToPath(new URL('../../../shared/corpora/system-design-primer/', import.meta.url));

export const seedText = (): string => readFileSync(`${KNOWLEDGE_DIR}${SEED_FILE}`, 'utf8');
export const shippedGlossary = () =>
  parseGlossary(readFileSync(`${KNOWLEDGE_DIR}glossary.json`, 'utf8'), 'glossary.json');

export function seedGraph(): KnowledgeGraph {
  return buildGraph([{ path: SEED_FILE, text: seedText() }], shippedGlossary().glossary);
}

export function outlineGraph(text: string, path = 'notes.txt'): KnowledgeGraph {
  return buildGraph([{ path, text }]);
}

/** Every node with this exact title. */
export function byTitle(graph: KnowledgeGraph, title: string): KnowledgeNode[] {
  return [...graph.nodes.values()].filter((n) => n.title === title);
}

export function only(graph: KnowledgeGraph, title: string): KnowledgeNode {
  const found = byTitle(graph, title);
  if (found.length !== 1) throw new Error(`expected one node titled ${title}, found ${found.length}`);
  return found[0] as KnowledgeNode;
}

export function parentTitle(graph: KnowledgeGraph, node: KnowledgeNode): string | undefined {
  return node.parentId === null ? undefined : graph.nodes.get(node.parentId)?.title;
}

/** The tree as indented titles, for compact structural assertions. */
export function shape(graph: KnowledgeGraph): string[] {
  const out: string[] = [];
  const walk = (id: string) => {
    const node = graph.nodes.get(id) as KnowledgeNode;
    out.push(`${'  '.repeat(node.depth)}${node.title}${node.body ? ` = ${node.body}` : ''}`);
    node.childIds.forEach(walk);
  };
  graph.roots.forEach(walk);
  return out;
}

/** The topic index as the knowledge base builds it: the grading segmenter, and a dictionary when given. */
export function topicIndexOf(graph: KnowledgeGraph, dictionary?: BilingualDictionary): TopicIndex {
  return createTopicIndex(graph, {
    segmenter: () => gradingToolsFor(graph).segmenter,
    ...(dictionary ? { dictionary } : {}),
  });
}
