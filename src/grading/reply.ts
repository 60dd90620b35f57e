/**
 * A reply (or an alias) taken apart once for matching: folded text, clauses, and word tokens — every Han
 * character is a token of its own, every run of other letters and digits is one (`don't` included) — plus a
 * "compact" string of the tokens joined without separators, where Chinese aliases are found as substrings
 * (so `Redis 集群` and `redis集群` meet).
 */
import { splitClauses, type ClauseSpan } from '../text/clauses.js';
import type { GramFilter } from '../text/gram-filter.js';
import { foldPunctuation, foldText } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { isHanCode, isAsciiWordCode } from '../text/tokenize.js';

export interface Token {
  readonly text: string;
  readonly han: boolean;
  /** Offsets into `Reply.text`. */
  readonly start: number;
  readonly end: number;
  readonly clause: number;
  /** Where the token begins in `Reply.compact`. */
  readonly compactStart: number;
  /** Porter stem for Latin words; the character itself for Han. */
  readonly stem: string;
  /** A punctuation mark, or a space between two Han characters, comes before it: a list item starts here. */
  readonly itemStart: boolean;
}

export interface Reply {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly compact: string;
  /** `compact` offset → index of the token covering it. */
  readonly tokenAt: readonly number[];
  /** Latin token indices by text and by Porter stem, for matching words without a scan. */
  readonly byStem: ReadonlyMap<string, readonly number[]>;
  readonly byText: ReadonlyMap<string, readonly number[]>;
  /** Memo, filled while matching: a long word → where it or a one-edit typo of it occurs (the edit distance is costly). */
  readonly fuzzyHits: Map<string, readonly number[]>;
  /** Memo, filled while matching: where each word group occurs, and the Latin words translated (see `groups.ts`). */
  readonly groupMemo: GroupMemo;
}

/** What matching learns about a reply once and reuses for every concept of the challenge. */
export interface GroupMemo {
  translations?: {
    /** The Chinese translations of the reply's Latin words, joined by "|". */
    readonly joined: string;
    /** Where each word's translations start in `joined`, ascending, and the word's token index. */
    readonly starts: readonly number[];
    readonly tokens: readonly number[];
    /** Bigrams of `joined`: most spellings are in no translation, and this says so without a search. */
    readonly grams: GramFilter;
  };
  /** Bigrams of `Reply.compact`, for the same reason. */
  compactGrams?: GramFilter;
  /** Keyed by the compiled word group (an object of the prepared challenge). */
  readonly hits: Map<object, readonly (readonly [number, number])[]>;
}

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;
const NON_ASCII_LETTER = /\p{L}/u;
const APOSTROPHE = 0x27;

/** A letter or digit of a non-Han word. */
function isWordCode(code: number): boolean {
  if (code < 0x80) return isAsciiWordCode(code);
  return !isHanCode(code) && NON_ASCII_WORD_CHAR.test(String.fromCodePoint(code));
}

/** A letter that may follow an apostrophe inside a word (don't, can't). */
function isLetterCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return !isHanCode(code) && NON_ASCII_LETTER.test(String.fromCodePoint(code));
}

/** End of the non-Han word starting at `from` (letters and digits, `'` + letters inside), before `limit`. */
function wordEnd(text: string, from: number, limit: number): number {
  let at = from;
  while (at < limit) {
    const code = text.codePointAt(at) as number;
    if (isWordCode(code)) at += code > 0xffff ? 2 : 1;
    else if (code === APOSTROPHE && at + 1 < limit && isLetterCode(text.codePointAt(at + 1) as number)) at += 1;
    else break;
  }
  return at;
}

/** Folding used for replies and aliases alike: NFKC, case, traditional → simplified, CJK punctuation → ASCII. */
export function foldForGrading(text: string): string {
  return foldPunctuation(foldText(text));
}

// Replies reuse a few thousand Han characters and English words over and over: one string per character and
// one stem per word, kept, spare the allocation (and the stemmer's slicing) on every reply. The cap only
// guards against hostile input.
const MAX_INTERNED = 20_000;
const hanChars = new Map<number, string>();
const stems = new Map<string, string>();

function hanChar(text: string, at: number, end: number, code: number): string {
  let char = hanChars.get(code);
  if (char === undefined) {
    char = text.slice(at, end);
    if (hanChars.size >= MAX_INTERNED) hanChars.clear();
    hanChars.set(code, char);
  }
  return char;
}

function stemOf(word: string): string {
  let wordStem = stems.get(word);
  if (wordStem === undefined) {
    wordStem = stem(word);
    if (stems.size >= MAX_INTERNED) stems.clear();
    stems.set(word, wordStem);
  }
  return wordStem;
}

function pushIndex(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/** Tokenizes folded text (see `foldForGrading`). */
export function analyzeFolded(text: string): Reply {
  const tokens: Token[] = [];
  const byStem = new Map<string, number[]>();
  const byText = new Map<string, number[]>();
  // `compact` is built from slices of adjacent-token runs, not a concatenation per token.
  let compact = '';
  let compactLength = 0;
  let runStart = 0;
  let previousEnd = 0;
  let previousHan = false;
  const clauses = splitClauses(text);
  for (let clause = 0; clause < clauses.length; clause++) {
    const { start: clauseStart, end: clauseEnd } = clauses[clause] as ClauseSpan;
    let at = clauseStart;
    while (at < clauseEnd) {
      const code = text.codePointAt(at) as number;
      const han = isHanCode(code);
      const end = han ? at + (code > 0xffff ? 2 : 1) : isWordCode(code) ? wordEnd(text, at, clauseEnd) : -1;
      if (end < 0) {
        at += code > 0xffff ? 2 : 1;
        continue;
      }
      const word = han ? hanChar(text, at, end, code) : text.slice(at, end);
      const gap = at === previousEnd ? '' : text.slice(previousEnd, at);
      const itemStart =
        tokens.length === 0 ||
        tokens[tokens.length - 1]?.clause !== clause ||
        // A space separates items only between Han characters: mixed writing puts spaces around Latin words.
        (gap.length > 0 && han && previousHan) ||
        // two-phase, crc_16: a hyphen or underscore joins Latin words; any other mark separates items.
        (gap.length > 0 && /[^\s\-_]/u.test(gap));
      const index = tokens.length;
      const wordStem = han ? word : stemOf(word);
      if (at !== previousEnd) {
        compact += text.slice(runStart, previousEnd);
        runStart = at;
      }
      tokens.push({ text: word, han, start: at, end, clause, compactStart: compactLength, stem: wordStem, itemStart });
      if (!han) {
        pushIndex(byText, word, index);
        pushIndex(byStem, wordStem, index);
      }
      compactLength += end - at;
      previousEnd = end;
      previousHan = han;
      at = end;
    }
  }
  compact += text.slice(runStart, previousEnd);
  // Not an Int32Array: a typed array's buffer lives outside the heap, and young collections sweep each one.
  const tokenAt = new Array<number>(compact.length).fill(0);
  tokens.forEach((token, index) => tokenAt.fill(index, token.compactStart, token.compactStart + token.text.length));
  return { text, tokens, compact, tokenAt, byStem, byText, fuzzyHits: new Map(), groupMemo: { hits: new Map() } };
}

export function analyzeReply(raw: string): Reply {
  return analyzeFolded(foldForGrading(raw));
}
