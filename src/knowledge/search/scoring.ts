/**
 * Scoring and presenting candidates: a title against the query plan (whole-query matches first, then the share
 * of the query's words a title, its breadcrumb or its body holds), a node as a hit with its children and
 * related topics, and — when nothing matched — the nodes nearest the query, or the tree's hubs to browse from.
 */
import { boundedEditDistance } from '../../text/edit-distance.js';
import { gramKey, isHanToken, tokenize } from '../../text/tokenize.js';
import type { KnowledgeNode } from '../types.js';
import { MIN_WITHIN_TITLE } from './candidates.js';
import type { QueryPlan } from './plan.js';
import type { TopicHit, TopicRef } from './results.js';
import { lowerBound, type IndexTables } from './tables.js';

/** Every word of the query in one title scores at least this (100 + 100 for all groups): no translation needed. */
export const WHOLE_QUERY_SCORE = 200;
const MAX_CHILDREN = 50;
const MAX_RELATED = 12;
export const NEAREST = 5;
/**
 * A nearest topic shares at least this share of the query's characters and bigrams (Han), or is within one
 * edit of its words (Latin, two for long words): a query with nothing near gets no list of unrelated topics.
 */
const NEAREST_FLOOR = 0.5;
const MAX_HUB_TITLE = 24;
export const AUTOCOMPLETE_LIMIT = 25;

export function toRef(node: KnowledgeNode): TopicRef {
  return { id: node.id, title: node.title, path: node.path };
}

/** How well the node at `index` answers the query; 0 when it does not. */
export function scoreTitle(tables: IndexTables, index: number, query: QueryPlan): number {
  const title = tables.titles[index] as string;
  const body = tables.bodies[index] as string;
  let best = 0;
  for (const { text, weight } of query.wholes) {
    let s = 0;
    if (title === text) s = 1000;
    else if (title.startsWith(text)) s = 700 + (100 * text.length) / title.length;
    else if (title.includes(text)) s = 500 + (100 * text.length) / title.length;
    // A title inside the query ranks below any title holding every word of it (100 + 100 for all groups).
    else if (title.length >= MIN_WITHIN_TITLE && text.includes(title)) s = 100 + (99 * title.length) / text.length;
    else if (body.includes(text)) s = 150;
    if (s * weight > best) best = s * weight;
  }
  let sum = 0;
  let matched = 0;
  for (const group of query.groups) {
    let g = 0;
    for (const { text, weight } of group) {
      const s = title.includes(text) ? 100 : tables.contextOf(index).includes(text) ? 40 : body.includes(text) ? 25 : 0;
      if (s * weight > g) g = s * weight;
    }
    if (g > 0) matched++;
    sum += g;
  }
  const groupScore =
    sum / Math.max(1, query.groups.length) + (matched === query.groups.length && matched > 1 ? 100 : 0);
  const s = Math.max(best, groupScore);
  return s > 0 ? tieBroken(tables, index, s) : 0;
}

/** A score a hair lower for a deeper node and a longer title: of two equal matches, the section over its mention. */
export function tieBroken(tables: IndexTables, index: number, value: number): number {
  return value - (tables.nodeAt[index] as KnowledgeNode).depth * 0.01 - (tables.titles[index] as string).length * 0.001;
}

export function hitOf(tables: IndexTables, node: KnowledgeNode, value: number): TopicHit {
  const { graph, related } = tables;
  const children = node.childIds.slice(0, MAX_CHILDREN).map((id) => toRef(graph.nodes.get(id) as KnowledgeNode));
  const links = [...(related.get(node.id) ?? [])].sort((a, b) => a.rank - b.rank).slice(0, MAX_RELATED);
  return {
    ...toRef(node),
    body: node.body,
    children,
    related: links.map((r) => ({ ...toRef(graph.nodes.get(r.id) as KnowledgeNode), relation: r.relation })),
    score: Math.round(value * 10) / 10,
  };
}

/** The hubs of the tree (most children, short titles): what to offer when a query gives nothing to go on. */
export function hubsOf(nodeAt: readonly KnowledgeNode[]): TopicRef[] {
  return nodeAt
    .filter((node) => node.childIds.length > 0 && node.title.length <= MAX_HUB_TITLE)
    .sort((a, b) => b.childIds.length - a.childIds.length || a.depth - b.depth)
    .slice(0, AUTOCOMPLETE_LIMIT)
    .map(toRef);
}

/** Nodes sharing the most Han characters or near-spelt words with the query, above NEAREST_FLOOR. */
export function nearestTopics(tables: IndexTables, normalized: string): TopicRef[] {
  const { titleGrams, titleWords, sortedTitleWords, titles, nodeAt } = tables;
  const votes = new Map<number, number>();
  let possible = 0;
  const vote = (list: Int32Array | undefined, weight: number) => {
    for (const index of list ?? []) votes.set(index, (votes.get(index) ?? 0) + weight);
  };
  for (const token of tokenize(normalized)) {
    if (isHanToken(token)) {
      for (let i = 0; i < token.length; i++) {
        vote(titleGrams.get(token.charCodeAt(i)), 1);
        possible += 1;
        if (i + 1 < token.length) {
          vote(titleGrams.get(gramKey(token, i, 2)), 2);
          possible += 2;
        }
      }
    } else {
      possible += 3;
      const allowed = token.length >= 8 ? 2 : 1;
      const stem = token.slice(0, Math.min(3, token.length));
      let at = lowerBound(sortedTitleWords, stem);
      for (let n = 0; n < 20 && at < sortedTitleWords.length && sortedTitleWords[at]?.startsWith(stem); n++, at++) {
        const word = sortedTitleWords[at] as string;
        const distance = boundedEditDistance(token, word, allowed);
        if (distance <= allowed) vote(titleWords.get(word), 3 - distance);
      }
    }
  }
  const floor = possible * NEAREST_FLOOR;
  return [...votes.entries()]
    .filter(([, value]) => value >= floor)
    .sort((a, b) => b[1] - a[1] || (titles[a[0]] as string).length - (titles[b[0]] as string).length)
    .slice(0, NEAREST)
    .map(([index]) => toRef(nodeAt[index] as KnowledgeNode));
}
