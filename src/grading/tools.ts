/**
 * The text tools of a knowledge graph, one of each per graph and shared by everything that reads the graph's
 * text — the grader, challenge derivation and topic lookup — so a word segments the same way when a concept is
 * derived and when a reply is matched against it:
 * - a segmenter whose user words are the notes' Chinese titles and glossary terms (`notesUserWords`);
 * - a bilingual dictionary with the glossary and the headings' bracketed pairs over CC-CEDICT.
 * Each is built on first use and kept per graph (a reload brings a new graph, hence new tools).
 */
import type { KnowledgeGraph } from '../knowledge/types.js';
import { createBilingualDictionary, warmBilingual, type BilingualDictionary } from '../text/bilingual.js';
import { createSegmenter, type Segmenter } from '../text/segment.js';
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

/** The graph's one bilingual dictionary (CC-CEDICT underneath is loaded once per process, on first lookup). */
export function dictionaryFor(graph: GraphText): BilingualDictionary {
  let dictionary = dictionaries.get(graph);
  if (!dictionary) {
    dictionary = createBilingualDictionary({
      titles: [...graph.nodes.values()].map((node) => node.title),
      texts: [...graph.nodes.values()].map((node) => node.body),
      termSets: graph.glossary.entries.map((entry) => entry.terms),
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

/** Builds the tools and loads CC-CEDICT now (about a second), so no learner's first grade waits for them. */
export function warmGradingTools(graph: GraphText): void {
  gradingToolsFor(graph);
  warmBilingual();
}
