/**
 * The text tools of a knowledge graph, one of each per graph and shared by everything that reads the graph's
 * text — the grader, challenge derivation and topic lookup — so a word segments the same way when a concept is
 * derived and when a reply is matched against it:
 * - a segmenter whose user words are the notes' Chinese titles and glossary terms (`notesUserWords`);
 * - a bilingual dictionary with the glossary and the headings' bracketed pairs over CC-CEDICT.
 * Each is built on first use and kept per graph (a reload brings a new graph, hence new tools). A reload builds
 * them ahead, between answers (`gradingToolsInSteps`), from what its worker thread read off the graph.
 */
import type { KnowledgeGraph } from '../knowledge/types.js';
import {
  createBilingualDictionary,
  glossPairsOf,
  pairsFromTitles,
  warmBilingual,
  type BilingualDictionary,
} from '../text/bilingual.js';
import { createSegmenter, createSegmenterInSteps, encodeUserWords, type Segmenter } from '../text/segment.js';
import type { GradeOptions } from './types.js';

export type GradingTools = Required<Pick<GradeOptions, 'glossary' | 'dictionary' | 'segmenter'>>;

type GraphText = Pick<KnowledgeGraph, 'nodes' | 'glossary'>;

/** Longer titles are sentences, not names: as user words they would swallow the words a concept is made of. */
export const MAX_USER_WORD = 10;

/**
 * The notes' own names, as written, for the segmenter to keep whole: Chinese titles and glossary terms of 2 to
 * `MAX_USER_WORD` characters (Latin terms come out whole without help).
 */
export function notesUserWords(graph: GraphText): string[] {
  const words = new Set<string>();
  const add = (term: string) => {
    const trimmed = term.trim();
    if (trimmed.length >= 2 && trimmed.length <= MAX_USER_WORD && /\p{Script=Han}/u.test(trimmed)) words.add(trimmed);
  };
  for (const node of graph.nodes.values()) add(node.title);
  for (const entry of graph.glossary.entries) for (const term of entry.terms) add(term);
  return [...words];
}

const segmenters = new WeakMap<GraphText, Segmenter>();
const dictionaries = new WeakMap<GraphText, BilingualDictionary>();
const toolSets = new WeakMap<GraphText, GradingTools>();

/** The graph's one segmenter (a jieba instance costs tens of milliseconds to build: never two per graph). */
export function segmenterFor(graph: GraphText): Segmenter {
  let segmenter = segmenters.get(graph);
  if (!segmenter) segmenters.set(graph, (segmenter = createSegmenter({ userWords: notesUserWords(graph) })));
  return segmenter;
}

function termSetsOf(graph: GraphText): readonly (readonly string[])[] {
  return graph.glossary.entries.map((entry) => entry.terms);
}

/** The graph's one bilingual dictionary (CC-CEDICT underneath is loaded once per process, on first lookup). */
export function dictionaryFor(graph: GraphText): BilingualDictionary {
  let dictionary = dictionaries.get(graph);
  if (!dictionary) {
    dictionary = createBilingualDictionary({
      titles: [...graph.nodes.values()].map((node) => node.title),
      texts: [...graph.nodes.values()].map((node) => node.body),
      termSets: termSetsOf(graph),
    });
    dictionaries.set(graph, dictionary);
  }
  return dictionary;
}

export function gradingToolsFor(graph: GraphText): GradingTools {
  let tools = toolSets.get(graph);
  if (!tools) {
    tools = { glossary: graph.glossary, segmenter: segmenterFor(graph), dictionary: dictionaryFor(graph) };
    toolSets.set(graph, tools);
  }
  return tools;
}

/**
 * What a graph's tools are built from, as plain data that crosses threads: reading it off a large graph costs
 * tens of milliseconds, which a reload spends on its worker thread instead of between answers.
 */
export interface ToolSources {
  /** `notesUserWords`, encoded for the segmenter. */
  readonly userDictionary: Uint8Array | null;
  /** The titles holding a bracketed pair (分片（Sharding）): all the bilingual dictionary takes from the titles. */
  readonly pairTitles: readonly string[];
  /** The headings' names glossed in the bodies (熔断（circuit breaker）): what it takes from the text. */
  readonly textPairs: readonly (readonly [string, string])[];
}

export function toolSourcesOf(graph: GraphText): ToolSources {
  const titles = [...graph.nodes.values()].map((node) => node.title);
  const pairTitles = titles.filter((title) => pairsFromTitles([title]).length > 0);
  const textPairs = glossPairsOf(
    titles,
    [...graph.nodes.values()].map((node) => node.body),
  );
  return { userDictionary: encodeUserWords(notesUserWords(graph)), pairTitles, textPairs };
}

/**
 * The graph's tools built ahead from its `ToolSources`, in steps of a few milliseconds (the segmenter's
 * dictionary slice by slice): a reload runs them between answers, and they are the graph's tools from then on.
 */
export function* gradingToolsInSteps(graph: GraphText, sources: ToolSources): Generator<void, GradingTools> {
  const segmenter = yield* createSegmenterInSteps({ userDictionary: sources.userDictionary });
  segmenters.set(graph, segmenter);
  dictionaries.set(
    graph,
    createBilingualDictionary({
      titles: sources.pairTitles,
      textPairs: sources.textPairs,
      termSets: termSetsOf(graph),
    }),
  );
  return gradingToolsFor(graph);
}

/** Builds the tools and loads CC-CEDICT now (about a second), so no learner's first grade waits for them. */
export function warmGradingTools(graph: GraphText): void {
  gradingToolsFor(graph);
  warmBilingual();
}
