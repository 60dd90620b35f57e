import type { Glossary } from '../../src/knowledge/types.js';
import type { Challenge, Concept } from '../../src/grading/types.js';

export type ConceptSpec = string | { label: string; aliases?: string[]; weight?: number };

function concept(spec: ConceptSpec): Concept {
  return typeof spec === 'string'
    ? { label: spec, aliases: [], weight: 1 }
    : { label: spec.label, aliases: spec.aliases ?? [], weight: spec.weight ?? 1 };
}

export function challenge(title: string, pain: ConceptSpec[], fix: ConceptSpec[]): Challenge {
  return {
    topicId: `t-${title}`,
    title,
    path: [title],
    pain: pain.map(concept),
    fix: fix.map(concept),
    modelAnswer: '',
    origin: 'curated',
  };
}

/** A glossary over a few sets of interchangeable terms, matched after lower-casing. */
export function glossary(sets: string[][]): Glossary {
  return {
    entries: sets.map((terms) => ({ terms })),
    synonyms(term) {
      const key = term.toLowerCase();
      return sets.find((set) => set.some((t) => t.toLowerCase() === key)) ?? [];
    },
  };
}
