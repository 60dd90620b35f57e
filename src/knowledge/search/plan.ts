/**
 * Query planning: a normalized query becomes the texts a title is compared with. The whole query (and its
 * glossary aliases, its Han-joined form, its spelling correction) is compared with whole titles; each word
 * (or a glossary phrase of up to four words) is a group of alternatives, and a title holding every group
 * matches the words in any order.
 */
import { isHanToken, tokenize } from '../../text/tokenize.js';
import type { Glossary } from '../types.js';
import type { Speller } from './speller.js';
import { joinHan } from './tables.js';

export interface Alternative {
  readonly text: string;
  readonly weight: number;
}

export interface QueryPlan {
  /** The whole query and its aliases / corrections, compared against whole titles. */
  readonly wholes: readonly Alternative[];
  /** One group per word (or glossary phrase) of the query, each with its alternatives. */
  readonly groups: readonly (readonly Alternative[])[];
}

const MAX_PHRASE_WORDS = 4;
const ALIAS_WEIGHT = 0.95;
/** The query with the spaces between Han characters removed, as a whole: a hair below the query as typed. */
const JOINED_WEIGHT = 0.98;
export const CORRECTION_WEIGHT = 0.85;

function withSynonyms(glossary: Glossary, text: string, weight: number, into: Alternative[]): void {
  if (!into.some((a) => a.text === text)) into.push({ text, weight });
  for (const synonym of glossary.synonyms(text)) {
    if (!into.some((a) => a.text === synonym)) into.push({ text: synonym, weight: weight * ALIAS_WEIGHT });
  }
}

export function planQuery(normalized: string, glossary: Glossary, speller: Speller): QueryPlan {
  const tokens = tokenize(normalized);
  const fixed = tokens.map((token) => (isHanToken(token) || speller.knows(token) ? [] : speller.corrections(token)));
  const groups: Alternative[][] = [];
  for (let i = 0; i < tokens.length;) {
    let taken = 1;
    for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - i); n > 1; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      if (glossary.synonyms(phrase).length > 0) {
        taken = n;
        break;
      }
    }
    const alternatives: Alternative[] = [];
    withSynonyms(glossary, tokens.slice(i, i + taken).join(' '), 1, alternatives);
    if (taken === 1) for (const c of fixed[i] ?? []) withSynonyms(glossary, c, CORRECTION_WEIGHT, alternatives);
    groups.push(alternatives);
    i += taken;
  }
  const wholes: Alternative[] = [];
  withSynonyms(glossary, normalized, 1, wholes);
  const joined = joinHan(normalized);
  if (joined !== normalized) withSynonyms(glossary, joined, JOINED_WEIGHT, wholes);
  if (fixed.some((f) => f.length > 0)) {
    const corrected = tokens.map((t, i) => fixed[i]?.[0] ?? t).join(' ');
    withSynonyms(glossary, corrected, CORRECTION_WEIGHT, wholes);
  }
  return { wholes, groups };
}
