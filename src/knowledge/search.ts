/**
 * Topic lookup and autocomplete over the knowledge graph.
 *
 * Everything is compared in the `normalizeForIndex` form (full-width, case and traditional characters folded).
 * Candidates come from postings, never a scan: Han text by character unigrams/bigrams (Chinese has no spaces,
 * so any substring of a title is found through its rarest bigram), Latin text by whole words. Candidates are
 * then verified and scored with plain substring tests. Aliases come from the glossary; misspelt Latin words
 * are corrected against the vocabulary (titles, bodies, glossary) through a one-deletion index.
 */
import type { LookupResult, TopicHit, TopicRef } from '../challenges/types.js';
import { boundedEditDistance } from '../text/edit-distance.js';
import { forEachLatinWord, gramKey, isHanToken, normalizeForIndex, tokenize } from '../text/tokenize.js';
import type { BilingualDictionary } from '../text/bilingual.js';
import { translatedHeadings } from './cross-language.js';
import { normalizedNodes } from './normalized.js';
import { AscendingProbe, PostingsBuilder, type Postings } from './postings.js';
import type { EdgeKind, KnowledgeGraph, KnowledgeNode, NodeId } from './types.js';

export interface TopicIndex {
  lookup(query: string, limit?: number): LookupResult;
  autocomplete(fragment: string, limit?: number): readonly TopicRef[];
  /** A node as a lookup hit (children, related topics) with the given score; `undefined` for an unknown id. */
  hitOf(id: NodeId, score: number): TopicHit | undefined;
}

interface Alternative {
  readonly text: string;
  readonly weight: number;
}

interface QueryPlan {
  /** The whole query and its aliases / corrections, compared against whole titles. */
  readonly wholes: readonly Alternative[];
  /** One group per word (or glossary phrase) of the query, each with its alternatives. */
  readonly groups: readonly (readonly Alternative[])[];
}

interface Group {
  readonly alternatives: readonly Alternative[];
}

interface Related {
  readonly id: NodeId;
  readonly relation: string;
  readonly rank: number;
}

const DEFAULT_LIMIT = 10;
const AUTOCOMPLETE_LIMIT = 25;
/** Candidates scored per stage; a pool that is only filtered (never scored) may be larger. */
const MAX_CANDIDATES = 1000;
/** The looser last stages only need enough to fill a page of results. */
const MAX_LOOSE = 200;
const MAX_POOL = 5000;
/** A group whose postings outnumber the walk this many times is left to the substring test. */
const GATE_FACTOR = 4;
const MAX_MEMO = 1000;
const MAX_BODY_INDEXED = 600;
const MAX_PHRASE_WORDS = 4;
const MIN_FUZZY_LENGTH = 4;
const MAX_CHILDREN = 50;
const MAX_RELATED = 12;
const NEAREST = 5;
/** A title found inside a longer query needs this many characters (one character names nothing). */
const MIN_WITHIN_TITLE = 2;
/**
 * A nearest topic shares at least this share of the query's characters and bigrams (Han), or is within one
 * edit of its words (Latin, two for long words): a query with nothing near gets no list of unrelated topics.
 */
const NEAREST_FLOOR = 0.5;
const MAX_HUB_TITLE = 24;

const ALIAS_WEIGHT = 0.95;
/** The query with the spaces between Han characters removed, as a whole: a hair below the query as typed. */
const JOINED_WEIGHT = 0.98;
/** Every word of the query in one title scores at least this (100 + 100 for all groups): no translation needed. */
const WHOLE_QUERY_SCORE = 200;
/** Translated headings score 0–100; a full rendering of the query ranks with a title holding all its words. */
const TRANSLATED_SCALE = 2;
const CORRECTION_WEIGHT = 0.85;

const RELATION_NAMES: Record<Exclude<EdgeKind, 'child'>, { out: string; in: string; rank: number }> = {
  'pain-fix': { out: 'fix', in: 'pain', rank: 0 },
  introduces: { out: 'introduces', in: 'introduced-by', rank: 1 },
  mentions: { out: 'mentions', in: 'mentioned-by', rank: 2 },
};

/** Han unigrams (titles only) and bigrams, keyed by `gramKey`: a unigram key is < 65536, a bigram key is not. */
function addGrams(grams: PostingsBuilder<number>, token: string, index: number, unigrams: boolean): void {
  for (let i = 0; i < token.length; i++) {
    if (unigrams) grams.add(token.charCodeAt(i), index);
    if (i + 1 < token.length) grams.add(gramKey(token, i, 2), index);
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function toRef(node: KnowledgeNode): TopicRef {
  return { id: node.id, title: node.title, path: node.path };
}

export interface TopicIndexOptions {
  /** Chinese ⇄ English terms: an English query that no heading spells finds the Chinese heading for it. */
  readonly dictionary?: BilingualDictionary;
}

export function createTopicIndex(graph: KnowledgeGraph, options: TopicIndexOptions = {}): TopicIndex {
  // Per node, in graph order (a node's position is its index everywhere below).
  const nodeAt = [...graph.nodes.values()];
  const { titles: spacedTitles, bodies: fullBodies, parents } = normalizedNodes(graph);
  // Titles compared with the spaces between Han characters gone: `缓存引进的 必要原因`, `键-值存储` (a hyphen
  // normalizes to a space) are found as `缓存引进的必要原因`, `键值存储`.
  const titles = spacedTitles.map(joinHan);
  const bodies = fullBodies.map((body) => (body.length > MAX_BODY_INDEXED ? body.slice(0, MAX_BODY_INDEXED) : body));
  // Exact titles: the last node with each title, then a chain back through the earlier ones.
  const lastWithTitle = new Map<string, number>();
  const previousWithTitle = new Int32Array(nodeAt.length);
  // A title adds about two grams a character; a body a word every few characters.
  const titleChars = titles.reduce((n, title) => n + title.length, 0);
  const titleGramsBuilder = new PostingsBuilder<number>(2 * titleChars);
  const titleWordsBuilder = new PostingsBuilder<string>(titleChars / 4);
  const bodyWordsBuilder = new PostingsBuilder<string>(bodies.reduce((n, body) => n + body.length, 0) / 4);
  for (let index = 0; index < nodeAt.length; index++) {
    const title = titles[index] as string;
    previousWithTitle[index] = lastWithTitle.get(title) ?? -1;
    lastWithTitle.set(title, index);
    for (const token of tokenize(title)) {
      if (isHanToken(token)) addGrams(titleGramsBuilder, token, index, true);
      else titleWordsBuilder.add(token, index);
    }
    // Body grams wait for the first body search (see `bodyGramIndex`); body words feed the speller now.
    forEachLatinWord(bodies[index] as string, (word) => bodyWordsBuilder.add(word, index));
  }
  const titleGrams = titleGramsBuilder.finish();
  const headingTable = {
    titles,
    charPostings: (code: number) => titleGrams.get(code),
    hasContent: (index: number) => {
      const node = nodeAt[index] as KnowledgeNode;
      return node.body.length > 0 || node.childIds.length > 0;
    },
  };
  const titleWords = titleWordsBuilder.finish();
  const bodyWords = bodyWordsBuilder.finish();

  /** The nodes titled exactly `title`, latest first (the order candidates are met in does not change a ranking). */
  function* exactTitles(title: string): Generator<number> {
    for (let at = lastWithTitle.get(title) ?? -1; at >= 0; at = previousWithTitle[at] as number) yield at;
  }

  // Filled up front: an array written at scattered indexes would fall back to a slow dictionary representation.
  const contexts = new Array<string | null>(nodeAt.length).fill(null);
  /** Normalized titles of a node's ancestors, root first (built on first use: only scored candidates need it). */
  function contextOf(index: number): string {
    let context = contexts[index] ?? null;
    if (context === null) {
      const parent = parents[index] as number;
      if (parent < 0) context = '';
      else {
        const above = contextOf(parent);
        context = above ? `${above} ${titles[parent]}` : (titles[parent] as string);
      }
      contexts[index] = context;
    }
    return context;
  }

  const glossaryTerms = new Set<string>();
  for (const entry of graph.glossary.entries) {
    for (const term of entry.terms) glossaryTerms.add(normalizeForIndex(term));
  }
  const vocabulary = new Set<string>([...titleWords.keys(), ...bodyWords.keys()]);
  for (const term of glossaryTerms) for (const token of tokenize(term)) if (!isHanToken(token)) vocabulary.add(token);
  const sortedTitleWords = [...titleWords.keys()].sort();
  const sortedGlossaryTerms = [...glossaryTerms].sort();

  /*
   * Two indexes only some queries need are built on first use, off the cold-start path: the one-deletion index
   * of the vocabulary (a misspelt word; a quarter of a second on 100k nodes) and the Han grams of the bodies
   * (a query no title matches). Built from the same data in the same order, so results do not depend on when.
   */
  let oneDeletionIndex: Map<string, string[]> | undefined;
  function oneDeletion(): Map<string, string[]> {
    if (oneDeletionIndex) return oneDeletionIndex;
    const index = new Map<string, string[]>();
    for (const word of vocabulary) {
      if (word.length < MIN_FUZZY_LENGTH || /^\d+$/.test(word)) continue;
      for (const d of deletions(word)) {
        const list = index.get(d);
        if (!list) index.set(d, [word]);
        else if (list[list.length - 1] !== word) list.push(word);
      }
    }
    oneDeletionIndex = index;
    return index;
  }

  let bodyGramsIndex: Postings<number> | undefined;
  function bodyGramIndex(): Postings<number> {
    if (bodyGramsIndex) return bodyGramsIndex;
    const grams = new PostingsBuilder<number>();
    bodies.forEach((body, index) => {
      for (const token of tokenize(body)) if (isHanToken(token)) addGrams(grams, token, index, false);
    });
    bodyGramsIndex = grams.finish();
    return bodyGramsIndex;
  }

  const related = new Map<NodeId, Related[]>();
  for (const edge of graph.edges) {
    if (edge.kind === 'child') continue;
    const names = RELATION_NAMES[edge.kind];
    const add = (at: NodeId, other: NodeId, relation: string) => {
      const list = related.get(at) ?? [];
      if (list.length === 0) related.set(at, list);
      if (!list.some((r) => r.id === other)) list.push({ id: other, relation, rank: names.rank });
    };
    add(edge.from, edge.to, names.out);
    add(edge.to, edge.from, names.in);
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

  /** How many titles a text could be in at most: the length of its rarest token's postings (0: none). */
  function estimate(text: string): number {
    let best = Infinity;
    for (const token of tokenize(text)) best = Math.min(best, postingsOf(token, titleGrams, titleWords)?.length ?? 0);
    return best === Infinity ? 0 : best;
  }

  /**
   * The postings every entry containing `text` is in (one list per Latin word, Han bigram, or — titles only — lone
   * Han character), rarest first; `undefined` when some token is in no entry at all or nothing is indexable.
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

  /** Entries whose title (or body) contains `text`, via the rarest token's postings; stops once `out` holds `cap`. */
  function containing(text: string, where: 'title' | 'body', out: Set<number>, cap = MAX_CANDIDATES): void {
    const inTitle = where === 'title';
    const lists = inTitle
      ? tokenLists(text, titleGrams, titleWords, true)
      : tokenLists(text, bodyGramIndex(), bodyWords, false);
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

  /** Per-query marks over all entries (compared with an epoch, so they never need clearing). */
  const alive = new Int32Array(nodeAt.length);
  const pooledAt = new Int32Array(nodeAt.length);
  let epoch = 0;

  /**
   * Titles holding the rarest group (walked like `containing`, at most MAX_POOL of them) and some alternative of
   * every other group, added to `out` until it holds MAX_CANDIDATES. When the pool cannot reach MAX_POOL, the
   * other groups' postings first mark the titles that can hold them all, so most of the walk is one array read.
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

  /**
   * The title words that contain `token`, in vocabulary order: through the trigrams of the vocabulary (built on
   * first use) for a token of three letters or more, by a scan of the vocabulary for a shorter one.
   */
  const titleWordList = [...titleWords.keys()];
  let wordTrigrams: Postings<number> | undefined;
  function wordsContaining(token: string): string[] {
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
  }

  /** Titles of two Han characters or more that `text` contains, through the postings of its bigrams. */
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

  /** Vocabulary words within one edit (two for long words) of `word`, closest and most frequent first. */
  function corrections(word: string): string[] {
    const max = word.length >= 8 ? 2 : 1;
    const deletionIndex = oneDeletion();
    const seen = new Set<string>();
    const consider = (key: string) => {
      if (vocabulary.has(key)) seen.add(key);
      for (const w of deletionIndex.get(key) ?? []) seen.add(w);
    };
    consider(word);
    const first = deletions(word);
    for (const d of first) consider(d);
    if (max === 2) for (const d of first) for (const dd of deletions(d)) consider(dd);
    const scored: { word: string; distance: number; weight: number }[] = [];
    for (const candidate of seen) {
      const distance = boundedEditDistance(word, candidate, max);
      if (distance > max) continue;
      const weight = (titleWords.get(candidate)?.length ?? 0) + (bodyWords.get(candidate)?.length ?? 0);
      scored.push({ word: candidate, distance, weight });
    }
    scored.sort((a, b) => a.distance - b.distance || b.weight - a.weight || a.word.localeCompare(b.word));
    return scored.slice(0, 3).map((s) => s.word);
  }

  function withSynonyms(text: string, weight: number, into: Alternative[]): void {
    if (!into.some((a) => a.text === text)) into.push({ text, weight });
    for (const synonym of graph.glossary.synonyms(text)) {
      if (!into.some((a) => a.text === synonym)) into.push({ text: synonym, weight: weight * ALIAS_WEIGHT });
    }
  }

  function plan(normalized: string): QueryPlan {
    const tokens = tokenize(normalized);
    const fixed = tokens.map((token) => {
      if (isHanToken(token) || token.length < MIN_FUZZY_LENGTH || vocabulary.has(token) || /^\d+$/.test(token))
        return [];
      return corrections(token);
    });
    const groups: Alternative[][] = [];
    for (let i = 0; i < tokens.length;) {
      let taken = 1;
      for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - i); n > 1; n--) {
        const phrase = tokens.slice(i, i + n).join(' ');
        if (graph.glossary.synonyms(phrase).length > 0) {
          taken = n;
          break;
        }
      }
      const alternatives: Alternative[] = [];
      withSynonyms(tokens.slice(i, i + taken).join(' '), 1, alternatives);
      if (taken === 1) for (const c of fixed[i] ?? []) withSynonyms(c, CORRECTION_WEIGHT, alternatives);
      groups.push(alternatives);
      i += taken;
    }
    const wholes: Alternative[] = [];
    withSynonyms(normalized, 1, wholes);
    const joined = joinHan(normalized);
    if (joined !== normalized) withSynonyms(joined, JOINED_WEIGHT, wholes);
    if (fixed.some((f) => f.length > 0)) {
      const corrected = tokens.map((t, i) => fixed[i]?.[0] ?? t).join(' ');
      withSynonyms(corrected, CORRECTION_WEIGHT, wholes);
    }
    return { wholes, groups };
  }

  function score(index: number, query: QueryPlan): number {
    const title = titles[index] as string;
    const body = bodies[index] as string;
    let best = 0;
    for (const { text, weight } of query.wholes) {
      let s = 0;
      if (title === text) s = 1000;
      else if (title.startsWith(text)) s = 700 + (100 * text.length) / title.length;
      else if (title.includes(text)) s = 500 + (100 * text.length) / title.length;
      // A title inside the query ranks below any title holding every word of it (100 + 100 for all groups).
      else if (title.length >= MIN_WITHIN_TITLE && text.includes(title)) s = 100 + (99 * title.length) / text.length;
      else if (body.includes(text)) s = 150;
      if (s * weight > best) best = s * weight;
    }
    let sum = 0;
    let matched = 0;
    for (const group of query.groups) {
      let g = 0;
      for (const { text, weight } of group) {
        const s = title.includes(text) ? 100 : contextOf(index).includes(text) ? 40 : body.includes(text) ? 25 : 0;
        if (s * weight > g) g = s * weight;
      }
      if (g > 0) matched++;
      sum += g;
    }
    const groupScore =
      sum / Math.max(1, query.groups.length) + (matched === query.groups.length && matched > 1 ? 100 : 0);
    const s = Math.max(best, groupScore);
    return s > 0 ? s - (nodeAt[index] as KnowledgeNode).depth * 0.01 - title.length * 0.001 : 0;
  }

  function hit(node: KnowledgeNode, value: number): TopicHit {
    const children = node.childIds.slice(0, MAX_CHILDREN).map((id) => toRef(graph.nodes.get(id) as KnowledgeNode));
    const links = [...(related.get(node.id) ?? [])].sort((a, b) => a.rank - b.rank).slice(0, MAX_RELATED);
    return {
      ...toRef(node),
      body: node.body,
      children,
      related: links.map((r) => ({ ...toRef(graph.nodes.get(r.id) as KnowledgeNode), relation: r.relation })),
      score: Math.round(value * 10) / 10,
    };
  }

  /** The hubs of the tree (most children, short titles): what to offer when a query gives nothing to go on. */
  const hubs = nodeAt
    .filter((node) => node.childIds.length > 0 && node.title.length <= MAX_HUB_TITLE)
    .sort((a, b) => b.childIds.length - a.childIds.length || a.depth - b.depth)
    .slice(0, AUTOCOMPLETE_LIMIT)
    .map(toRef);

  function defaultTopics(limit: number): TopicRef[] {
    return hubs.slice(0, limit);
  }

  /** Nodes sharing the most Han characters or near-spelt words with the query, above NEAREST_FLOOR. */
  function nearest(normalized: string): TopicRef[] {
    const votes = new Map<number, number>();
    let possible = 0;
    const vote = (list: Int32Array | undefined, weight: number) => {
      for (const index of list ?? []) votes.set(index, (votes.get(index) ?? 0) + weight);
    };
    for (const token of tokenize(normalized)) {
      if (isHanToken(token)) {
        for (let i = 0; i < token.length; i++) {
          vote(titleGrams.get(token.charCodeAt(i)), 1);
          possible += 1;
          if (i + 1 < token.length) {
            vote(titleGrams.get(gramKey(token, i, 2)), 2);
            possible += 2;
          }
        }
      } else {
        possible += 3;
        const allowed = token.length >= 8 ? 2 : 1;
        const stem = token.slice(0, Math.min(3, token.length));
        let at = lowerBound(sortedTitleWords, stem);
        for (let n = 0; n < 20 && at < sortedTitleWords.length && sortedTitleWords[at]?.startsWith(stem); n++, at++) {
          const word = sortedTitleWords[at] as string;
          const distance = boundedEditDistance(token, word, allowed);
          if (distance <= allowed) vote(titleWords.get(word), 3 - distance);
        }
      }
    }
    const floor = possible * NEAREST_FLOOR;
    return [...votes.entries()]
      .filter(([, value]) => value >= floor)
      .sort((a, b) => b[1] - a[1] || (titles[a[0]] as string).length - (titles[b[0]] as string).length)
      .slice(0, NEAREST)
      .map(([index]) => toRef(nodeAt[index] as KnowledgeNode));
  }

  function lookup(query: string, limit = DEFAULT_LIMIT): LookupResult {
    // Words split by spaces stay groups (matched in any order); the whole query also counts joined (`键 值存储`).
    const normalized = normalizeForIndex(query);
    // No query at all: the hubs of the tree to browse from; a query of punctuation only resembles nothing.
    if (normalized.length === 0) return { query, results: [], nearest: query.trim() ? [] : defaultTopics(NEAREST) };
    const queryPlan = plan(normalized);
    const candidates = new Set<number>();
    // 1. The whole query (or an alias or correction of it) in a title.
    for (const { text } of queryPlan.wholes) for (const index of exactTitles(text)) candidates.add(index);
    for (const { text } of queryPlan.wholes) containing(text, 'title', candidates);
    // 2. Every word of the query in one title: the rarest word's titles, filtered by the others.
    const groups = queryPlan.groups
      .map((alternatives) => ({ alternatives, size: alternatives.reduce((n, a) => n + estimate(a.text), 0) }))
      .filter((g) => g.size > 0)
      .sort((a, b) => a.size - b.size);
    const rarest = groups[0];
    if (rarest && queryPlan.groups.length > 1 && candidates.size < limit) {
      titlesWithEveryGroup(rarest.alternatives, groups.slice(1), candidates);
    }
    // 3. An English query no heading spells in full: the Chinese headings that translate it. A title holding
    //    only some of its words (`services-engineering` for `service discovery`) competes with them.
    const scored: { index: number; value: number }[] = [];
    for (const index of candidates) {
      const value = score(index, queryPlan);
      if (value > 0) scored.push({ index, value });
    }
    const direct = Math.max(0, ...scored.map((s) => s.value));
    if (direct < WHOLE_QUERY_SCORE && options.dictionary) {
      const tokens = tokenize(normalized);
      if (!tokens.some(isHanToken)) {
        for (const found of translatedHeadings(tokens, headingTable, options.dictionary, limit)) {
          if (!candidates.has(found.index)) scored.push({ index: found.index, value: found.value * TRANSLATED_SCALE });
        }
      }
    }
    // 4. Only when no title matched: titles with the rarest word (the others may be in the breadcrumb), then
    //    titles the query holds, then bodies that mention the query. (Filling every page from bodies costs milliseconds on 100k nodes; the
    //    related list of a hit already names the notes that mention it.)
    if (scored.length === 0) {
      const loose = new Set<number>();
      if (rarest) {
        for (const { text } of rarest.alternatives) containing(text, 'title', loose, loose.size + MAX_LOOSE);
      }
      // No title holds a word of the query: titles the query holds (`消息投递模型` finds `投递模型`).
      if (loose.size === 0) for (const { text } of queryPlan.wholes) titlesWithin(text, loose);
      if (loose.size === 0) {
        for (const { text } of [...queryPlan.wholes, ...queryPlan.groups.flat()]) {
          containing(text, 'body', loose, loose.size + MAX_LOOSE);
        }
      }
      for (const index of loose) {
        const value = score(index, queryPlan);
        if (value > 0) scored.push({ index, value });
      }
    }
    scored.sort((a, b) => b.value - a.value || a.index - b.index);
    const results = scored
      .slice(0, Math.max(1, limit))
      .map(({ index, value }) => hit(nodeAt[index] as KnowledgeNode, value));
    return { query, results, nearest: results.length > 0 ? [] : nearest(normalized) };
  }

  function autocomplete(fragment: string, limit = AUTOCOMPLETE_LIMIT): readonly TopicRef[] {
    const f = joinHan(normalizeForIndex(fragment));
    const max = Math.min(Math.max(1, limit), AUTOCOMPLETE_LIMIT);
    if (f.length === 0) return defaultTopics(max);
    const direct = new Set<number>();
    containing(f, 'title', direct);
    const tokens = tokenize(f);
    const last = tokens[tokens.length - 1] as string;
    if (!isHanToken(last)) {
      const head = f.slice(0, f.length - last.length);
      let at = lowerBound(sortedTitleWords, last);
      for (let n = 0; n < 50 && sortedTitleWords[at]?.startsWith(last); n++, at++) {
        containing(head + (sortedTitleWords[at] as string), 'title', direct);
      }
    }
    const viaAlias = new Set<number>();
    let at = lowerBound(sortedGlossaryTerms, f);
    for (let n = 0; n < 20 && sortedGlossaryTerms[at]?.startsWith(f); n++, at++) {
      for (const synonym of graph.glossary.synonyms(sortedGlossaryTerms[at] as string))
        containing(synonym, 'title', viaAlias);
    }
    // Up to a thousand candidates for a page of 25: keep the best page while walking instead of sorting them all.
    const page: Suggestion[] = [];
    const offer = (index: number, base: number) => {
      const title = titles[index] as string;
      const hopeful = { index, rank: base, length: title.length, depth: (nodeAt[index] as KnowledgeNode).depth };
      // Most candidates lose even as a prefix match: only then is the prefix test worth making.
      if (page.length === max && !suggestsBefore(hopeful, page[max - 1] as Suggestion)) return;
      insertBounded(page, max, title.startsWith(f) ? hopeful : { ...hopeful, rank: base + 1 });
    };
    for (const index of direct) offer(index, 0);
    // A direct match always ranks above an alias match, so an alias only adds titles not found directly.
    for (const index of viaAlias) if (!direct.has(index)) offer(index, 2);
    return page.map(({ index }) => toRef(nodeAt[index] as KnowledgeNode));
  }

  const hitOf = (id: NodeId, value: number): TopicHit | undefined => {
    const node = graph.nodes.get(id);
    return node ? hit(node, value) : undefined;
  };

  return { lookup, autocomplete, hitOf };
}

interface Suggestion {
  readonly index: number;
  readonly rank: number;
  readonly length: number;
  readonly depth: number;
}

/** Ranking of suggestions: direct before alias, prefix before infix, then short, shallow, early titles. */
function suggestsBefore(a: Suggestion, b: Suggestion): boolean {
  const order = a.rank - b.rank || a.length - b.length || a.depth - b.depth || a.index - b.index;
  return order < 0;
}

/** Inserts `item` into the sorted `page` when it ranks among the first `max`; the page never grows beyond. */
function insertBounded(page: Suggestion[], max: number, item: Suggestion): void {
  if (page.length === max && !suggestsBefore(item, page[max - 1] as Suggestion)) return;
  let at = page.length;
  while (at > 0 && suggestsBefore(item, page[at - 1] as Suggestion)) at--;
  page.splice(at, 0, item);
  if (page.length > max) page.pop();
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

/** Normalized text with the spaces between two Han characters removed (punctuation inside Chinese is no break). */
export function joinHan(normalized: string): string {
  return normalized.includes(' ') ? normalized.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1') : normalized;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
