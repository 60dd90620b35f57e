/**
 * The knowledge base the tutor core consumes: the graph, its lookup index and the challenges derived from
 * (or curated over) it. Built once per load; a reload swaps the whole value.
 */
import type { Challenge } from '../grading/types.js';
import type { KnowledgeGraph, LoadWarning, NodeId } from '../knowledge/types.js';

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
  /** When `results` is empty: the nearest topics, so the answer is never an empty line. */
  readonly nearest: readonly TopicRef[];
}

export interface KnowledgeBase {
  readonly graph: KnowledgeGraph;
  lookup(query: string, limit?: number): LookupResult;
  /** Top titles for a prefix or fragment (at most `limit`, default 25). */
  autocomplete(fragment: string, limit?: number): readonly TopicRef[];
  /** Curated, else derived, else built from the node's own text; `null` for a node with no content to grade. */
  challengeFor(topicId: NodeId): Challenge | null;
  /** Topics fit for a daily challenge (curated and derived ones with both a pain and a fix), in a stable order. */
  dailyTopics(): readonly NodeId[];
  /** Whether the topic's challenge comes from the curated overlay (preferred for daily posts). */
  isCurated(topicId: NodeId): boolean;
  /** Every warning of the load (notes, glossary, overlay), with file:line. */
  readonly warnings: readonly LoadWarning[];
}
