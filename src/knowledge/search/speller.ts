/**
 * Misspelt Latin words, corrected against the vocabulary (titles, bodies, glossary) through a one-deletion
 * index: a word and a candidate within one edit share a deletion. The index is built on the first correction
 * (a quarter of a second on 100k nodes), off the cold-start path.
 */
import { boundedEditDistance } from '../../text/edit-distance.js';
import type { IndexTables } from './tables.js';

/** Shorter words are left as typed: too many words are one edit away from them. */
const MIN_FUZZY_LENGTH = 4;
const MAX_SUGGESTIONS = 3;

export interface Speller {
  /** Whether `token` needs no correction: it is in the vocabulary, short, a number, or not Latin. */
  knows(token: string): boolean;
  /** Vocabulary words within one edit (two for long words) of `word`, closest and most frequent first. */
  corrections(word: string): string[];
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Every deletion of every vocabulary word long enough to correct, to the words it comes from. */
function oneDeletionIndex(vocabulary: ReadonlySet<string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const word of vocabulary) {
    if (word.length < MIN_FUZZY_LENGTH || /^\d+$/.test(word)) continue;
    for (const d of deletions(word)) {
      const list = index.get(d);
      if (!list) index.set(d, [word]);
      else if (list[list.length - 1] !== word) list.push(word);
    }
  }
  return index;
}

export function createSpeller(tables: Pick<IndexTables, 'vocabulary' | 'titleWords' | 'bodyWords'>): Speller {
  const { vocabulary, titleWords, bodyWords } = tables;
  let index: Map<string, string[]> | undefined;

  function corrections(word: string): string[] {
    const max = word.length >= 8 ? 2 : 1;
    index ??= oneDeletionIndex(vocabulary);
    const deletionIndex = index;
    const seen = new Set<string>();
    const consider = (key: string) => {
      if (vocabulary.has(key)) seen.add(key);
      for (const w of deletionIndex.get(key) ?? []) seen.add(w);
    };
    consider(word);
    const first = deletions(word);
    for (const d of first) consider(d);
    if (max === 2) for (const d of first) for (const dd of deletions(d)) consider(dd);
    const scored: { word: string; distance: number; weight: number }[] = [];
    for (const candidate of seen) {
      const distance = boundedEditDistance(word, candidate, max);
      if (distance > max) continue;
      const weight = (titleWords.get(candidate)?.length ?? 0) + (bodyWords.get(candidate)?.length ?? 0);
      scored.push({ word: candidate, distance, weight });
    }
    scored.sort((a, b) => a.distance - b.distance || b.weight - a.weight || a.word.localeCompare(b.word));
    return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.word);
  }

  return {
    knows: (token) => token.length < MIN_FUZZY_LENGTH || vocabulary.has(token) || /^\d+$/.test(token),
    corrections,
  };
}
