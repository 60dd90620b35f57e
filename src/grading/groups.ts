/**
 * Matching inside one clause, in any order: a term's words (each by any of its spellings, or through an
 * English word of the reply whose translation holds it — "fast" → 快速 ∋ 快), and a Chinese term's character
 * bigrams (soft: most of them present).
 */
import type { BilingualDictionary } from '../text/bilingual.js';
import { occurrenceOf, phraseStarts, type Occurrence } from './occurrence.js';
import type { WordGroup } from './patterns.js';
import type { Reply, Token } from './reply.js';

export interface ClauseRange {
  /** Tokens, inclusive. */
  readonly first: number;
  readonly last: number;
  /** Offsets into `Reply.compact`, end exclusive. */
  readonly compactStart: number;
  readonly compactEnd: number;
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
    out.push({ first, last: i - 1, compactStart: a.compactStart, compactEnd: b.compactStart + b.text.length });
    first = i;
  }
  return out;
}

/** A Chinese spelling found through a translation: equal, or one holding the other (快速 ∋ 快, 负载均衡 ∈ …). */
function translationHolds(translation: string, han: string): boolean {
  return translation === han || translation.includes(han) || (translation.length >= 2 && han.includes(translation));
}

/** Where `group` first occurs inside `clause`, as a token range, or null. */
export function findGroupIn(
  reply: Reply,
  clause: ClauseRange,
  group: WordGroup,
  dictionary: BilingualDictionary | undefined,
): readonly [number, number] | null {
  for (const han of group.han) {
    let at = reply.compact.indexOf(han, clause.compactStart);
    for (; at >= 0 && at + han.length <= clause.compactEnd; at = reply.compact.indexOf(han, at + 1)) {
      const first = reply.tokenAt[at] as number;
      const last = reply.tokenAt[at + han.length - 1] as number;
      // Latin parts of a mixed spelling stay on word boundaries (as whole terms do).
      const a = reply.tokens[first] as Token;
      const b = reply.tokens[last] as Token;
      if (a.compactStart === at && b.compactStart + b.text.length === at + han.length) return [first, last];
    }
  }
  for (const phrase of group.latin)
    for (const start of phraseStarts(reply, phrase))
      if (start >= clause.first && start + phrase.length - 1 <= clause.last) return [start, start + phrase.length - 1];
  if (dictionary && group.han.length > 0)
    for (let i = clause.first; i <= clause.last; i++) {
      const token = reply.tokens[i] as Token;
      if (token.han || token.text.length < 2) continue;
      const chinese = dictionary.translate(token.text);
      if (chinese.some((t) => group.han.some((han) => translationHolds(t, han)))) return [i, i];
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
  for (const clause of clauses) {
    const parts: (readonly [number, number])[] = [];
    for (const group of groups) {
      const part = findGroupIn(reply, clause, group, dictionary);
      if (!part) break;
      parts.push(part);
    }
    if (parts.length < groups.length) continue;
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
  for (const clause of clauses) {
    const parts: (readonly [number, number])[] = [];
    for (const bigram of bigrams) {
      const at = reply.compact.indexOf(bigram, clause.compactStart);
      if (at < 0 || at + 2 > clause.compactEnd) continue;
      const first = reply.tokenAt[at] as number;
      parts.push([first, reply.tokenAt[at + 1] as number]);
    }
    const share = parts.length / bigrams.length;
    if (share <= MIN_BIGRAM_SHARE) continue;
    const found = occurrenceOf(reply, concept, mergeParts(parts), 'bigrams', share * BIGRAM_CREDIT);
    if (found) out.push(found);
  }
}

/** Adjacent or overlapping token ranges joined (扩展 + 展困 → 扩展困). */
function mergeParts(parts: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const sorted = [...parts].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
