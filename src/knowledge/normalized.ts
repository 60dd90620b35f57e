/**
 * The normalized title and body of every node and its parent's position, computed once per graph and shared
 * by the graph builder (mentions) and the lookup index: normalizing a 10 MB tree is one of the largest costs of
 * a load. Held per graph, as parallel arrays in the order of `graph.nodes` (no object per node).
 */
import { normalizeForIndex } from '../text/tokenize.js';
import type { KnowledgeGraph } from './types.js';

export interface NormalizedNodes {
  readonly titles: readonly string[];
  readonly bodies: readonly string[];
  /** Position of each node's parent in the same order; -1 for a top-level note. */
  readonly parents: Int32Array;
}

export function normalizeBody(body: string): string {
  return body ? normalizeForIndex(body) : '';
}

const byGraph = new WeakMap<KnowledgeGraph, NormalizedNodes>();

export function rememberNormalized(graph: KnowledgeGraph, normalized: NormalizedNodes): void {
  byGraph.set(graph, normalized);
}

/** The normalized nodes of a graph (computed here for a graph built elsewhere). */
export function normalizedNodes(graph: KnowledgeGraph): NormalizedNodes {
  let normalized = byGraph.get(graph);
  if (!normalized) {
    const nodes = [...graph.nodes.values()];
    const positions = new Map(nodes.map((node, at) => [node.id, at]));
    normalized = {
      titles: nodes.map((node) => normalizeForIndex(node.title)),
      bodies: nodes.map((node) => normalizeBody(node.body)),
      parents: Int32Array.from(nodes, (node) => (node.parentId === null ? -1 : (positions.get(node.parentId) ?? -1))),
    };
    byGraph.set(graph, normalized);
  }
  return normalized;
}
