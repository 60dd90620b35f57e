/**
 * The knowledge base the tutor core consumes: the graph, its lookup index and the challenges derived from
 * (or curated over) it. Built once per load; a reload swaps the whole value.
 */
import type { Challenge } from '../grading/types.js';
import type { LookupResult, TopicHit, TopicRef } from '../knowledge/search/results.js';
import type { KnowledgeGraph, LoadWarning, NodeId, SourceRef } from '../knowledge/types.js';

export type { LookupResult, TopicHit, TopicRef } from '../knowledge/search/results.js';

/** One step of a chain: a node, and what it says in a few words (a label's text rather than `缺点`). */
export interface ChainStep {
  readonly topicId: NodeId;
  readonly title: string;
}

/**
 * Pain → fix → new pain, where the notes say what a fix brings (an introduces edge): `fix` fixed `pain`, and
 * brings `newPain`, whose own text (and fix, when the notes give one) grades the follow-up challenge.
 */
export interface Chain {
  readonly pain: ChainStep;
  readonly fix: ChainStep;
  readonly newPain: ChainStep;
  /** The topics a learner passes to be offered this chain: the pain's and the fix's (a label's is its parent). */
  readonly from: readonly NodeId[];
  /** Where the new pain is written. */
  readonly source: SourceRef;
}

/** What a topic query resolves to: the best hit, with its challenge (`null`: nothing to grade), or nothing. */
export type TopicResolution =
  | { readonly found: true; readonly topic: TopicHit; readonly challenge: Challenge | null }
  | { readonly found: false; readonly query: string; readonly nearest: readonly TopicRef[] };

export interface KnowledgeBase {
  readonly graph: KnowledgeGraph;
  /** Best first; a label hit (`缺点`, `Fix`) stands for the topic it feeds, its parent. */
  lookup(query: string, limit?: number): LookupResult;
  /**
   * The one topic resolution behind `tutor grade --topic`, `/practice` and `/topic`: the best hit of `lookup`
   * (insensitive to case, width, spaces and punctuation inside Chinese; English finds Chinese through the
   * glossary), or nothing when no topic is above the similarity floor.
   */
  resolveTopic(query: string): TopicResolution;
  /** Top titles for a prefix or fragment (at most `limit`, default 25). */
  autocomplete(fragment: string, limit?: number): readonly TopicRef[];
  /** Curated, else derived, else built from the node's own text; `null` for a node with no content to grade. */
  challengeFor(topicId: NodeId): Challenge | null;
  /** Topics fit for a daily challenge (curated and derived ones with both a pain and a fix), in a stable order. */
  dailyTopics(): readonly NodeId[];
  /** Whether the topic's challenge comes from the curated overlay (preferred for daily posts). */
  isCurated(topicId: NodeId): boolean;
  /** The notes' pain → fix → new-pain paths (introduces edges with what their fix fixed), in note order. */
  chains(): readonly Chain[];
  /** The chains passing this topic offers: those whose pain or fix it is. */
  chainsFrom(topicId: NodeId): readonly Chain[];
  /** A chain's follow-up, graded against its new-pain node; `null` when that node holds nothing to grade. */
  chainChallenge(newPainId: NodeId): Challenge | null;
  /** Every warning of the load (notes, glossary, overlay), with file:line. */
  readonly warnings: readonly LoadWarning[];
}
