/**
 * Topic lookup and autocomplete over the knowledge graph: the stages of a lookup, over the parts in `search/`
 * (tables, speller, query planning, candidates, scoring, autocomplete).
 *
 * A lookup tries, in order: the whole query (or an alias or correction of it) in a title; every word of it in one
 * title, in any order (Chinese cut into words by the segmenter grading uses: one tokenizer for both); for an
 * English query no heading spells, the Chinese headings that translate it; and only when no title matched,
 * looser candidates (the rarest word as typed, titles the query holds, bodies). Candidates are scored against
 * the query plan; with none, the nodes nearest the query are offered. Titles stay indexed by Han bigrams, so
 * any part of a title is still found (`键值存储` → `键-值存储`).
 */
import type { BilingualDictionary } from '../text/bilingual.js';
import { createSegmenter, type Segmenter } from '../text/segment.js';
import { isHanToken, normalizeForIndex, tokenize } from '../text/tokenize.js';
import { senseIndex, translatedHeadings, type HeadingTable } from './cross-language.js';
import { autocomplete } from './search/autocomplete.js';
import { createCandidates } from './search/candidates.js';
import { planQuery, type Alternative } from './search/plan.js';
import type { LookupResult, TopicHit, TopicRef } from './search/results.js';
import {
  AUTOCOMPLETE_LIMIT,
  hitOf,
  hubsOf,
  NEAREST,
  nearestTopics,
  scoreTitle,
  tieBroken,
  WHOLE_QUERY_SCORE,
} from './search/scoring.js';
import { createSpeller } from './search/speller.js';
import { buildTablesInSteps, type IndexTables } from './search/tables.js';
import { runSteps } from '../text/steps.js';
import type { KnowledgeGraph, KnowledgeNode, NodeId } from './types.js';

export type { LookupResult, TopicHit, TopicRef } from './search/results.js';

export interface TopicIndex {
  lookup(query: string, limit?: number): LookupResult;
  autocomplete(fragment: string, limit?: number): readonly TopicRef[];
  /** A node as a lookup hit (children, related topics) with the given score; `undefined` for an unknown id. */
  hitOf(id: NodeId, score: number): TopicHit | undefined;
}

export interface TopicIndexOptions {
  /**
   * The segmenter grading uses (`text/segment.ts`): a Chinese query is cut into the same words a reply is.
   * Asked for on the first Chinese query, so building the index does not build jieba (tens of milliseconds).
   */
  readonly segmenter: () => Segmenter;
  /** Chinese ⇄ English terms: an English query that no heading spells finds the Chinese heading for it. */
  readonly dictionary?: BilingualDictionary;
}

const DEFAULT_LIMIT = 10;
/** The looser last stages only need enough to fill a page of results. */
const MAX_LOOSE = 200;
/** Translated headings score 0–100; a full rendering of the query ranks with a title holding all its words. */
const TRANSLATED_SCALE = 2;
/**
 * Beside a title that spells the query, a translated heading is offered only when it renders every word of
 * the query and little else (0–100, a section or its table-of-contents entry).
 */
const FULL_RENDERING = 90;

export function createTopicIndex(graph: KnowledgeGraph, options: TopicIndexOptions): TopicIndex {
  return runSteps(createTopicIndexInSteps(graph, options));
}

/**
 * The index built in short steps, yielding between them: a reload drives it on the event loop between answers
 * (each step well under a millisecond on a 10 MB tree), `createTopicIndex` runs it through at once.
 */
export function* createTopicIndexInSteps(
  graph: KnowledgeGraph,
  options: TopicIndexOptions,
): Generator<void, TopicIndex> {
  const tables = yield* buildTablesInSteps(graph);
  const { nodeAt } = tables;
  const speller = createSpeller(tables);
  const candidates = createCandidates(tables);
  const hubs = hubsOf(nodeAt);
  let segmenter: Segmenter | undefined;
  const hanWords = (han: string) => (segmenter ??= options.segmenter()).words(han);
  const { dictionary } = options;
  const headingTable = dictionary ? headingTableOf(tables, dictionary) : undefined;

  /** Groups some title can hold, rarest first (by the postings of their rarest token). */
  const byRarity = (groups: readonly (readonly Alternative[])[]) =>
    groups
      .map((alternatives) => ({
        alternatives,
        size: alternatives.reduce((n, a) => n + candidates.estimate(a.text), 0),
      }))
      .filter((g) => g.size > 0)
      .sort((a, b) => a.size - b.size);

  function lookup(query: string, limit = DEFAULT_LIMIT): LookupResult {
    // Words split by spaces stay groups (matched in any order); the whole query also counts joined (`键 值存储`).
    const normalized = normalizeForIndex(query);
    // No query at all: the hubs of the tree to browse from; a query of punctuation only resembles nothing.
    if (normalized.length === 0) return { query, results: [], nearest: query.trim() ? [] : hubs.slice(0, NEAREST) };
    const queryPlan = planQuery(normalized, graph.glossary, speller, hanWords);
    const found = new Set<number>();
    // 1. The whole query (or an alias or correction of it) in a title.
    for (const { text } of queryPlan.wholes) for (const index of tables.exactTitles(text)) found.add(index);
    for (const { text } of queryPlan.wholes) candidates.containing(text, 'title', found);
    // 2. Every word of the query in one title: the rarest word's titles, filtered by the others.
    //    A typed word no title holds is left out (a misspelling, a product the notes do not name); a word cut
    //    from a Han run that no title holds means no title holds the run's words.
    const groups = byRarity(queryPlan.groups);
    const rarest = groups[0];
    const cutUnfound = queryPlan.groups !== queryPlan.typed && groups.length < queryPlan.groups.length;
    if (rarest && queryPlan.groups.length > 1 && found.size < limit && !cutUnfound) {
      candidates.titlesWithEveryGroup(rarest.alternatives, groups.slice(1), found);
    }
    // 3. An English query no heading spells in full: the Chinese headings that translate it. A title holding
    //    only some of its words (`services-engineering` for `service discovery`) competes with them, and one
    //    that spells some words and renders the others (`CDN 缓存` for `CDN caching`) scores as the better.
    const scored: { index: number; value: number }[] = [];
    for (const index of found) {
      const value = scoreTitle(tables, index, queryPlan);
      if (value > 0) scored.push({ index, value });
    }
    const direct = Math.max(0, ...scored.map((s) => s.value));
    // A heading that spells the query only in a gloss (a list item `分片（Sharding）`) is not the only one for it:
    // when the page has room, the headings that render the query in full (`分片`) are found too.
    const tokens = tokenize(normalized);
    if (dictionary && headingTable && !tokens.some(isHanToken)) {
      const whole = direct >= WHOLE_QUERY_SCORE;
      if (!whole || (found.size < limit && headingTable.hasHan)) {
        for (const heading of translatedHeadings(tokens, headingTable, dictionary, limit)) {
          if (whole && heading.value < FULL_RENDERING) continue;
          const value = tieBroken(tables, heading.index, heading.value * TRANSLATED_SCALE);
          const already = found.has(heading.index) ? scored.find((s) => s.index === heading.index) : undefined;
          if (!already) scored.push({ index: heading.index, value });
          else if (value > already.value) already.value = value;
        }
      }
    }
    // 4. Only when no title matched: titles with the rarest word (the others may be in the breadcrumb), then
    //    titles the query holds, then bodies that mention the query. (Filling every page from bodies costs
    //    milliseconds on 100k nodes; the related list of a hit already names the notes that mention it.)
    if (scored.length === 0) {
      const loose = new Set<number>();
      const rarestTyped = queryPlan.typed === queryPlan.groups ? rarest : byRarity(queryPlan.typed)[0];
      if (rarestTyped) {
        for (const { text } of rarestTyped.alternatives) {
          candidates.containing(text, 'title', loose, loose.size + MAX_LOOSE);
        }
      }
      // No title holds a word of the query: titles the query holds (`消息投递模型` finds `投递模型`).
      if (loose.size === 0) for (const { text } of queryPlan.wholes) candidates.titlesWithin(text, loose);
      if (loose.size === 0) {
        for (const { text } of [...queryPlan.wholes, ...queryPlan.typed.flat()]) {
          candidates.containing(text, 'body', loose, loose.size + MAX_LOOSE);
        }
      }
      for (const index of loose) {
        const value = scoreTitle(tables, index, queryPlan);
        if (value > 0) scored.push({ index, value });
      }
    }
    scored.sort((a, b) => b.value - a.value || a.index - b.index);
    const results = scored
      .slice(0, Math.max(1, limit))
      .map(({ index, value }) => hitOf(tables, nodeAt[index] as KnowledgeNode, value));
    return { query, results, nearest: results.length > 0 ? [] : nearestTopics(tables, normalized) };
  }

  return {
    lookup,
    autocomplete: (fragment, limit = AUTOCOMPLETE_LIMIT) => autocomplete(tables, candidates, hubs, fragment, limit),
    hitOf: (id, value) => {
      const node = graph.nodes.get(id);
      return node ? hitOf(tables, node, value) : undefined;
    },
  };
}

/** The headings as the English → Chinese stage reads them. */
function headingTableOf(tables: IndexTables, dictionary: BilingualDictionary): HeadingTable {
  const { titles, nodeAt } = tables;
  // Read back from the headings' Chinese words on the first English query that needs them.
  let senses: Map<string, Map<number, number>> | undefined;
  return {
    titles,
    hasHan: tables.titleGrams.size > 0,
    charPostings: (code) => tables.titleGrams.get(code),
    wordPostings: (word) => tables.titleWords.get(word),
    senses: (key) => {
      // jieba's dictionary alone: with the titles as user words (as grading has them), a title is one word.
      senses ??= senseIndex(titles, createSegmenter().words, dictionary);
      return senses.get(key);
    },
    hasContent: (index) => {
      const node = nodeAt[index] as KnowledgeNode;
      return node.body.length > 0 || node.childIds.length > 0;
    },
  };
}
