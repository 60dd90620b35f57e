/**
 * Candidates come from postings, never a scan: a text's rarest token (a Latin word, a Han bigram, or — titles
 * only — a lone Han character) gives the entries that could hold it, the next rarest lists filter them, and a
 * plain substring test verifies. Caps keep a common query's walk short.
 */
import { gramKey, isHanToken, tokenize } from '../../text/tokenize.js';
import { AscendingProbe, PostingsBuilder, type Postings } from '../postings.js';
import type { Alternative } from './plan.js';
import type { IndexTables } from './tables.js';

/** Candidates scored per stage; a pool that is only filtered (never scored) may be larger. */
const MAX_CANDIDATES = 1000;
const MAX_POOL = 5000;
/** A group whose postings outnumber the walk this many times is left to the substring test. */
const GATE_FACTOR = 4;
const MAX_MEMO = 1000;
/** A title found inside a longer query needs this many characters (one character names nothing). */
export const MIN_WITHIN_TITLE = 2;

export interface Group {
  readonly alternatives: readonly Alternative[];
}

export interface Candidates {
  /** How many titles a text could be in at most: the length of its rarest token's postings (0: none). */
  estimate(text: string): number;
  /** Entries whose title (or body) contains `text`; stops once `out` holds `cap`. */
  containing(text: string, where: 'title' | 'body', out: Set<number>, cap?: number): void;
  /** Titles holding some alternative of `rarest` and of every one of `others`, added to `out` up to MAX_CANDIDATES. */
  titlesWithEveryGroup(rarest: readonly Alternative[], others: readonly Group[], out: Set<number>): void;
  /** Titles of two Han characters or more that `text` contains. */
  titlesWithin(text: string, out: Set<number>): void;
}

/**
 * Postings lists are ascending, rarest first: walking the rarest, a position is kept when the next two rarest
 * lists also hold it (the caller still verifies the text). Ask in ascending order.
 */
function alsoInNextRarest(lists: readonly Int32Array[]): (index: number) => boolean {
  const second = lists[1] && new AscendingProbe(lists[1]);
  const third = lists[2] && new AscendingProbe(lists[2]);
  return (index) => (!second || second.has(index)) && (!third || third.has(index));
}

/** Postings of one token (the rarest bigram for Han); `undefined` when the token cannot be found at all. */
function postingsOf(token: string, grams: Postings<number>, words: Postings<string>): Int32Array | undefined {
  if (!isHanToken(token)) return words.get(token);
  if (token.length === 1) return grams.get(token.charCodeAt(0));
  let best: Int32Array | undefined;
  for (let i = 0; i + 1 < token.length; i++) {
    const list = grams.get(gramKey(token, i, 2));
    if (!list) return undefined;
    if (!best || list.length < best.length) best = list;
  }
  return best;
}

/**
 * The postings every entry containing `text` is in, rarest first; `undefined` when some token is in no entry
 * at all or nothing is indexable.
 */
function tokenLists(
  text: string,
  grams: Postings<number>,
  words: Postings<string>,
  unigrams: boolean,
): Int32Array[] | undefined {
  const lists: Int32Array[] = [];
  for (const token of tokenize(text)) {
    if (!isHanToken(token)) {
      const list = words.get(token);
      if (!list) return undefined;
      lists.push(list);
    } else if (token.length === 1) {
      if (!unigrams) continue;
      const list = grams.get(token.charCodeAt(0));
      if (!list) return undefined;
      lists.push(list);
    } else {
      for (let i = 0; i + 1 < token.length; i++) {
        const list = grams.get(gramKey(token, i, 2));
        if (!list) return undefined;
        lists.push(list);
      }
    }
  }
  if (lists.length === 0) return undefined;
  return lists.sort((a, b) => a.length - b.length);
}

/**
 * The title words that contain a Latin token, in vocabulary order: through the trigrams of the title words
 * (built on first use) for a token of three letters or more, by a scan of them for a shorter one.
 */
function createWordFinder(titleWordList: readonly string[]): (token: string) => string[] {
  let wordTrigrams: Postings<number> | undefined;
  return (token) => {
    if (token.length < 3) return titleWordList.filter((word) => word.includes(token));
    if (!wordTrigrams) {
      const trigrams = new PostingsBuilder<number>();
      titleWordList.forEach((word, at) => {
        for (let i = 0; i + 3 <= word.length; i++) trigrams.add(gramKey(word, i, 3), at);
      });
      wordTrigrams = trigrams.finish();
    }
    let rarest: Int32Array | undefined;
    for (let i = 0; i + 3 <= token.length; i++) {
      const list = wordTrigrams.get(gramKey(token, i, 3));
      if (!list) return [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    const words: string[] = [];
    for (const at of rarest as Int32Array) {
      const word = titleWordList[at] as string;
      if (word.includes(token)) words.push(word);
    }
    return words;
  };
}

export function createCandidates(tables: IndexTables): Candidates {
  const { titles, bodies, titleGrams, titleWords } = tables;
  /** Per-query marks over all entries (compared with an epoch, so they never need clearing). */
  const alive = new Int32Array(titles.length);
  const pooledAt = new Int32Array(titles.length);
  let epoch = 0;
  const wordsContaining = createWordFinder([...titleWords.keys()]);

  function estimate(text: string): number {
    let best = Infinity;
    for (const token of tokenize(text)) best = Math.min(best, postingsOf(token, titleGrams, titleWords)?.length ?? 0);
    return best === Infinity ? 0 : best;
  }

  function containing(text: string, where: 'title' | 'body', out: Set<number>, cap = MAX_CANDIDATES): void {
    const inTitle = where === 'title';
    const lists = inTitle
      ? tokenLists(text, titleGrams, titleWords, true)
      : tokenLists(text, tables.bodyGrams(), tables.bodyWords, false);
    if (!lists) return;
    // A lone Latin word's postings are exact; anything else (grams may collide, words must be adjacent) is verified.
    const exact = lists.length === 1 && !isHanToken(text) && tokenize(text).length === 1;
    const inRarer = alsoInNextRarest(lists);
    for (const index of lists[0] as Int32Array) {
      if (out.size >= cap) return;
      if (!inRarer(index)) continue;
      if (exact || ((inTitle ? titles : bodies)[index] as string).includes(text)) out.add(index);
    }
  }

  /**
   * The rarest group is walked like `containing` (at most MAX_POOL titles). When the pool cannot reach MAX_POOL,
   * the other groups' postings first mark the titles that can hold them all, so most of the walk is one array read.
   */
  function titlesWithEveryGroup(rarest: readonly Alternative[], others: readonly Group[], out: Set<number>): void {
    const walks = rarest.map((a) => ({ text: a.text, lists: tokenLists(a.text, titleGrams, titleWords, true) }));
    const walked = walks.reduce((n, w) => n + (w.lists?.[0]?.length ?? 0), 0);
    const capped = walked > MAX_POOL;
    const mark = capped ? -1 : markTitlesWithEveryGroup(others, walked);
    const pool = ++epoch;
    let pooled = 0;
    for (const { text, lists } of walks) {
      if (!lists) continue;
      const inRarer = alsoInNextRarest(lists);
      for (const index of lists[0] as Int32Array) {
        if (capped && pooled >= MAX_POOL) return;
        if (mark >= 0 && alive[index] !== mark) continue;
        if (!inRarer(index)) continue;
        const title = titles[index] as string;
        if (!title.includes(text)) continue;
        if (capped) {
          if (pooledAt[index] === pool) continue;
          pooledAt[index] = pool;
          pooled++;
        }
        if (others.every((g) => g.alternatives.some((a) => title.includes(a.text)))) {
          out.add(index);
          if (out.size >= MAX_CANDIDATES) return;
        }
      }
    }
  }

  /**
   * Marks in `alive` (with the returned epoch) the titles that are in some gate of every group that has cheap
   * gates; -1 when no group has. A superset of the titles holding every group: the caller still verifies.
   */
  function markTitlesWithEveryGroup(groups: readonly Group[], budget: number): number {
    let previous = -1;
    for (const group of groups) {
      const gates = groupGates(group, budget * GATE_FACTOR);
      if (!gates) continue;
      const current = ++epoch;
      for (const list of gates) {
        for (const index of list) if (previous < 0 || alive[index] === previous) alive[index] = current;
      }
      previous = current;
    }
    return previous;
  }

  /** The gates of all of a group's alternatives; `undefined` when one has none or they hold more than `max`. */
  function groupGates(group: Group, max: number): Int32Array[] | undefined {
    const gates: Int32Array[] = [];
    let size = 0;
    for (const { text } of group.alternatives) {
      const gate = titleGate(text);
      if (!gate) return undefined;
      for (const list of gate) size += list.length;
      if (size > max) return undefined;
      gates.push(...gate);
    }
    return gates;
  }

  /**
   * Postings whose union holds every title that includes `text` (the cheapest token's: a Han token's rarest
   * gram, or every title word a Latin token is part of); `undefined` when the text has no token.
   */
  function titleGate(text: string): readonly Int32Array[] | undefined {
    let best: readonly Int32Array[] | undefined;
    let bestSize = Infinity;
    for (const token of tokenize(text)) {
      let gate: readonly Int32Array[];
      if (isHanToken(token)) {
        const list = postingsOf(token, titleGrams, titleWords);
        gate = list ? [list] : [];
      } else gate = titleWordsHolding(token);
      const size = gate.reduce((n, list) => n + list.length, 0);
      if (size < bestSize) {
        best = gate;
        bestSize = size;
      }
    }
    return best;
  }

  /** Postings of the title words that contain a Latin token (memoized). */
  const holding = new Map<string, readonly Int32Array[]>();
  function titleWordsHolding(token: string): readonly Int32Array[] {
    let lists = holding.get(token);
    if (!lists) {
      lists = wordsContaining(token).map((word) => titleWords.get(word) as Int32Array);
      if (holding.size >= MAX_MEMO) holding.clear();
      holding.set(token, lists);
    }
    return lists;
  }

  function titlesWithin(text: string, out: Set<number>): void {
    for (const token of tokenize(text)) {
      if (!isHanToken(token)) continue;
      for (let i = 0; i + 1 < token.length; i++) {
        const list = titleGrams.get(gramKey(token, i, 2));
        if (!list) continue;
        for (let n = 0; n < list.length && n < MAX_POOL; n++) {
          const index = list[n] as number;
          const title = titles[index] as string;
          if (title.length >= MIN_WITHIN_TITLE && text.includes(title)) out.add(index);
          if (out.size >= MAX_CANDIDATES) return;
        }
      }
    }
  }

  return { estimate, containing, titlesWithEveryGroup, titlesWithin };
}
