/**
 * The knowledge base the tutor core and `tutor grade` use: the graph, its topic index, and a challenge for
 * every node with content — curated (knowledge/challenges.json) over derived over built from context.
 * Building it costs the index and the overlay only; challenges are derived lazily, one node at a time.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Challenge, ChallengeReference } from '../grading/types.js';
import { loadKnowledgeGraph } from '../knowledge/load.js';
import { createTopicIndex, type TopicIndex, type TopicIndexOptions } from '../knowledge/search.js';
import { dictionaryFor, segmenterFor } from '../grading/tools.js';
import type { KnowledgeGraph, LoadWarning, NodeId } from '../knowledge/types.js';
import { findChains, followUpChallenge } from './chains.js';
import type { ConceptContext } from './concepts.js';
import { createDeriver, modelAnswerOf, referenceOf } from './derive.js';
import { createTitleIndex, OVERLAY_FILE, parseOverlay, type CuratedEntry, type ParsedOverlay } from './overlay.js';
import { isComplete, ownTextPlan, type GraphView, type Plan } from './plan.js';
import { spreadOrder } from './spread.js';
import type { Chain, KnowledgeBase, LookupResult, TopicHit } from './types.js';

export interface ChallengeSummary {
  readonly curated: number;
  /** Topics whose notes show both a pain and a fix (derived, not curated). */
  readonly derived: number;
  readonly dailyTopics: number;
}

/** The knowledge base plus what `tutor knowledge check` reports about its challenges. */
export interface ChallengeKnowledgeBase extends KnowledgeBase {
  readonly curated: readonly CuratedEntry[];
  /** Warnings of the overlay alone (also part of `warnings`). */
  readonly overlayWarnings: readonly LoadWarning[];
  summary(): ChallengeSummary;
}

/**
 * The reference text of a curated topic: its model answer's pain line (`痛点：…`, `Pain: …`) and the rest as the
 * fix (`解法：…`, `Fix: …`, or whatever follows the pain), else what the notes hold.
 */
function curatedReference(modelAnswer: string | undefined, plan: Plan): ChallengeReference {
  const notes = referenceOf(plan);
  const lines = modelAnswer?.split('\n').map((l) => l.trim()) ?? [];
  const painAt = lines.findIndex((l) => PAIN_LINE.test(l));
  if (painAt < 0) return notes;
  const rest = lines.filter((_, i) => i !== painAt).map((l) => l.replace(FIX_LINE, ''));
  return {
    pain: (lines[painAt] as string).replace(PAIN_LINE, '').trim(),
    fix: rest.join(' ').trim() || notes.fix,
  };
}

const PAIN_LINE = /^(?:痛点|pain)[^：:]*[：:]\s*/i;
const FIX_LINE = /^(?:解法|fix)[^：:]*[：:]\s*/i;

export interface OverlaySource {
  readonly text: string;
  /** Relative to the knowledge root, for warnings. */
  readonly file: string;
}

/** What a builder elsewhere (a reload's worker thread) already worked out for this graph and overlay. */
export interface PrecomputedParts {
  /** `dailyTopics()` of the same graph and overlay: planning every topic costs seconds on a large tree. */
  readonly dailyTopics?: readonly NodeId[];
  /** The topic index of the same graph, built with `topicIndexOptions` (a reload builds it between answers). */
  readonly index?: TopicIndex;
  /** `resolveOverlay` of the same graph and overlay: its title index holds the event loop for a quarter second. */
  readonly overlay?: ParsedOverlay;
  /** The graph's view (`createGraphViewInSteps`). */
  readonly view?: GraphView;
  /** `chains()` of the same graph: found over every introduces edge, a quarter second on a large tree. */
  readonly chains?: readonly Chain[];
  /** What derived challenges weigh concepts with (`conceptContextInSteps`). */
  readonly concepts?: ConceptContext;
}

/** Neighbouring topics a failing reply is checked against (`neighboursOf`). */
const MAX_NEIGHBOURS = 8;

const NO_OVERLAY: ParsedOverlay = { entries: [], warnings: [] };

/** The overlay parsed and its topics found in the graph; pure, plain data (a reload's worker thread sends it). */
export function resolveOverlay(graph: KnowledgeGraph, overlay?: string | OverlaySource): ParsedOverlay {
  const source = typeof overlay === 'string' ? { text: overlay, file: OVERLAY_FILE } : overlay;
  return source ? parseOverlay(source.text, createTitleIndex(graph), source.file) : NO_OVERLAY;
}

/**
 * The topic index's tools for a graph. One tokenizer seam: a Chinese query is cut by the segmenter that grades
 * the replies. The dictionary: the notes' own pairs (glossary, `分片（Sharding）` headings) over CC-CEDICT, read on
 * the first English query.
 */
export function topicIndexOptions(graph: KnowledgeGraph): TopicIndexOptions {
  return { dictionary: dictionaryFor(graph), segmenter: () => segmenterFor(graph) };
}

/** Pure: the graph and the overlay's text in, the knowledge base out. `readWarnings`: problems reading the overlay. */
export function buildKnowledgeBase(
  graph: KnowledgeGraph,
  overlay?: string | OverlaySource,
  readWarnings: readonly LoadWarning[] = [],
  precomputed: PrecomputedParts = {},
): ChallengeKnowledgeBase {
  const index = precomputed.index ?? createTopicIndex(graph, topicIndexOptions(graph));
  const deriver = createDeriver(graph, precomputed.view, precomputed.concepts);
  const parsed = precomputed.overlay ?? resolveOverlay(graph, overlay);
  const overlayWarnings = [...readWarnings, ...parsed.warnings];
  const curatedById = new Map(parsed.entries.map((e) => [e.topicId, e]));
  let daily: readonly NodeId[] | null = precomputed.dailyTopics ?? null;
  let structural: NodeId[] | null = null;
  let chainList: readonly Chain[] | null = precomputed.chains ?? null;
  const chainChallenges = new Map<NodeId, Challenge | null>();
  const { view } = deriver;
  /** Labels feed their parent and asides are notes about notes: neither is posted, even when curated. */
  const postable = (id: NodeId) => view.label(id) === null && !view.aside(id);

  const structuralTopics = (): NodeId[] => {
    // Decided from the plans alone (words on both sides), not by deriving every topic: that weighs words with the
    // segmenter, about a millisecond a topic, seconds on a large tree. A complete plan always derives a challenge.
    structural ??= [...graph.nodes.keys()].filter((id) => !curatedById.has(id) && isComplete(deriver.plan(id)));
    return structural;
  };

  const curatedChallenge = (entry: CuratedEntry): Challenge => {
    const node = graph.nodes.get(entry.topicId);
    if (!node) throw new Error(`curated topic ${entry.topicId} is not in the graph`);
    const structuralPlan = deriver.plan(node.id);
    const plan = (isComplete(structuralPlan) ? structuralPlan : ownTextPlan(view, node.id)) as Plan;
    return {
      topicId: node.id,
      title: node.title,
      path: node.path,
      ...(entry.prompt !== undefined ? { prompt: entry.prompt } : {}),
      pain: entry.pain,
      fix: entry.fix,
      modelAnswer: entry.modelAnswer ?? modelAnswerOf(plan, deriver.languageOf(node)),
      reference: curatedReference(entry.modelAnswer, plan),
      origin: 'curated',
    };
  };

  // Curated topics first (vetted by people), then derived ones; each tier spread across the tree.
  const dailyTopics = (): readonly NodeId[] => {
    daily ??= [
      ...spreadOrder(graph, new Set([...curatedById.keys()].filter(postable))),
      ...spreadOrder(graph, new Set(structuralTopics())),
    ];
    return daily;
  };

  const ownChallenges = new Map<NodeId, Challenge | null>();
  const ownChallenge = (topicId: NodeId): Challenge | null => {
    if (ownChallenges.has(topicId)) return ownChallenges.get(topicId) ?? null;
    const entry = curatedById.get(topicId);
    const challenge = entry ? curatedChallenge(entry) : deriver.derive(topicId);
    ownChallenges.set(topicId, challenge);
    return challenge;
  };

  /**
   * The topics beside a topic (siblings that are daily topics too, the nearest in note order first): what a learner
   * may answer by mistake. At most `MAX_NEIGHBOURS`: each is derived once and costs a grade on a failing reply, and a
   * generated section may hold hundreds.
   */
  const neighboursOf = (topicId: NodeId): Challenge[] => {
    const parentId = graph.nodes.get(topicId)?.parentId;
    const siblings = parentId ? (graph.nodes.get(parentId)?.childIds ?? []) : graph.roots;
    const at = siblings.indexOf(topicId);
    const nearestFirst = siblings
      .map((id, index) => ({ id, distance: Math.abs(index - at) }))
      .sort((a, b) => a.distance - b.distance);
    const isTopic = (id: NodeId) => postable(id) && (curatedById.has(id) || isComplete(deriver.plan(id)));
    const found = new Map<NodeId, Challenge>();
    for (const { id } of nearestFirst) {
      if (found.size >= MAX_NEIGHBOURS) break;
      const challenge = id !== topicId && isTopic(id) ? ownChallenge(id) : null;
      if (challenge && challenge.topicId !== topicId) found.set(challenge.topicId, challenge);
    }
    return [...found.values()];
  };

  // Keyed by the challenge's own topic: a label node derives its parent's challenge, and gets the same object.
  const withNeighbours = new Map<NodeId, Challenge>();
  const challengeFor = (topicId: NodeId): Challenge | null => {
    const own = ownChallenge(topicId);
    if (!own) return null;
    let challenge = withNeighbours.get(own.topicId);
    if (!challenge) {
      const neighbours = neighboursOf(own.topicId);
      challenge = neighbours.length > 0 ? { ...own, neighbours } : own;
      withNeighbours.set(own.topicId, challenge);
    }
    return challenge;
  };

  const chains = (): readonly Chain[] => (chainList ??= findChains(deriver));

  const chainChallenge = (newPainId: NodeId): Challenge | null => {
    if (!chainChallenges.has(newPainId)) {
      const chain = chains().find((c) => c.newPain.topicId === newPainId);
      chainChallenges.set(newPainId, chain ? followUpChallenge(deriver, chain) : null);
    }
    return chainChallenges.get(newPainId) ?? null;
  };

  /** Hits with every label replaced by the topic it feeds (its parent), each topic once, best first. */
  const lookup = (query: string, limit?: number): LookupResult => {
    const found = index.lookup(query, limit);
    if (!found.results.some((hit) => view.label(hit.id) !== null)) return found;
    const seen = new Set<string>();
    const results: TopicHit[] = [];
    for (const hit of found.results) {
      const node = graph.nodes.get(hit.id);
      const owner = view.label(hit.id) !== null && node?.parentId ? index.hitOf(node.parentId, hit.score) : hit;
      if (owner && !seen.has(owner.id)) {
        seen.add(owner.id);
        results.push(owner);
      }
    }
    return { ...found, results };
  };

  return {
    graph,
    curated: parsed.entries,
    overlayWarnings,
    warnings: [...graph.warnings, ...overlayWarnings],
    lookup,
    resolveTopic(query) {
      const { results, nearest } = lookup(query, 1);
      const best = results[0];
      if (!best) return { found: false, query, nearest };
      return { found: true, topic: best, challenge: challengeFor(best.id) };
    },
    autocomplete: (fragment, limit) => index.autocomplete(fragment, limit),
    challengeFor,
    dailyTopics,
    isCurated: (topicId) => curatedById.has(topicId),
    chains,
    chainsFrom: (topicId) => chains().filter((c) => c.from.includes(topicId)),
    chainChallenge,
    summary: () => ({
      curated: curatedById.size,
      derived: structuralTopics().length,
      dailyTopics: dailyTopics().length,
    }),
  };
}

/** The overlay file of a knowledge directory, or `undefined` (with no warning) when there is none. */
async function readOverlay(dir: string): Promise<OverlaySource | undefined> {
  try {
    return { text: await readFile(path.join(dir, OVERLAY_FILE), 'utf8'), file: OVERLAY_FILE };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Loads the notes, glossary and overlay of a knowledge directory; problems are warnings, never throws on content. */
export async function loadKnowledgeBase(dir: string): Promise<ChallengeKnowledgeBase> {
  const [graph, overlay] = await Promise.all([loadKnowledgeGraph(dir), readOverlayOrWarning(dir)]);
  return buildKnowledgeBase(graph, overlay.source, overlay.warning ? [overlay.warning] : []);
}

/** `readOverlay`, with a read failure (not a missing file) turned into an error warning. */
export async function readOverlayOrWarning(dir: string): Promise<{ source?: OverlaySource; warning?: LoadWarning }> {
  try {
    const source = await readOverlay(dir);
    return source ? { source } : {};
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      warning: {
        file: OVERLAY_FILE,
        line: 0,
        code: 'overlay-read',
        message: `cannot read: ${reason}`,
        severity: 'error',
      },
    };
  }
}
