/**
 * Where each concept of a prepared challenge occurs in a reply: Chinese aliases as substrings on token
 * boundaries (or with a particle or two inserted), Latin aliases word by word (stem, or one edit on long words, or exact for acronyms), and
 * homophone typos of Chinese aliases by toneless pinyin. An occurrence never spans two clauses.
 */
import { boundedEditDistance } from '../text/edit-distance.js';
import { soundAlike, wordReading } from '../text/pinyin.js';
import type { PreparedChallenge, WordPattern } from './prepare.js';
import type { Reply, Token } from './reply.js';

export interface Occurrence {
  /** Index into `PreparedChallenge.concepts`. */
  readonly concept: number;
  /** First and last token, inclusive. */
  readonly first: number;
  readonly last: number;
  /** The reply's words that matched, as folded. */
  readonly words: string;
}

function occurrence(reply: Reply, concept: number, first: number, last: number): Occurrence | null {
  const a = reply.tokens[first] as Token;
  const b = reply.tokens[last] as Token;
  if (a.clause !== b.clause) return null;
  return { concept, first, last, words: reply.text.slice(a.start, b.end) };
}

function findCompact(reply: Reply, concept: number, compact: string, out: Occurrence[]): void {
  for (let at = reply.compact.indexOf(compact); at >= 0; at = reply.compact.indexOf(compact, at + 1)) {
    const first = reply.tokenAt[at] as number;
    const last = reply.tokenAt[at + compact.length - 1] as number;
    const firstToken = reply.tokens[first] as Token;
    const lastToken = reply.tokens[last] as Token;
    // On token boundaries only: `az` must not match inside `lazy`, nor `redis集群` inside `myredis集群`.
    if (firstToken.compactStart !== at) continue;
    if (lastToken.compactStart + lastToken.text.length !== at + compact.length) continue;
    const found = occurrence(reply, concept, first, last);
    if (found) out.push(found);
  }
}

// Chinese inserts particles into terms (分布式的事务, 请求一个 id): up to two extra characters may sit inside
// an alias of three tokens or more — but never a negation, which must stay visible to the negation rule.
const MAX_GAP = 2;
const GAP_MIN_TOKENS = 3;
const NOT_A_GAP = new Set(['不', '没', '无', '未', '非', '别']);

function isGapFiller(token: Token): boolean {
  return token.han && !NOT_A_GAP.has(token.text);
}

/** Occurrences of a Chinese alias with one or two characters inserted (the exact ones are `findCompact`'s). */
function findGapped(reply: Reply, concept: number, chars: readonly string[], out: Occurrence[]): void {
  const tokens = reply.tokens;
  const head = chars[0] as string;
  for (let offset = reply.compact.indexOf(head); offset >= 0; offset = reply.compact.indexOf(head, offset + 1)) {
    const first = reply.tokenAt[offset] as number;
    if (tokens[first]?.compactStart !== offset || tokens[first]?.text !== head) continue;
    let at = first;
    let gaps = 0;
    for (let k = 1; k < chars.length && at >= 0; k++) {
      let next = at + 1;
      while (
        next < tokens.length &&
        tokens[next]?.text !== chars[k] &&
        gaps < MAX_GAP &&
        isGapFiller(tokens[next] as Token)
      ) {
        next++;
        gaps++;
      }
      at = tokens[next]?.text === chars[k] ? next : -1;
    }
    if (at < 0 || gaps === 0) continue;
    const found = occurrence(reply, concept, first, at);
    if (found) out.push(found);
  }
}

function wordMatches(token: Token, word: WordPattern): boolean {
  if (token.han) return false;
  if (word.exact) return token.text === word.text;
  if (token.stem === word.stem) return true;
  return word.fuzzy && boundedEditDistance(token.text, word.text, 1) <= 1;
}

// Most Latin aliases are absent from a given reply: one shared empty list, not a new one per alias.
const NONE: readonly number[] = Object.freeze([]);

/** Token indices where the first word of a Latin alias may start. */
function firstWordCandidates(reply: Reply, word: WordPattern): readonly number[] {
  if (word.exact) return reply.byText.get(word.text) ?? NONE;
  const byStem = reply.byStem.get(word.stem) ?? NONE;
  if (!word.fuzzy) return byStem;
  let fuzzy: number[] | null = null;
  for (const text of reply.byText.keys()) {
    if (Math.abs(text.length - word.text.length) <= 1 && boundedEditDistance(text, word.text, 1) <= 1)
      (fuzzy ??= []).push(...(reply.byText.get(text) as readonly number[]));
  }
  return fuzzy === null ? byStem : [...new Set([...byStem, ...fuzzy])];
}

function findWords(reply: Reply, concept: number, words: readonly WordPattern[], out: Occurrence[]): void {
  const head = words[0];
  if (!head) return;
  for (const first of firstWordCandidates(reply, head)) {
    const last = first + words.length - 1;
    if (last >= reply.tokens.length) continue;
    if (!followingWordsMatch(reply, words, first)) continue;
    const found = occurrence(reply, concept, first, last);
    if (found) out.push(found);
  }
}

function followingWordsMatch(reply: Reply, words: readonly WordPattern[], first: number): boolean {
  for (let k = 1; k < words.length; k++)
    if (!wordMatches(reply.tokens[first + k] as Token, words[k] as WordPattern)) return false;
  return true;
}

/**
 * Windows of the reply that read like a Chinese alias in toneless pinyin, with at least half the characters
 * identical (幂登 for 幂等, 云元生 for 云原生) — which is also how candidate windows are found cheaply: only
 * around characters the alias shares with the reply. A window that passes the per-character test must also
 * read the same as a word, in context, so a polyphone does not pass for a typo (重视 is not 重试).
 */
function findHomophones(reply: Reply, prepared: PreparedChallenge, out: Occurrence[]): void {
  const tokens = reply.tokens;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (!token.han) continue;
    const entries = prepared.homophoneIndex.get(token.text);
    if (entries === undefined) continue;
    for (const entry of entries) {
      const chars = entry.chars;
      const first = index - entry.offset;
      const last = first + chars.length - 1;
      if (first < 0 || last >= tokens.length) continue;
      // A window is reached from each of its characters that the alias shares; check it from the first only.
      if (reachedEarlier(tokens, chars, first, entry.offset)) continue;
      // Counting identical characters is cheap and rules out most windows before any pinyin is read.
      let identical = 0;
      let allHan = true;
      for (let k = 0; k < chars.length && allHan; k++) {
        const t = tokens[first + k] as Token;
        if (!t.han) allHan = false;
        else if (t.text === chars[k]) identical++;
      }
      if (!allHan || identical === chars.length || identical * 2 < chars.length) continue;
      if (!windowSoundsAlike(tokens, chars, first)) continue;
      const firstToken = tokens[first] as Token;
      const windowText = reply.text.slice(firstToken.start, (tokens[last] as Token).end);
      if (wordReading(windowText) !== wordReading(entry.text)) continue;
      const found = occurrence(reply, entry.concept, first, last);
      if (found) out.push(found);
    }
  }
}

/** Whether a character of the window before `offset` already equals the alias's character there. */
function reachedEarlier(tokens: readonly Token[], chars: readonly string[], first: number, offset: number): boolean {
  for (let k = 0; k < offset; k++) if ((tokens[first + k] as Token).text === chars[k]) return true;
  return false;
}

function windowSoundsAlike(tokens: readonly Token[], chars: readonly string[], first: number): boolean {
  for (let k = 0; k < chars.length; k++)
    if (!soundAlike((tokens[first + k] as Token).text, chars[k] as string)) return false;
  return true;
}

function spanLength(occ: Occurrence): number {
  return occ.words.length;
}

/**
 * A match lying wholly inside a longer match of another concept is dropped (最终一致性 is not also 一致性),
 * and so is one inside a match of its own concept (服务节点数增长 need not also report 节点数增长).
 * Partial overlaps stand.
 */
function dropShadowed(found: readonly Occurrence[]): Occurrence[] {
  const longestFirst = [...found].sort((a, b) => spanLength(b) - spanLength(a) || a.first - b.first);
  const kept: Occurrence[] = [];
  for (const occ of longestFirst) {
    const shadowed = kept.some(
      (k) =>
        k.first <= occ.first && k.last >= occ.last && (k.concept === occ.concept || spanLength(k) > spanLength(occ)),
    );
    if (!shadowed) kept.push(occ);
  }
  return kept.sort((a, b) => a.first - b.first || a.concept - b.concept);
}

/** Every occurrence of every concept, in reply order. */
export function findOccurrences(prepared: PreparedChallenge, reply: Reply): Occurrence[] {
  const found: Occurrence[] = [];
  prepared.concepts.forEach((concept, index) => {
    for (const pattern of concept.patterns) {
      if (pattern.kind === 'compact') {
        findCompact(reply, index, pattern.compact, found);
        if (pattern.chars.length >= GAP_MIN_TOKENS) findGapped(reply, index, pattern.chars, found);
      } else findWords(reply, index, pattern.words, found);
    }
  });
  findHomophones(reply, prepared, found);
  return dropShadowed(found);
}
