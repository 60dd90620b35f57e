/**
 * The normalized title and body of every node, computed once per graph and shared by the graph builder
 * (mentions) and the lookup index: normalizing a 10 MB tree is one of the largest costs of a load.
 * Held per graph, in the order of `graph.nodes`.
 */
import { normalizeForIndex } from '../text/tokenize.js';
import type { KnowledgeGraph, KnowledgeNode } from './types.js';

export interface NormalizedText {
  readonly title: string;
  readonly body: string;
}

export function normalizeNode(node: Pick<KnowledgeNode, 'title' | 'body'>): NormalizedText {
  return { title: normalizeForIndex(node.title), body: node.body ? normalizeForIndex(node.body) : '' };
}

const byGraph = new WeakMap<KnowledgeGraph, readonly NormalizedText[]>();

export function rememberNormalized(graph: KnowledgeGraph, texts: readonly NormalizedText[]): void {
  byGraph.set(graph, texts);
}

/** The normalized texts of a graph's nodes, in `graph.nodes` order (computed here for a graph built elsewhere). */
export function normalizedTexts(graph: KnowledgeGraph): readonly NormalizedText[] {
  let texts = byGraph.get(graph);
  if (!texts) {
    texts = [...graph.nodes.values()].map(normalizeNode);
    byGraph.set(graph, texts);
  }
  return texts;
}
