/**
 * Matching inside one clause, in any order: a term's words (each by any of its spellings, or through an
 * English word of the reply whose translation holds it — "fast" → 快速 ∋ 快), and a Chinese term's character
 * bigrams (soft: most of them present).
 */
import type { BilingualDictionary } from '../text/bilingual.js';
import { gramFilter } from '../text/gram-filter.js';
import { occurrenceOf, phraseStarts, type Occurrence } from './occurrence.js';
import type { WordGroup } from './patterns.js';
import type { GroupMemo, Reply, Token } from './reply.js';

export interface ClauseRange {
  /** Tokens, inclusive. */
  readonly first: number;
  readonly last: number;
  /** Offsets into `Reply.compact`, end exclusive. */
  readonly compactStart: number;
  readonly compactEnd: number;
  /** `Reply.compact` of the clause: searching it, not the whole reply, keeps long replies linear. */
  readonly compact: string;
}

/** A soft match needs more than this share of the term's bigrams in one clause. */
export const MIN_BIGRAM_SHARE = 0.5;
/** A soft match earns less than a whole one: its share of bigrams times this. */
export const BIGRAM_CREDIT = 0.8;

export function clausesOf(reply: Reply): ClauseRange[] {
  const out: ClauseRange[] = [];
  const tokens = reply.tokens;
  let first = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && (tokens[i] as Token).clause === (tokens[first] as Token).clause) continue;
    const a = tokens[first] as Token;
    const b = tokens[i - 1] as Token;
    const compactEnd = b.compactStart + b.text.length;
    out.push({
      first,
      last: i - 1,
      compactStart: a.compactStart,
      compactEnd,
      compact: reply.compact.slice(a.compactStart, compactEnd),
    });
    first = i;
  }
  return out;
}

type ReplyTranslations = NonNullable<GroupMemo['translations']>;

type Range = readonly [number, number];

const NO_HITS: readonly Range[] = Object.freeze([]);

/** The reply's Latin words translated into Chinese, once per reply. */
function replyTranslations(reply: Reply, memo: GroupMemo, dictionary: BilingualDictionary): ReplyTranslations {
  if (memo.translations) return memo.translations;
  let joined = '|';
  const starts: number[] = [];
  const tokens: number[] = [];
  reply.tokens.forEach((token, i) => {
    if (token.han || token.text.length < 2) return;
    const chinese = dictionary.translate(token.text);
    if (chinese.length === 0) return;
    starts.push(joined.length);
    tokens.push(i);
    joined += `${chinese.join('|')}|`;
  });
  memo.translations = { joined, starts, tokens, grams: gramFilter(joined) };
  return memo.translations;
}

/** The token whose translations hold offset `at` of `joined`. */
function tokenAtJoined(translations: ReplyTranslations, at: number): number {
  let index = 0;
  while (index + 1 < translations.starts.length && (translations.starts[index + 1] as number) <= at) index++;
  return translations.tokens[index] as number;
}

/**
 * `hits` with [first, last] inserted in order of `first` (a reply holds a word a few times at most: inserting
 * in place beats sorting a copy).
 */
function withHit(hits: Range[] | null, first: number, last: number): Range[] {
  const out = hits ?? [];
  let at = out.length;
  // Shifted by hand: `splice` returns a new (empty) array on every call.
  const hit: Range = [first, last];
  out.push(hit);
  for (; at > 0 && (out[at - 1] as Range)[0] > first; at--) out[at] = out[at - 1] as Range;
  out[at] = hit;
  return out;
}

/** Every place in the reply where `group` occurs (by a spelling, a Latin phrase, or a translation), within a clause. */
export function groupHits(
  reply: Reply,
  group: WordGroup,
  dictionary: BilingualDictionary | undefined,
): readonly Range[] {
  const memo = reply.groupMemo;
  const known = memo.hits.get(group);
  if (known) return known;
  // Most groups are absent from a reply: no array is made for them.
  let hits: Range[] | null = null;
  const grams = (memo.compactGrams ??= gramFilter(reply.compact));
  for (const han of group.han) {
    if (!grams.mayContain(han)) continue;
    for (let at = reply.compact.indexOf(han); at >= 0; at = reply.compact.indexOf(han, at + 1)) {
      const first = reply.tokenAt[at] as number;
      const last = reply.tokenAt[at + han.length - 1] as number;
      // Latin parts of a mixed spelling stay on word boundaries (as whole terms do), and a word stays in its clause.
      const a = reply.tokens[first] as Token;
      const b = reply.tokens[last] as Token;
      if (a.compactStart === at && b.compactStart + b.text.length === at + han.length && a.clause === b.clause)
        hits = withHit(hits, first, last);
    }
  }
  for (const phrase of group.latin) {
    const starts = phraseStarts(reply, phrase);
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i] as number;
      const last = start + phrase.length - 1;
      if ((reply.tokens[start] as Token).clause === (reply.tokens[last] as Token).clause)
        hits = withHit(hits, start, last);
    }
  }
  if (dictionary && group.han.length > 0) {
    // An English word whose translation holds the spelling: "fast" → 快速 ∋ 快.
    const translations = replyTranslations(reply, memo, dictionary);
    if (translations.tokens.length > 0)
      for (const han of group.han) {
        if (!translations.grams.mayContain(han)) continue;
        for (let at = translations.joined.indexOf(han); at >= 0; at = translations.joined.indexOf(han, at + 1)) {
          const token = tokenAtJoined(translations, at);
          hits = withHit(hits, token, token);
        }
      }
  }
  const found: readonly Range[] = hits ?? NO_HITS;
  memo.hits.set(group, found);
  return found;
}

/** Where `group` first occurs inside `clause`, as a token range, or null. */
export function findGroupIn(
  reply: Reply,
  clause: ClauseRange,
  group: WordGroup,
  dictionary: BilingualDictionary | undefined,
): Range | null {
  const hits = groupHits(reply, group, dictionary);
  // Indexed, not `for…of`: this runs for every word of every concept and reference in every clause.
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] as Range;
    if (hit[0] > clause.last) break;
    if (hit[0] >= clause.first && hit[1] <= clause.last) return hit;
  }
  return null;
}

/** Occurrences of a term whose every word is in one clause, in any order. */
export function findGroups(
  reply: Reply,
  clauses: readonly ClauseRange[],
  concept: number,
  groups: readonly WordGroup[],
  dictionary: BilingualDictionary | undefined,
  out: Occurrence[],
): void {
  // Most terms have a word the reply never says: no clause is looked at then.
  for (const group of groups) if (groupHits(reply, group, dictionary).length === 0) return;
  for (const clause of clauses) {
    // Made only once the clause holds the first word: most clauses hold none.
    let parts: Range[] | null = null;
    for (const group of groups) {
      const part = findGroupIn(reply, clause, group, dictionary);
      if (!part) break;
      (parts ??= []).push(part);
    }
    if (parts === null || parts.length < groups.length) continue;
    const found = occurrenceOf(reply, concept, parts, 'groups', 1);
    if (found) out.push(found);
  }
}

/** Soft occurrences of a Chinese term: at least half its bigrams in one clause. */
export function findBigrams(
  reply: Reply,
  clauses: readonly ClauseRange[],
  concept: number,
  bigrams: readonly string[],
  out: Occurrence[],
): void {
  let present = 0;
  for (const bigram of bigrams) if (reply.compact.includes(bigram)) present++;
  // Fewer than needed in the whole reply: no clause can hold enough.
  if (present / bigrams.length <= MIN_BIGRAM_SHARE) return;
  for (const clause of clauses) {
    let inClause = 0;
    for (const bigram of bigrams) if (clause.compact.includes(bigram)) inClause++;
    const share = inClause / bigrams.length;
    if (share <= MIN_BIGRAM_SHARE) continue;
    const parts: (readonly [number, number])[] = [];
    for (const bigram of bigrams) {
      const local = clause.compact.indexOf(bigram);
      if (local < 0) continue;
      const at = clause.compactStart + local;
      const first = reply.tokenAt[at] as number;
      parts.push([first, reply.tokenAt[at + 1] as number]);
    }
    const found = occurrenceOf(reply, concept, mergeParts(parts), 'bigrams', share * BIGRAM_CREDIT);
    if (found) out.push(found);
  }
}

/** Adjacent or overlapping token ranges joined (扩展 + 展困 → 扩展困); sorts `parts` in place. */
function mergeParts(parts: (readonly [number, number])[]): (readonly [number, number])[] {
  // Sorted by hand (a few parts): `sort` allocates a work array on every call.
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as Range;
    let at = i;
    for (; at > 0 && (parts[at - 1] as Range)[0] > part[0]; at--) parts[at] = parts[at - 1] as Range;
    parts[at] = part;
  }
  const out: [number, number][] = [];
  for (const [a, b] of parts) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
