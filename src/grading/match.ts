/**
 * Where each concept of a prepared challenge occurs in a reply: Chinese terms as substrings on token
 * boundaries (or with a particle or two inserted), Latin terms word by word (stem, or one edit on long words,
 * or exact for acronyms), homophone typos of Chinese terms by toneless pinyin, a term's words in any order
 * within a clause (`groups.ts`), and most of a Chinese term's bigrams within a clause (soft). An occurrence never
 * spans two clauses, and one phrase of the reply credits one concept.
 */
import { soundAlike, wordReading } from '../text/pinyin.js';
import { clausesOf, findBigrams, findGroups, type ClauseRange } from './groups.js';
import { occurrenceOf, phraseStarts, type Occurrence } from './occurrence.js';
import type { Strength, WordPattern } from './patterns.js';
import type { PreparedChallenge } from './prepare.js';
import type { Reply, Token } from './reply.js';

export type { Occurrence } from './occurrence.js';

function occurrence(reply: Reply, concept: number, first: number, last: number, strength: Strength): Occurrence | null {
  return occurrenceOf(reply, concept, [[first, last]], strength, 1);
}

function findCompact(reply: Reply, concept: number, compact: string, strength: Strength, out: Occurrence[]): void {
  for (let at = reply.compact.indexOf(compact); at >= 0; at = reply.compact.indexOf(compact, at + 1)) {
    const first = reply.tokenAt[at] as number;
    const last = reply.tokenAt[at + compact.length - 1] as number;
    const firstToken = reply.tokens[first] as Token;
    const lastToken = reply.tokens[last] as Token;
    // On token boundaries only: `az` must not match inside `lazy`, nor `redis集群` inside `myredis集群`.
    if (firstToken.compactStart !== at) continue;
    if (lastToken.compactStart + lastToken.text.length !== at + compact.length) continue;
    const found = occurrence(reply, concept, first, last, strength);
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
function findGapped(
  reply: Reply,
  concept: number,
  chars: readonly string[],
  strength: Strength,
  out: Occurrence[],
): void {
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
    const found = occurrence(reply, concept, first, at, strength);
    if (found) out.push(found);
  }
}

function findWords(
  reply: Reply,
  concept: number,
  words: readonly WordPattern[],
  strength: Strength,
  out: Occurrence[],
): void {
  for (const first of phraseStarts(reply, words)) {
    const found = occurrence(reply, concept, first, first + words.length - 1, strength);
    if (found) out.push(found);
  }
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
      const found = occurrence(reply, entry.concept, first, last, 'exact');
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

const STRENGTH_RANK: Readonly<Record<Strength, number>> = { exact: 0, translation: 1, groups: 2, bigrams: 3 };

type Span = readonly [number, number];

// An occurrence's parts are token ranges in order of their first token (see `occurrenceOf`), and may overlap or
// touch: the checks below read them as the set of tokens they cover, without making that set.

/** How many tokens the parts cover. */
function coveredCount(parts: readonly Span[]): number {
  let size = 0;
  let reach = -1;
  for (const [a, b] of parts) {
    const from = Math.max(a, reach + 1);
    if (b >= from) size += b - from + 1;
    if (b > reach) reach = b;
  }
  return size;
}

function overlaps(a: readonly Span[], b: readonly Span[]): boolean {
  for (const [a0, a1] of a) for (const [b0, b1] of b) if (a0 <= b1 && b0 <= a1) return true;
  return false;
}

/** Every token of `inner` is covered by `outer`: each inner range, walked through the outer ranges in order. */
function within(inner: readonly Span[], outer: readonly Span[]): boolean {
  for (const [a0, a1] of inner) {
    let at = a0; // the first token of the range not yet seen covered
    for (let k = 0; k < outer.length && at <= a1; k++) {
      const [b0, b1] = outer[k] as Span;
      if (b0 > at) break;
      if (b1 >= at) at = b1 + 1;
    }
    if (at <= a1) return false;
  }
  return true;
}

/** Strongest first, then the surest, then the widest, then the earliest. */
function byRank(a: Occurrence, b: Occurrence): number {
  return (
    STRENGTH_RANK[a.strength] - STRENGTH_RANK[b.strength] ||
    b.degree - a.degree ||
    b.words.length - a.words.length ||
    a.first - b.first
  );
}

function byPosition(a: Occurrence, b: Occurrence): number {
  return a.first - b.first || a.concept - b.concept;
}

function shadows(kept: Occurrence, candidate: Occurrence): boolean {
  return kept.concept === candidate.concept
    ? overlaps(candidate.parts, kept.parts)
    : coveredCount(kept.parts) >= coveredCount(candidate.parts) && within(candidate.parts, kept.parts);
}

/**
 * One phrase credits one concept. Strongest and widest matches first: a match whose words all lie inside a kept
 * match of another concept is dropped (最终一致性 is not also 一致性; "exactly once" is not also 最多一次), and so
 * is one overlapping a kept match of its own concept (服务节点数增长 need not also report 节点数增长). Partial
 * overlaps between concepts stand. Sorts `found` in place (the caller's own list).
 */
function oneConceptPerPhrase(found: Occurrence[]): Occurrence[] {
  found.sort(byRank);
  const kept: Occurrence[] = [];
  for (const candidate of found) {
    let shadowed = false;
    for (let k = 0; k < kept.length && !shadowed; k++) shadowed = shadows(kept[k] as Occurrence, candidate);
    if (!shadowed) kept.push(candidate);
  }
  return kept.sort(byPosition);
}

/** Every occurrence of every concept, in reply order. */
export function findOccurrences(prepared: PreparedChallenge, reply: Reply): Occurrence[] {
  const found: Occurrence[] = [];
  const clauses: readonly ClauseRange[] = clausesOf(reply);
  prepared.concepts.forEach((concept, index) => {
    for (const pattern of concept.patterns) {
      switch (pattern.kind) {
        case 'compact':
          findCompact(reply, index, pattern.compact, pattern.strength, found);
          if (pattern.chars.length >= GAP_MIN_TOKENS) findGapped(reply, index, pattern.chars, pattern.strength, found);
          break;
        case 'words':
          findWords(reply, index, pattern.words, pattern.strength, found);
          break;
        case 'groups':
          findGroups(reply, clauses, index, pattern.groups, prepared.dictionary, found);
          break;
        case 'bigrams':
          findBigrams(reply, clauses, index, pattern.bigrams, found);
          break;
      }
    }
  });
  findHomophones(reply, prepared, found);
  return oneConceptPerPhrase(found);
}
