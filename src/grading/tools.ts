/**
 * The grading tools of a knowledge graph: a segmenter whose user words are the notes' titles and glossary terms,
 * and a bilingual dictionary with the glossary and the headings' bracketed pairs over CC-CEDICT. Built on first
 * use and kept per graph (a reload brings a new graph, hence new tools).
 */
import type { KnowledgeGraph } from '../knowledge/types.js';
import { createBilingualDictionary, warmBilingual } from '../text/bilingual.js';
import { createSegmenter } from '../text/segment.js';
import type { GradeOptions } from './types.js';

export type GradingTools = Required<Pick<GradeOptions, 'glossary' | 'dictionary' | 'segmenter'>>;

const byGraph = new WeakMap<Pick<KnowledgeGraph, 'nodes' | 'glossary'>, GradingTools>();

export function gradingToolsFor(graph: Pick<KnowledgeGraph, 'nodes' | 'glossary'>): GradingTools {
  let tools = byGraph.get(graph);
  if (!tools) {
    const titles = [...graph.nodes.values()].map((node) => node.title);
    const termSets = graph.glossary.entries.map((entry) => entry.terms);
    tools = {
      glossary: graph.glossary,
      segmenter: createSegmenter({ userWords: [...titles, ...termSets.flat()] }),
      dictionary: createBilingualDictionary({ titles, termSets }),
    };
    byGraph.set(graph, tools);
  }
  return tools;
}

/** Builds the tools and loads CC-CEDICT now (about a second), so no learner's first grade waits for them. */
export function warmGradingTools(graph: Pick<KnowledgeGraph, 'nodes' | 'glossary'>): void {
  gradingToolsFor(graph);
  warmBilingual();
}
