/**
 * The normalized title and body of a node, computed once per node and shared by the graph builder (mentions)
 * and the lookup index: normalizing a 10 MB tree is the largest single cost of a load.
 */
import { normalizeForIndex } from '../text/tokenize.js';
import type { KnowledgeNode } from './types.js';

export interface NormalizedText {
  readonly title: string;
  readonly body: string;
}

const cache = new WeakMap<KnowledgeNode, NormalizedText>();

export function normalizedOf(node: KnowledgeNode): NormalizedText {
  let found = cache.get(node);
  if (!found) {
    found = { title: normalizeForIndex(node.title), body: node.body ? normalizeForIndex(node.body) : '' };
    cache.set(node, found);
  }
  return found;
}
