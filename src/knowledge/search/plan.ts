/**
 * Query planning: a normalized query becomes the texts a title is compared with. The whole query (and its
 * glossary aliases, its Han-joined form, its spelling correction) is compared with whole titles; each word
 * (or a glossary phrase of up to four words) is a group of alternatives, and a title holding every group
 * matches the words in any order.
 */
import { isStopword } from '../../text/stopwords.js';
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
  /**
   * One group per word (or glossary phrase) of the query, each with its alternatives; a run of Han characters
   * gives one group per word the segmenter cuts it into. A title holding every group matches in any order.
   */
  readonly groups: readonly (readonly Alternative[])[];
  /**
   * The same with each run of Han characters one group, as typed: what the loose last stage walks, so a query
   * no title matches is not answered by titles that share one of its words (`键值存储` → `静态资源存储`).
   */
  readonly typed: readonly (readonly Alternative[])[];
}

/** The words of a run of Han characters, as the shared segmenter cuts them (the grader's words). */
export type HanWords = (han: string) => readonly string[];

const MAX_PHRASE_WORDS = 4;
const ALIAS_WEIGHT = 0.95;
/** The query with the spaces between Han characters removed, as a whole: a hair below the query as typed. */
const JOINED_WEIGHT = 0.98;
const CORRECTION_WEIGHT = 0.85;

function withSynonyms(glossary: Glossary, text: string, weight: number, into: Alternative[]): void {
  if (!into.some((a) => a.text === text)) into.push({ text, weight });
  for (const synonym of glossary.synonyms(text)) {
    if (!into.some((a) => a.text === synonym)) into.push({ text: synonym, weight: weight * ALIAS_WEIGHT });
  }
}

/**
 * The query's words: Latin words as typed, and each run of Han characters cut into words by the segmenter,
 * filler left out (`缓存的一致性` → 缓存, 一致性), so a title holding those words in any order matches as it
 * would in grading. A run that is one word, or only filler, stays whole; `typed` itself when none is cut.
 */
export function queryWords(typed: readonly string[], hanWords: HanWords): readonly string[] {
  let cut = false;
  const words = typed.flatMap((token) => {
    if (!isHanToken(token)) return [token];
    const parts = hanWords(token).filter((word) => !isStopword(word));
    if (parts.length < 2) return [token];
    cut = true;
    return parts;
  });
  return cut ? words : typed;
}

/** One group per word, or per glossary phrase of up to four words, with its aliases and spelling corrections. */
function groupsOf(
  tokens: readonly string[],
  glossary: Glossary,
  corrections: ReadonlyMap<string, readonly string[]>,
): Alternative[][] {
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
    if (taken === 1) {
      for (const c of corrections.get(tokens[i] as string) ?? [])
        withSynonyms(glossary, c, CORRECTION_WEIGHT, alternatives);
    }
    groups.push(alternatives);
    i += taken;
  }
  return groups;
}

export function planQuery(normalized: string, glossary: Glossary, speller: Speller, hanWords: HanWords): QueryPlan {
  const typed = tokenize(normalized);
  const corrections = new Map<string, readonly string[]>();
  for (const token of typed) {
    if (!isHanToken(token) && !speller.knows(token) && !corrections.has(token)) {
      corrections.set(token, speller.corrections(token));
    }
  }
  const words = queryWords(typed, hanWords);
  const typedGroups = groupsOf(typed, glossary, corrections);
  const wholes: Alternative[] = [];
  withSynonyms(glossary, normalized, 1, wholes);
  const joined = joinHan(normalized);
  if (joined !== normalized) withSynonyms(glossary, joined, JOINED_WEIGHT, wholes);
  if ([...corrections.values()].some((f) => f.length > 0)) {
    const corrected = typed.map((t) => corrections.get(t)?.[0] ?? t).join(' ');
    withSynonyms(glossary, corrected, CORRECTION_WEIGHT, wholes);
  }
  return { wholes, groups: words === typed ? typedGroups : groupsOf(words, glossary, corrections), typed: typedGroups };
}
