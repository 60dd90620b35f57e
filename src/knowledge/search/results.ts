/** What a topic lookup returns: hits with their neighbourhood, or the topics close to a query that found none. */
import type { NodeId } from '../types.js';

export interface TopicRef {
  readonly id: NodeId;
  readonly title: string;
  readonly path: readonly string[];
}

export interface TopicHit extends TopicRef {
  readonly body: string;
  readonly children: readonly TopicRef[];
  /** Mentions, pain→fix and introduces neighbours (both directions), best first. */
  readonly related: readonly (TopicRef & { readonly relation: string })[];
  readonly score: number;
}

export interface LookupResult {
  readonly query: string;
  /** Best first; empty when nothing matches. */
  readonly results: readonly TopicHit[];
  /** When `results` is empty: topics close to the query (above a similarity floor; may be empty). */
  readonly nearest: readonly TopicRef[];
}
