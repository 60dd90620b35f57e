/** One match of a concept in a reply, and the Latin-word matching that whole terms and words in any order share. */
import { boundedEditDistance } from '../text/edit-distance.js';
import type { Strength, WordPattern } from './patterns.js';
import type { Reply, Token } from './reply.js';

export interface Occurrence {
  /** Index into `PreparedChallenge.concepts`. */
  readonly concept: number;
  /** First and last token, inclusive. */
  readonly first: number;
  readonly last: number;
  /** Token ranges, inclusive, that matched (one for a whole term; one per word for words in any order). */
  readonly parts: readonly (readonly [number, number])[];
  /** The reply's words that matched, as folded (words found apart are joined by "…"). */
  readonly words: string;
  readonly strength: Strength;
  /** Credit of this match, 0–1: 1 for a whole term or all its words; the share of bigrams (discounted) for a soft one. */
  readonly degree: number;
}

export function occurrenceOf(
  reply: Reply,
  concept: number,
  parts: readonly (readonly [number, number])[],
  strength: Strength,
  degree: number,
): Occurrence | null {
  // Callers mostly pass parts already in order: copy and sort only when they are not.
  let inOrder = true;
  let last = -1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as readonly [number, number];
    if (i > 0 && part[0] < (parts[i - 1] as readonly [number, number])[0]) inOrder = false;
    if (part[1] > last) last = part[1];
  }
  const sorted = inOrder ? parts : [...parts].sort((x, y) => x[0] - y[0]);
  const first = (sorted[0] as readonly [number, number])[0];
  if ((reply.tokens[first] as Token).clause !== (reply.tokens[last] as Token).clause) return null;
  let words = '';
  for (let i = 0; i < sorted.length; i++) {
    const [a, b] = sorted[i] as readonly [number, number];
    const text = reply.text.slice((reply.tokens[a] as Token).start, (reply.tokens[b] as Token).end);
    words = i === 0 ? text : `${words}…${text}`;
  }
  return { concept, first, last, parts: sorted, words, strength, degree };
}

export function wordMatches(token: Token, word: WordPattern): boolean {
  if (token.han) return false;
  if (word.exact) return token.text === word.text;
  if (token.stem === word.stem) return true;
  if (!word.fuzzy) return false;
  // One edit on the word or on its stem: "balencer" is a typo of "balancers" (balenc / balanc).
  return boundedEditDistance(token.text, word.text, 1) <= 1 || boundedEditDistance(token.stem, word.stem, 1) <= 1;
}

// Most Latin aliases are absent from a given reply: one shared empty list, not a new one per alias.
const NONE: readonly number[] = Object.freeze([]);

/** Token indices where the first word of a Latin alias may start. */
export function firstWordCandidates(reply: Reply, word: WordPattern): readonly number[] {
  if (word.exact) return reply.byText.get(word.text) ?? NONE;
  const byStem = reply.byStem.get(word.stem) ?? NONE;
  if (!word.fuzzy) return byStem;
  const known = reply.fuzzyHits.get(word.text);
  if (known) return known;
  let fuzzy: number[] | null = null;
  for (const text of reply.byText.keys()) {
    if (Math.abs(text.length - word.text.length) <= 1 && boundedEditDistance(text, word.text, 1) <= 1)
      (fuzzy ??= []).push(...(reply.byText.get(text) as readonly number[]));
  }
  for (const stem of reply.byStem.keys()) {
    if (Math.abs(stem.length - word.stem.length) <= 1 && boundedEditDistance(stem, word.stem, 1) <= 1)
      (fuzzy ??= []).push(...(reply.byStem.get(stem) as readonly number[]));
  }
  const hits = fuzzy === null ? byStem : [...new Set([...byStem, ...fuzzy])];
  reply.fuzzyHits.set(word.text, hits);
  return hits;
}

/** Token indices where a Latin phrase starts (consecutive words). */
export function phraseStarts(reply: Reply, words: readonly WordPattern[]): readonly number[] {
  const head = words[0];
  if (!head) return NONE;
  const candidates = firstWordCandidates(reply, head);
  // Most phrases of a challenge are absent from a reply, and a one-word phrase starts at every candidate: no
  // new array for either.
  if (candidates.length === 0 || words.length === 1) return candidates;
  let starts: number[] | null = null;
  for (const first of candidates)
    if (first + words.length - 1 < reply.tokens.length && followingWordsMatch(reply, words, first))
      (starts ??= []).push(first);
  return starts ?? NONE;
}

function followingWordsMatch(reply: Reply, words: readonly WordPattern[], first: number): boolean {
  for (let k = 1; k < words.length; k++)
    if (!wordMatches(reply.tokens[first + k] as Token, words[k] as WordPattern)) return false;
  return true;
}
