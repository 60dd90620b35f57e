/**
 * A reply (or an alias) taken apart once for matching: folded text, clauses, and word tokens — every Han
 * character is a token of its own, every run of other letters and digits is one (`don't` included) — plus a
 * "compact" string of the tokens joined without separators, where Chinese aliases are found as substrings
 * (so `Redis 集群` and `redis集群` meet).
 */
import { splitClauses } from '../text/clauses.js';
import { foldPunctuation, foldText } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { isHanCode } from '../text/tokenize.js';

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
  readonly tokenAt: Int32Array;
  /** Token indices by text (Han characters too) and Latin ones by Porter stem, for matching without a scan. */
  readonly byStem: ReadonlyMap<string, readonly number[]>;
  readonly byText: ReadonlyMap<string, readonly number[]>;
}

const WORD = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:'(?:(?!\p{Script=Han})\p{L})+)*/gu;

/** Folding used for replies and aliases alike: NFKC, case, traditional → simplified, CJK punctuation → ASCII. */
export function foldForGrading(text: string): string {
  return foldPunctuation(foldText(text));
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
  let compact = '';
  let previousEnd = 0;
  let previousHan = false;
  splitClauses(text).forEach((clause, clauseIndex) => {
    const body = text.slice(clause.start, clause.end);
    for (const m of body.matchAll(WORD)) {
      const word = m[0];
      const start = clause.start + m.index;
      const han = isHanCode(word.codePointAt(0) ?? 0);
      const gap = text.slice(previousEnd, start);
      const itemStart =
        tokens.length === 0 ||
        tokens[tokens.length - 1]?.clause !== clauseIndex ||
        // A space separates items only between Han characters: mixed writing puts spaces around Latin words.
        (gap.length > 0 && han && previousHan) ||
        // two-phase, crc_16: a hyphen or underscore joins Latin words; any other mark separates items.
        /[^\s\-_]/u.test(gap);
      const index = tokens.length;
      const wordStem = han ? word : stem(word);
      tokens.push({
        text: word,
        han,
        start,
        end: start + word.length,
        clause: clauseIndex,
        compactStart: compact.length,
        stem: wordStem,
        itemStart,
      });
      pushIndex(byText, word, index);
      if (!han) pushIndex(byStem, wordStem, index);
      compact += word;
      previousEnd = start + word.length;
      previousHan = han;
    }
  });
  const tokenAt = new Int32Array(compact.length);
  tokens.forEach((token, index) => tokenAt.fill(index, token.compactStart, token.compactStart + token.text.length));
  return { text, tokens, compact, tokenAt, byStem, byText };
}

export function analyzeReply(raw: string): Reply {
  return analyzeFolded(foldForGrading(raw));
}
