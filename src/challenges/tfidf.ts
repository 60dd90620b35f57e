/**
 * TF-IDF over the note tree: document frequencies are counted once per knowledge base, one document per node
 * (title + body), so words every note uses (服务, 问题, 可以) weigh little and domain terms weigh much.
 * A very large tree is sampled evenly (at most MAX_DOCUMENTS nodes): the weights are ratios, and a sample of
 * that size estimates them well while keeping the count well under a second.
 */
import { runSteps } from '../text/steps.js';
import type { Segmenter } from '../text/segment.js';
import { specificityOf } from './general-words.js';
import { isHanToken, tokenize } from '../text/tokenize.js';
import { addDocumentTerms, candidateTerms, MAX_NGRAM, type Candidate, type Lexicon } from './terms.js';

export const MAX_DOCUMENTS = 20_000;
const HAN = /\p{Script=Han}/u;

export interface TermStats {
  /** Documents counted. */
  readonly documents: number;
  /** Documents containing the term (for a Han term longer than the n-grams counted: an upper bound). */
  df(term: string): number;
  /** ln((N + 1) / (df + 1)) + 1: at least 1, larger for rarer terms. */
  idf(term: string): number;
}

/** Documents counted between two yields of `buildTermStatsInSteps`: about a millisecond's work. */
const DOCUMENTS_PER_STEP = 100;

/** Counts document frequencies; `textOf` gives a document's normalized text and is called only for the sample. */
export function buildTermStats<T>(nodes: readonly T[], textOf: (document: T) => string): TermStats {
  return runSteps(buildTermStatsInSteps(nodes, textOf));
}

/** `buildTermStats` in steps that yield every `DOCUMENTS_PER_STEP` documents: a reload counts between answers. */
export function* buildTermStatsInSteps<T>(
  nodes: readonly T[],
  textOf: (document: T) => string,
): Generator<void, TermStats> {
  const step = Math.max(1, Math.ceil(nodes.length / MAX_DOCUMENTS));
  const counts = new Map<string, number>();
  const terms = new Set<string>();
  let documents = 0;
  for (let i = 0; i < nodes.length; i += step) {
    if (documents % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    terms.clear();
    addDocumentTerms(textOf(nodes[i] as T), terms);
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    documents++;
  }
  const df = (term: string): number => {
    const direct = counts.get(term);
    if (direct !== undefined) return direct;
    // A phrase or a joined Latin term (`cache hits`, `time wait`): at most as common as its rarest word.
    if (term.includes(' ')) return Math.min(...term.split(' ').map((word) => counts.get(word) ?? 0));
    if (term.length <= MAX_NGRAM || !isHanToken(term)) return 0;
    let bound = Infinity;
    for (let i = 0; i + MAX_NGRAM <= term.length; i++)
      bound = Math.min(bound, counts.get(term.slice(i, i + MAX_NGRAM)) ?? 0);
    return bound;
  };
  return {
    documents,
    df,
    idf: (term) => Math.log((documents + 1) / (df(term) + 1)) + 1,
  };
}

export interface RankedTerm {
  readonly term: string;
  /** As the notes wrote it. */
  readonly display: string;
  readonly score: number;
}

/**
 * Known terms (titles, glossary) are what the notes themselves name: they outrank stray words. A phrase or a
 * compound names one thing more precisely than either of its words.
 */
const KIND_FACTOR: Record<Candidate['kind'], number> = { known: 1.6, latin: 1.2, phrase: 1.3, compound: 1.1, word: 1 };
/** A plain English word (`queue`) names less than a phrase (`message queue`): it is the last resort. */
const ENGLISH_WORD_FACTOR = 0.6;

function lengthFactor(term: string): number {
  if (!tokenize(term).some(isHanToken)) return 1;
  return 1 + 0.15 * Math.min(4, Math.max(0, term.length - 2));
}

/**
 * A compound or phrase is as specific as its most specific word: 资源+消耗 keeps the weight of 消耗, while
 * 服务+平台 is no more specific than 平台.
 */
function specificity(c: Candidate, idf: number, stats: TermStats): number {
  if (c.parts.length === 0) return 1;
  return Math.min(1, Math.max(...c.parts.map((part) => stats.idf(part) / idf)));
}

/**
 * The candidate terms of raw note text, best first by tf × idf × kind × length × specificity, where everyday
 * Chinese words (general corpus, `general-words.ts`) weigh less unless the notes name them.
 */
export function rankTerms(
  raw: string,
  stats: TermStats,
  lexicon: Lexicon,
  segmenter: Segmenter,
  options: { readonly partOfSpeech?: boolean } = {},
): RankedTerm[] {
  return candidateTerms(raw, lexicon, segmenter, options)
    .map((c) => {
      const idf = stats.idf(c.term);
      const score =
        Math.sqrt(c.count) *
        idf *
        KIND_FACTOR[c.kind] *
        (c.kind === 'word' && !HAN.test(c.term) ? ENGLISH_WORD_FACTOR : 1) *
        lengthFactor(c.term) *
        specificity(c, idf, stats) *
        (c.kind === 'known' ? 1 : specificityOf(c.term));
      return { term: c.term, display: c.display, score };
    })
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
}
