/**
 * Concepts proposed from note text: the best TF-IDF terms that do not overlap one another, each with its
 * glossary aliases (Chinese ⇄ English) and a weight from its score (1–2).
 */
import type { Concept } from '../grading/types.js';
import type { Glossary } from '../knowledge/types.js';
import type { Segmenter } from '../text/segment.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { rankTerms, type TermStats } from './tfidf.js';
import type { Lexicon } from './terms.js';

export interface ConceptContext {
  readonly stats: TermStats;
  readonly lexicon: Lexicon;
  readonly glossary: Glossary;
  readonly segmenter: Segmenter;
}

/**
 * Concepts come from the opening of a long text: the segmenter costs microseconds per character, and a
 * topic's key terms are stated early (a long body is an outline, not a new subject every line).
 */
export const MAX_CONCEPT_TEXT = 1500;

function overlaps(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a);
}

/**
 * Up to `limit` concepts from `raw` text. Terms overlapping one in `exclude` (or an earlier pick) are skipped,
 * as are terms whose glossary entry is already taken, so one idea never counts twice; a `banned` term (an
 * ancestor's title: the category, not the topic's pain or fix) is never proposed.
 */
export function proposeConcepts(
  raw: string,
  context: ConceptContext,
  limit: number,
  exclude: readonly string[] = [],
  banned: ReadonlySet<string> = new Set(),
): Concept[] {
  const text = raw.length > MAX_CONCEPT_TEXT ? raw.slice(0, MAX_CONCEPT_TEXT) : raw;
  const taken: string[] = [...exclude];
  const picked: { term: string; display: string; score: number }[] = [];
  for (const ranked of rankTerms(text, context.stats, context.lexicon, context.segmenter)) {
    if (picked.length >= limit) break;
    if (banned.has(ranked.term)) continue;
    const synonyms = context.glossary.synonyms(ranked.term);
    if (taken.some((t) => overlaps(t, ranked.term) || synonyms.includes(t))) continue;
    picked.push(ranked);
    taken.push(ranked.term);
  }
  const top = picked[0]?.score ?? 1;
  return picked.map(({ term, display, score }) => ({
    label: display,
    aliases: context.glossary.synonyms(term).filter((t) => t !== term),
    weight: Math.max(1, Math.round((20 * score) / top) / 10),
  }));
}

/** Normalized label and aliases of concepts: what a second group must not repeat. */
export function conceptTerms(concepts: readonly Concept[]): string[] {
  return concepts.flatMap((c) => [normalizeForIndex(c.label), ...c.aliases.map(normalizeForIndex)]);
}
