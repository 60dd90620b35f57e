/**
 * Concepts proposed from note text: the best TF-IDF terms that do not overlap one another, each with its
 * glossary aliases (Chinese ⇄ English) and a weight from its score (1–2).
 */
import type { Concept } from '../grading/types.js';
import type { Glossary } from '../knowledge/types.js';
import type { Part } from './plan.js';
import type { Segmenter } from '../text/segment.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { rankTerms, type RankedTerm, type TermStats } from './tfidf.js';
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
  const pick = (partOfSpeech: boolean) => {
    const taken: string[] = [...exclude];
    const picked: RankedTerm[] = [];
    for (const ranked of rankTerms(text, context.stats, context.lexicon, context.segmenter, { partOfSpeech })) {
      if (picked.length >= limit) break;
      if (banned.has(ranked.term)) continue;
      const synonyms = context.glossary.synonyms(ranked.term);
      if (taken.some((t) => overlaps(t, ranked.term) || synonyms.includes(t))) continue;
      picked.push(ranked);
      taken.push(ranked.term);
    }
    return picked;
  };
  // The tagger narrows English candidates to noun phrases; where it leaves none (a sentence it misread), the
  // untagged candidates still name what the text is about.
  const tagged = pick(true);
  const picked = tagged.length > 0 ? tagged : pick(false);
  const top = picked[0]?.score ?? 1;
  return picked.map(({ term, display, score }) => ({
    label: display,
    aliases: context.glossary.synonyms(term).filter((t) => t !== term),
    weight: Math.max(1, Math.round((20 * score) / top) / 10),
  }));
}

/**
 * The text concepts are proposed from: each part's heading and text on lines of their own, so no phrase runs
 * from a heading into the sentence after it (`Master-master replication` / `Both masters serve…`).
 */
export function conceptText(parts: readonly Part[]): string {
  return parts.map((p) => (p.heading && p.text ? `${p.heading}\n${p.text}` : p.heading || p.text)).join('\n');
}

/**
 * What a fix text rejects: the rest of a clause after 而不是 / 不要 / "instead of" / "rather than" names what
 * not to do (用 truncate 清空，而不是 rm), never a concept of the fix.
 */
const REJECTED = /(?:而不是|而非|不要|别用|instead of|rather than)[^，。；;,.!?！？\n]*/giu;

/** A fix text without what it rejects (see `REJECTED`): each rejected run becomes a line break. */
export function withoutRejected(text: string): string {
  return text.replace(REJECTED, '\n');
}

/** Normalized label and aliases of concepts: what a second group must not repeat. */
export function conceptTerms(concepts: readonly Concept[]): string[] {
  return concepts.flatMap((c) => [normalizeForIndex(c.label), ...c.aliases.map(normalizeForIndex)]);
}
