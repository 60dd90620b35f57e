/** Looking a topic up in the notes: `/topic` and `tutor topic` ask the same lookup, best hit first. */
import type { KnowledgeBase, LookupResult, TopicHit } from '../../challenges/types.js';
import type { LoadWarning } from '../../knowledge/types.js';

export type { LookupResult, TopicHit };

export interface TopicLookup {
  readonly result: LookupResult;
  /** No note was loaded at all: "nothing matches" says why. */
  readonly emptyKnowledge: boolean;
  /** The notes' load errors (file:line): a topic missing from a broken file is explained by them. */
  readonly loadErrors: readonly LoadWarning[];
}

/** The best `limit` hits for a query (Chinese, English or mixed), or the close topics when none matches. */
export function lookUpTopic(kb: KnowledgeBase, query: string, limit: number): TopicLookup {
  return {
    result: kb.lookup(query, limit),
    emptyKnowledge: kb.graph.nodes.size === 0,
    loadErrors: kb.graph.warnings.filter((w) => w.severity === 'error'),
  };
}
