/**
 * The lookup's tables over one graph, in graph order (a node's position is its index everywhere in `search/`):
 * normalized titles and bodies, postings of title grams, title words and body words, exact titles, breadcrumbs,
 * the vocabulary the speller corrects against, and each node's related topics.
 *
 * Everything is compared in the `normalizeForIndex` form (full-width, case and traditional characters folded).
 * Han text is indexed by character unigrams (titles only) and bigrams, so any substring of a title is found
 * through its rarest bigram; Latin text by whole words.
 */
import { forEachLatinWord, gramKey, isHanToken, normalizeForIndex, tokenize } from '../../text/tokenize.js';
import { runSteps } from '../../text/steps.js';
import { normalizedNodes } from '../normalized.js';
import { PostingsBuilder, type Postings } from '../postings.js';
import type { EdgeKind, KnowledgeGraph, KnowledgeNode, NodeId } from '../types.js';

/** Bodies are indexed and compared up to this many characters: a topic is named near the start of its text. */
const MAX_BODY_INDEXED = 600;

/** Nodes indexed (or edges related) between two yields of `buildTablesInSteps`: well under a millisecond each. */
const NODES_PER_STEP = 500;
const EDGES_PER_STEP = 5_000;

export interface Related {
  readonly id: NodeId;
  readonly relation: string;
  readonly rank: number;
}

const RELATION_NAMES: Record<Exclude<EdgeKind, 'child'>, { out: string; in: string; rank: number }> = {
  'pain-fix': { out: 'fix', in: 'pain', rank: 0 },
  introduces: { out: 'introduces', in: 'introduced-by', rank: 1 },
  mentions: { out: 'mentions', in: 'mentioned-by', rank: 2 },
};

export interface IndexTables {
  readonly graph: KnowledgeGraph;
  readonly nodeAt: readonly KnowledgeNode[];
  /** Normalized titles with the spaces between Han characters removed (`键-值存储` is `键值存储`). */
  readonly titles: readonly string[];
  /** Normalized bodies, cut at `MAX_BODY_INDEXED` characters. */
  readonly bodies: readonly string[];
  /** Han unigrams and bigrams of the titles, keyed by `gramKey`. */
  readonly titleGrams: Postings<number>;
  /** Latin words of the titles. */
  readonly titleWords: Postings<string>;
  /** Latin words of the bodies. */
  readonly bodyWords: Postings<string>;
  /** Han bigrams of the bodies, built on first use (only a query no title matches needs them). */
  bodyGrams(): Postings<number>;
  /** The nodes titled exactly `title`, latest first (the order candidates are met in does not change a ranking). */
  exactTitles(title: string): Iterable<number>;
  /** Normalized titles of a node's ancestors, root first. */
  contextOf(index: number): string;
  /** Latin words of titles, bodies and glossary terms: what a misspelt word is corrected to. */
  readonly vocabulary: ReadonlySet<string>;
  readonly sortedTitleWords: readonly string[];
  readonly sortedGlossaryTerms: readonly string[];
  readonly related: ReadonlyMap<NodeId, readonly Related[]>;
}

/** Han unigrams (titles only) and bigrams, keyed by `gramKey`: a unigram key is < 65536, a bigram key is not. */
function addGrams(grams: PostingsBuilder<number>, token: string, index: number, unigrams: boolean): void {
  for (let i = 0; i < token.length; i++) {
    if (unigrams) grams.add(token.charCodeAt(i), index);
    if (i + 1 < token.length) grams.add(gramKey(token, i, 2), index);
  }
}

/** Normalized text with the spaces between two Han characters removed (punctuation inside Chinese is no break). */
export function joinHan(normalized: string): string {
  return normalized.includes(' ') ? normalized.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1') : normalized;
}

export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each node's related topics, first edge first. The pairs already listed are a set per node: a hub many notes
 * mention has tens of thousands of them, and searching its list for each one took seconds on a 10 MB tree.
 * Yields every `EDGES_PER_STEP` edges (see `buildTablesInSteps`).
 */
function* relatedOf(graph: KnowledgeGraph): Generator<void, Map<NodeId, Related[]>> {
  const related = new Map<NodeId, Related[]>();
  const listed = new Map<NodeId, Set<NodeId>>();
  const add = (at: NodeId, other: NodeId, relation: string, rank: number) => {
    let others = listed.get(at);
    if (!others) {
      others = new Set();
      listed.set(at, others);
      related.set(at, []);
    }
    if (others.has(other)) return;
    others.add(other);
    (related.get(at) as Related[]).push({ id: other, relation, rank });
  };
  let step = 0;
  for (const edge of graph.edges) {
    if (++step % EDGES_PER_STEP === 0) yield;
    if (edge.kind === 'child') continue;
    const names = RELATION_NAMES[edge.kind];
    add(edge.from, edge.to, names.out, names.rank);
    add(edge.to, edge.from, names.in, names.rank);
  }
  return related;
}

/** The tables at once (the normal load path). */
export function buildTables(graph: KnowledgeGraph): IndexTables {
  return runSteps(buildTablesInSteps(graph));
}

/**
 * The tables, yielding between short steps: a reload builds them on the event loop between answers (its
 * driver decides when to give way), a load runs the same steps at once (`buildTables`).
 */
export function* buildTablesInSteps(graph: KnowledgeGraph): Generator<void, IndexTables> {
  const nodeAt = [...graph.nodes.values()];
  const { titles: spacedTitles, bodies: fullBodies, parents } = normalizedNodes(graph);
  yield;
  // Titles compared with the spaces between Han characters gone: `缓存引进的 必要原因`, `键-值存储` (a hyphen
  // normalizes to a space) are found as `缓存引进的必要原因`, `键值存储`.
  const titles: string[] = [];
  const bodies: string[] = [];
  // Exact titles: the last node with each title, then a chain back through the earlier ones.
  const lastWithTitle = new Map<string, number>();
  const previousWithTitle = new Int32Array(nodeAt.length);
  // A title adds about two grams a character; a body a word every few characters (sizes to start the buffers at).
  const titleChars = spacedTitles.reduce((n, title) => n + title.length, 0);
  const bodyChars = fullBodies.reduce((n, body) => n + Math.min(body.length, MAX_BODY_INDEXED), 0);
  const titleGramsBuilder = new PostingsBuilder<number>(2 * titleChars);
  const titleWordsBuilder = new PostingsBuilder<string>(titleChars / 4);
  const bodyWordsBuilder = new PostingsBuilder<string>(bodyChars / 4);
  for (let index = 0; index < nodeAt.length; index++) {
    if (index % NODES_PER_STEP === NODES_PER_STEP - 1) yield;
    const title = joinHan(spacedTitles[index] as string);
    const fullBody = fullBodies[index] as string;
    const body = fullBody.length > MAX_BODY_INDEXED ? fullBody.slice(0, MAX_BODY_INDEXED) : fullBody;
    titles.push(title);
    bodies.push(body);
    previousWithTitle[index] = lastWithTitle.get(title) ?? -1;
    lastWithTitle.set(title, index);
    for (const token of tokenize(title)) {
      if (isHanToken(token)) addGrams(titleGramsBuilder, token, index, true);
      else titleWordsBuilder.add(token, index);
    }
    // Body grams wait for the first body search (see `bodyGrams`); body words feed the speller now.
    forEachLatinWord(body, (word) => bodyWordsBuilder.add(word, index));
  }
  yield;
  const titleGrams = titleGramsBuilder.finish();
  yield;
  const titleWords = titleWordsBuilder.finish();
  yield;
  const bodyWords = bodyWordsBuilder.finish();
  yield;

  // Filled up front: an array written at scattered indexes would fall back to a slow dictionary representation.
  const contexts = new Array<string | null>(nodeAt.length).fill(null);
  // Built on first use: only scored candidates need a breadcrumb.
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

  // Built from the same data in the same order whenever it is first needed, so results do not depend on when.
  let bodyGramsIndex: Postings<number> | undefined;
  function bodyGrams(): Postings<number> {
    if (bodyGramsIndex) return bodyGramsIndex;
    const grams = new PostingsBuilder<number>();
    bodies.forEach((body, index) => {
      for (const token of tokenize(body)) if (isHanToken(token)) addGrams(grams, token, index, false);
    });
    bodyGramsIndex = grams.finish();
    return bodyGramsIndex;
  }

  const glossaryTerms = new Set<string>();
  for (const entry of graph.glossary.entries) {
    for (const term of entry.terms) glossaryTerms.add(normalizeForIndex(term));
  }
  const vocabulary = new Set<string>([...titleWords.keys(), ...bodyWords.keys()]);
  for (const term of glossaryTerms) for (const token of tokenize(term)) if (!isHanToken(token)) vocabulary.add(token);
  yield;
  const sortedTitleWords = [...titleWords.keys()].sort();
  yield;
  const related = yield* relatedOf(graph);

  return {
    graph,
    nodeAt,
    titles,
    bodies,
    titleGrams,
    titleWords,
    bodyWords,
    bodyGrams,
    *exactTitles(title) {
      for (let at = lastWithTitle.get(title) ?? -1; at >= 0; at = previousWithTitle[at] as number) yield at;
    },
    contextOf,
    vocabulary,
    sortedTitleWords,
    sortedGlossaryTerms: [...glossaryTerms].sort(),
    related,
  };
}
