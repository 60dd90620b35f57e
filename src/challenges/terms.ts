/**
 * Candidate concept terms in note text: whole words of a real segmenter (jieba, with the notes' titles and
 * glossary terms as user words, so 一致性哈希 comes out whole), pairs of adjacent whole words the notes name
 * elsewhere, Latin terms whole (TIME_WAIT, keep-alive, R+W>N) and English noun phrases (cache hits,
 * single point of failure). Never a cut word, never filler (`stop-words.ts`). Document terms for TF-IDF use
 * plain Han n-grams instead: the segmenter costs microseconds per character, far too slow for a whole tree.
 */
import type { Segmenter } from '../text/segment.js';
import { isHanToken, normalizeForIndex, tokenize } from '../text/tokenize.js';
import { isGeneralWord } from './general-words.js';
import { englishWordClasses, type WordClass } from './english-pos.js';
import { isStopWord } from './stop-words.js';

const MIN_NGRAM = 2;
export const MAX_NGRAM = 4;
/** A pair of words joined into one term is at most this long (Han characters). */
const MAX_COMPOUND_LENGTH = 6;
/** A plain English word shorter than this is a candidate only inside a phrase. */
const MIN_ENGLISH_WORD = 4;
/** English phrases: two or three words with no filler between them. */
const MAX_PHRASE_WORDS = 3;

/** A word that starts or ends with one of these is a phrase fragment (这种, 新的, 为了, 不够), not a term. */
const FRAGMENT_START = new Set('这那该此每各其为被把让不也都就很太更最还又再才只'.split(''));
const FRAGMENT_END = new Set('的了着过地得吗呢吧啊么'.split(''));

function isFragment(word: string): boolean {
  return FRAGMENT_START.has(word[0] as string) || FRAGMENT_END.has(word[word.length - 1] as string);
}

/** Characters of grammar: a word holding one that no dictionary knows is the HMM gluing a phrase (没跑, 登不上). */
const FUNCTION_CHARS =
  /[的了是在和与及等就都也把被让对从向为而或则即且但着过个这那其之以于有无不没很更最要会能可已将还又并所如该每各此上下中后前里到好出来去给时得地一太全进用]/u;

/** A number and its measure word (几十, 三天, 两套): a quantity, not a term. */
const QUANTITY = /^[一二两三四五六七八九十几百千万][个次种套类天台条份层些点遍下步周月年秒分倍大十百千万]/u;

/**
 * Suffixes that close the word before them (中心化, 分布式, 命中率): a word the segmenter starts with one
 * took it from its neighbour (中心 + 化主库).
 */
const BOUND_SUFFIX_START = /^[化式率]/u;

/**
 * A word the segmenter made up (unknown to the general corpus and to the notes) out of grammar characters, or
 * opening with a suffix torn from the word before it.
 */
function isGluedPhrase(word: string, lexicon: Lexicon): boolean {
  return (FUNCTION_CHARS.test(word) || BOUND_SUFFIX_START.test(word)) && !lexicon.has(word) && !isGeneralWord(word);
}

/** A Latin token worth keeping: two or more characters with a letter, not filler. */
function isLatinTerm(token: string): boolean {
  return token.length >= 2 && /[a-z]/.test(token) && !isStopWord(token);
}

/**
 * Adds the document terms of an already normalized text (`normalizeForIndex`): Latin words and every Han
 * n-gram of 2–4 characters.
 */
export function addDocumentTerms(normalized: string, into: Set<string>): void {
  for (const token of tokenize(normalized)) {
    if (!isHanToken(token)) {
      if (isLatinTerm(token)) into.add(token);
      continue;
    }
    for (let i = 0; i + MIN_NGRAM <= token.length; i++) {
      for (let n = MIN_NGRAM; n <= MAX_NGRAM && i + n <= token.length; n++) into.add(token.slice(i, i + n));
    }
  }
}

export type CandidateKind = 'known' | 'word' | 'compound' | 'latin' | 'phrase';

export interface Candidate {
  /** The lookup form (`normalizeForIndex`): what overlap, glossary and TF-IDF compare. */
  readonly term: string;
  /** As the notes wrote it (TIME_WAIT, keep-alive, Redis Cluster). */
  readonly display: string;
  readonly kind: CandidateKind;
  /** For a compound or a phrase: its words. */
  readonly parts: readonly string[];
  /** Occurrences in the text. */
  readonly count: number;
}

/** Known terms: the normalized titles and glossary terms of the tree. */
export type Lexicon = ReadonlySet<string>;

const HAN = /\p{Script=Han}/u;
/** Latin words as written, with the joiners of technical terms inside (TIME_WAIT, keep-alive, R+W>N, node.js). */
const LATIN_WORDS = /[A-Za-z0-9](?:[_\-+.>=<#/]?[A-Za-z0-9])*/g;
/** Clause breaks: a phrase never spans them. */
const CLAUSE_BREAK = /[，,。；;：！!？?、()（）[\]【】"“”‘’\n|\\]+|[.:/](?=\s|$)|\s[-–—]\s|\s[.:/]/;

/** A Latin word that names something technical on its own: an acronym, a digit, a joiner, inner capitals. */
function looksTechnical(word: string): boolean {
  return /[0-9_+>=<#]|[a-z][A-Z]|^[A-Z]{2,}|[A-Za-z]-[A-Za-z]/.test(word);
}

function isHanWord(word: string): boolean {
  return HAN.test(word);
}

function occurrences(text: string, term: string): number {
  let count = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) count++;
  return count;
}

/** An English word that only modifies (an adverb) or is a single letter (`page's` → `s`): it ends a phrase. */
function breaksPhrase(lower: string): boolean {
  return lower.length === 1 || lower.endsWith('ly') || isStopWord(lower);
}

/**
 * Whether words `from`…`to` (exclusive) of a run form a noun phrase: it ends on a noun that is not the
 * modifier of a next noun (`commodity hardware`, never `modern commodity` of `modern commodity hardware`).
 * Untagged words (no tagger for the text) always do: the run's filler rules alone decide then.
 */
function isNounPhrase(classes: readonly (WordClass | null)[], from: number, to: number): boolean {
  const last = classes[to - 1] ?? null;
  if (last === null) return true;
  return last === 'noun' && classes[to] !== 'noun';
}

/** Candidate terms of raw note text, each with its count in the text; filler and fragments are left out. */
export function candidateTerms(
  raw: string,
  lexicon: Lexicon,
  segmenter: Segmenter,
  options: { readonly partOfSpeech?: boolean } = {},
): Candidate[] {
  const found = new Map<string, Omit<Candidate, 'count'>>();
  const hanText = HAN.test(raw);
  const add = (display: string, kind: CandidateKind, parts: readonly string[] = []) => {
    const term = normalizeForIndex(display);
    if (term.length < MIN_NGRAM || isStopWord(term)) return;
    const known = lexicon.has(term);
    const previous = found.get(term);
    if (!previous || (known && previous.kind !== 'known')) {
      found.set(term, { term, display, kind: known ? 'known' : kind, parts });
    }
  };
  // English prose is tagged once, whole (a word's class depends on its sentence); Chinese text with English
  // terms inside keeps its Latin words whole, where a tagger reading English grammar has nothing to read.
  const classes = options.partOfSpeech === false || hanText || !/[A-Za-z]/.test(raw) ? null : englishWordClasses(raw);
  let clauseStart = 0;
  for (const clause of raw.split(CLAUSE_BREAK)) {
    const offset = raw.indexOf(clause, clauseStart);
    clauseStart = offset + clause.length;
    const classAt = (index: number, word: string): WordClass | null =>
      classes ? classes(offset + index, offset + index + word.length) : null;
    // Chinese: whole words, and two adjacent content words as one term (梯度 + 裁剪 → 梯度裁剪).
    let previous: string | null = null;
    for (const word of segmenter.words(clause)) {
      if (!isHanWord(word)) {
        previous = null;
        continue;
      }
      const content =
        word.length >= MIN_NGRAM &&
        !isFragment(word) &&
        !isStopWord(word) &&
        !QUANTITY.test(word) &&
        !isGluedPhrase(word, lexicon);
      if (content) add(word, 'word');
      // Only a pair the notes name elsewhere (a title, a glossary term): a bare pair is as often a verb and its
      // object (清理+过期) as a term.
      const pair = previous === null ? '' : previous + word;
      if (content && pair.length <= MAX_COMPOUND_LENGTH && lexicon.has(normalizeForIndex(pair))) {
        add(pair, 'compound', [previous as string, word]);
      }
      previous = content ? word : null;
    }
    // Latin: technical words whole, other words only inside a phrase of two or three.
    const words = clause.match(LATIN_WORDS) ?? [];
    let run: string[] = [];
    let runClasses: (WordClass | null)[] = [];
    const flush = () => {
      for (let n = 2; n <= MAX_PHRASE_WORDS; n++) {
        for (let i = 0; i + n <= run.length; i++) {
          if (isNounPhrase(runClasses, i, i + n)) add(run.slice(i, i + n).join(' '), 'phrase', run.slice(i, i + n));
        }
      }
      run = [];
      runClasses = [];
    };
    let at = 0;
    for (const word of words) {
      // Words separated by anything but a space (a Han run between them) are not one phrase.
      const index = clause.indexOf(word, at);
      if (run.length > 0 && clause.slice(at, index).trim() !== '') flush();
      at = index + word.length;
      const lower = word.toLowerCase();
      const wordClass = classAt(index, word);
      if (!/[a-z]/i.test(word) || breaksPhrase(lower) || wordClass === 'other') {
        flush();
        if (looksTechnical(word) && /[a-z]/i.test(word)) add(word, 'latin');
        continue;
      }
      // A word stands alone as a term when it looks technical, the notes name it, it is an English word inside
      // Chinese text (redis, https, cpu) or a whole clause by itself, or a capitalized name inside an English
      // sentence (Redis, PostgreSQL).
      const named = /^[A-Z]/.test(word) && clause.slice(0, index).trim() !== '';
      const alone = clause.trim() === word;
      if (looksTechnical(word) || lexicon.has(normalizeForIndex(word)) || hanText || alone || named) {
        add(word, 'latin');
      } else if (word.length >= MIN_ENGLISH_WORD && wordClass !== 'modifier') {
        add(word, 'word');
      }
      run.push(word);
      runClasses.push(wordClass);
    }
    flush();
  }
  const folded = normalizeForIndex(raw);
  return [...found.values()].map((c) => ({ ...c, count: Math.max(1, occurrences(folded, c.term)) }));
}
