/**
 * Patterns a concept's terms compile to (see `prepare.ts`): whole Chinese terms (`compact`), whole Latin
 * phrases (`words`), a term's words in any order within a clause (`groups`), and a Chinese term's character
 * bigrams (`bigrams`).
 */
import type { BilingualDictionary } from '../text/bilingual.js';
import { isStopword } from '../text/stopwords.js';
import { analyzeFolded, foldForGrading } from './reply.js';
import type { GradeOptions } from './types.js';

/** How a pattern was made, strongest first; it decides a match's credit and which concept a shared phrase goes to. */
export type Strength = 'exact' | 'translation' | 'groups' | 'bigrams';

export interface WordPattern {
  readonly text: string;
  readonly stem: string;
  /** Acronyms and words with digits (2PC, HPA, crc16, k8s): exact only. */
  readonly exact: boolean;
  /** Long words (≥ 7 letters) also match with one edit. */
  readonly fuzzy: boolean;
}

/** One word of a term: any of its spellings — Chinese strings, Latin phrases — counts. */
export interface WordGroup {
  readonly key: string;
  readonly han: readonly string[];
  readonly latin: readonly (readonly WordPattern[])[];
}

/**
 * `compact`: a term with Han characters, found as a substring of the reply's compact form, on token boundaries.
 * `words`: a Latin term, matched word by word on consecutive tokens. `groups`: every group somewhere in one
 * clause. `bigrams`: most of the term's character bigrams in one clause.
 */
export type AliasPattern =
  | {
      readonly kind: 'compact';
      readonly key: string;
      readonly strength: Strength;
      readonly compact: string;
      readonly chars: readonly string[];
      readonly homophones: boolean;
    }
  | {
      readonly kind: 'words';
      readonly key: string;
      readonly strength: Strength;
      readonly words: readonly WordPattern[];
    }
  | {
      readonly kind: 'groups';
      readonly key: string;
      readonly strength: 'groups';
      readonly groups: readonly WordGroup[];
    }
  | {
      readonly kind: 'bigrams';
      readonly key: string;
      readonly strength: 'bigrams';
      readonly bigrams: readonly string[];
    };

export const FUZZY_MIN_LENGTH = 7;
// Two characters are the shortest alias worth a homophone check; past eight, typos are not homophones.
const HOMOPHONE_MIN_CHARS = 2;
const HOMOPHONE_MAX_CHARS = 8;
/** Shorter Chinese terms have too few bigrams for a soft match to mean anything. */
const BIGRAM_MIN_CHARS = 3;
const TRANSLATIONS_PER_WORD = 6;
/** English senses of a Chinese word looked through for near-synonyms (保存 → save → 存储). */
const PIVOT_SENSES = 3;
/** A Han word this long or longer with no translation is cut into words the dictionary knows. */
const SUBWORD_MIN_CHARS = 4;
const MAX_SUBWORD = 4;

const LATIN_WORD = /(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)*/gu;
const HAN = /\p{Script=Han}/u;

function isAcronym(original: string): boolean {
  return /\p{N}/u.test(original) || (original.length >= 2 && !/\p{Ll}/u.test(original));
}

/** `typos`: long words also match with one edit — for the concept's own terms, not for dictionary translations. */
function latinWords(term: string, typos: boolean): WordPattern[] {
  const folded = analyzeFolded(foldForGrading(term));
  // Same tokens as the folded term, before lower-casing, to tell acronyms from words.
  const originals = term.normalize('NFKC').match(LATIN_WORD) ?? [];
  return folded.tokens.map((t, i) => {
    const exact = isAcronym(originals[i] ?? t.text);
    return { text: t.text, stem: t.stem, exact, fuzzy: typos && !exact && t.text.length >= FUZZY_MIN_LENGTH };
  });
}

function bigramsOf(chars: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i] as string}${chars[i + 1] as string}`);
  return [...out];
}

/** A whole term as a pattern (or its bigrams, for `strength: 'bigrams'`); null when it holds no word. */
export function compileTerm(term: string, strength: Strength): AliasPattern | null {
  const folded = analyzeFolded(foldForGrading(term));
  const tokens = folded.tokens;
  if (tokens.length === 0) return null;
  const allHan = tokens.every((t) => t.han);
  if (strength === 'bigrams') {
    if (!allHan || tokens.length < BIGRAM_MIN_CHARS) return null;
    const bigrams = bigramsOf(tokens.map((t) => t.text));
    return { kind: 'bigrams', key: `b:${folded.compact}`, strength, bigrams };
  }
  if (tokens.some((t) => t.han)) {
    return {
      kind: 'compact',
      key: `c:${folded.compact}`,
      strength,
      compact: folded.compact,
      chars: tokens.map((t) => t.text),
      homophones:
        strength === 'exact' && allHan && tokens.length >= HOMOPHONE_MIN_CHARS && tokens.length <= HOMOPHONE_MAX_CHARS,
    };
  }
  const words = latinWords(term, strength === 'exact');
  // An acronym spelled in capitals stays exact: `HPA` and `hpa` are one alias, and the exact one wins.
  return { kind: 'words', key: `w:${words.map((w) => w.text).join(' ')}`, strength, words };
}

/** Chinese near-synonyms of a Chinese word: words sharing one of its first English senses and one of its characters. */
function nearSynonyms(word: string, dictionary: BilingualDictionary): string[] {
  const chars = new Set(word);
  const out = new Set<string>();
  for (const sense of dictionary.translate(word).slice(0, PIVOT_SENSES)) {
    if (sense.includes(' ')) continue;
    for (const other of dictionary.translate(sense))
      if (other !== word && other.length >= 2 && [...other].some((c) => chars.has(c))) out.add(other);
  }
  return [...out];
}

/** One word with its spellings: itself, near-synonyms, translations. */
export function wordGroup(word: string, dictionary: BilingualDictionary | undefined): WordGroup {
  const han: string[] = [];
  const latin: WordPattern[][] = [];
  const translations = dictionary ? dictionary.translate(word).slice(0, TRANSLATIONS_PER_WORD) : [];
  if (HAN.test(word)) {
    han.push(word);
    if (dictionary && word.length >= 2) han.push(...nearSynonyms(word, dictionary));
    for (const t of translations) if (!HAN.test(t)) latin.push(latinWords(t, false));
  } else {
    latin.push(latinWords(word, true));
    for (const t of translations) if (HAN.test(t)) han.push(foldForGrading(t));
  }
  return { key: word, han: [...new Set(han)], latin: latin.filter((l) => l.length > 0) };
}

/** Longest dictionary words a term is made of (链路劫持 → 链路 + 劫持), for a term the dictionary does not know whole. */
function subwords(word: string, dictionary: BilingualDictionary): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < word.length) {
    let length = Math.min(MAX_SUBWORD, word.length - at);
    while (length > 1 && dictionary.translate(word.slice(at, at + length)).length === 0) length--;
    out.push(word.slice(at, at + length));
    at += length;
  }
  return out;
}

/** The segmenter keeps the notes' titles whole; a title the dictionary does not know is cut into words it knows. */
function translatableWords(words: readonly string[], dictionary: BilingualDictionary | undefined): string[] {
  if (!dictionary) return [...words];
  return words.flatMap((word) =>
    HAN.test(word) && word.length >= SUBWORD_MIN_CHARS && dictionary.translate(word).length === 0
      ? subwords(word, dictionary)
      : [word],
  );
}

/**
 * A term cut into its content words (function words dropped), each a group of spellings; null when fewer than
 * two words are left — a one-word term is already a whole-term pattern.
 */
export function termWords(term: string, tools: Pick<GradeOptions, 'dictionary' | 'segmenter'>): WordGroup[] | null {
  const folded = foldForGrading(term);
  const words = tools.segmenter
    ? tools.segmenter.words(folded)
    : (folded.match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []);
  const content = [...new Set(translatableWords(words, tools.dictionary).filter((w) => !isStopword(w)))];
  if (content.length < 2) return null;
  return content.map((w) => wordGroup(w, tools.dictionary));
}
