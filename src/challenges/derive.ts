/**
 * Challenges derived from the notes: a plan (where the pain and the fix are) becomes concept groups, a model
 * answer in the notes' language and the notes' own pain and fix text (`reference`). Lazy and cached per node,
 * with the TF-IDF statistics counted once on first use, so loading a large tree costs nothing here and each
 * topic is derived at most once per knowledge base.
 */
import type { Challenge, ChallengeReference, Concept } from '../grading/types.js';
import type { KnowledgeGraph, KnowledgeNode, NodeId } from '../knowledge/types.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { conceptTerms, conceptText, proposeConcepts, withoutRejected, type ConceptContext } from './concepts.js';
import {
  createGraphView,
  isComplete,
  ownTextPlan,
  partsText,
  planFor,
  type GraphView,
  type Part,
  type Plan,
} from './plan.js';
import { segmenterFor } from '../grading/tools.js';
import { runSteps } from '../text/steps.js';
import { buildTermStatsInSteps } from './tfidf.js';

const PAIN_CONCEPTS = 3;
const FIX_CONCEPTS = 3;
/** Known terms longer than this are sentences, not names. */
const MAX_LEXICON_TERM = 10;
const MAX_PART_CHARS = 240;
const MAX_ANSWER_CHARS = 900;
const MAX_REFERENCE_CHARS = 1500;

export interface Deriver {
  readonly view: GraphView;
  /** The derived challenge of a node: from the notes' pain and fix when they show both, else from its own text. */
  derive(id: NodeId): Challenge | null;
  /** Where the notes show the node's pain and fix; `null` when they do not (cheap: no word weighing). */
  plan(id: NodeId): Plan | null;
  /** The language of the node's note file (model answers and prompts speak it). */
  languageOf(node: KnowledgeNode): 'zh' | 'en';
  /** What concepts are weighed with (TF-IDF over the notes, segmenter): built on first use, shared. */
  concepts(): ConceptContext;
}

/** Titles read between two yields of `lexiconInSteps`. */
const TITLES_PER_STEP = 2_000;

function* lexiconInSteps(graph: KnowledgeGraph): Generator<void, Set<string>> {
  const lexicon = new Set<string>();
  const addTerm = (term: string) => {
    if (term.length >= 2 && term.length <= MAX_LEXICON_TERM) lexicon.add(term);
  };
  let read = 0;
  for (const node of graph.nodes.values()) {
    if (++read % TITLES_PER_STEP === 0) yield;
    addTerm(normalizeForIndex(node.title));
  }
  for (const entry of graph.glossary.entries) for (const term of entry.terms) addTerm(normalizeForIndex(term));
  return lexicon;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** A text's language: Chinese when Han characters make up a fifth of the letters, else English. */
export function textLanguage(text: string): 'zh' | 'en' {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return han > 0 && han * 5 >= latin ? 'zh' : 'en';
}

/** Characters of a file's titles read to tell its language: enough to outweigh English terms in Chinese notes. */
const LANGUAGE_SAMPLE = 4000;

/**
 * The language of each note file, from its titles: a topic speaks its file's language even when its own
 * lines are mostly English terms (`Mock: 实现MockServer: EasyMock, GMock`).
 */
export function fileLanguages(graph: KnowledgeGraph): (file: string) => 'zh' | 'en' {
  const samples = new Map<string, string>();
  for (const node of graph.nodes.values()) {
    const sample = samples.get(node.source.file) ?? '';
    if (sample.length < LANGUAGE_SAMPLE)
      samples.set(node.source.file, `${sample} ${node.title} ${node.body.slice(0, 80)}`);
  }
  const languages = new Map([...samples].map(([file, sample]) => [file, textLanguage(sample)]));
  return (file) => languages.get(file) ?? 'en';
}

function renderParts(parts: readonly Part[], colon: string, separator: string): string {
  return parts
    .map((p) => {
      // Notes end lines with a separator (`…映射到节点;`): the answer joins parts with its own.
      const text = p.text.replace(/[\s;；,，]+$/u, '').trim();
      if (p.heading && text) return `${p.heading}${colon}${clip(text, MAX_PART_CHARS)}`;
      return clip(p.heading || text, MAX_PART_CHARS);
    })
    .filter((s) => s.length > 0)
    .join(separator);
}

const ANSWER_WORDS = {
  zh: { pain: '痛点：', fix: '解法：', drawbacks: '代价：', none: '笔记没有写明痛点。', colon: '：', separator: '；' },
  en: {
    pain: 'Pain: ',
    fix: 'Fix: ',
    drawbacks: 'Trade-offs: ',
    none: 'The notes state no pain for this topic.',
    colon: ': ',
    separator: '; ',
  },
} as const;

/** The model answer: the notes' own words on each side, pain first, in the notes' language. */
export function modelAnswerOf(plan: Plan, language: 'zh' | 'en'): string {
  const words = ANSWER_WORDS[language];
  const side = (parts: readonly Part[]) => renderParts(parts, words.colon, words.separator);
  const pain = side(plan.pain);
  const lines = [pain ? `${words.pain}${pain}` : words.none, `${words.fix}${side(plan.fix)}`];
  const drawbacks = side(plan.drawbacks);
  if (drawbacks) lines.push(`${words.drawbacks}${drawbacks}`);
  // One line per side (each already flat), cut as a whole.
  const answer = lines.join('\n');
  return answer.length <= MAX_ANSWER_CHARS ? answer : `${answer.slice(0, MAX_ANSWER_CHARS - 1)}…`;
}

/**
 * What the learner is asked when the notes give no pain: what goes wrong, in their own words (the grade asks
 * for it), then the fix, said in the notes' language.
 */
const NO_PAIN_PROMPT = {
  zh: '笔记没有写明这个主题的痛点：先用自己的话说说没有它会出什么问题，再说出它的解法。',
  en: 'The notes state no pain for this topic: say in your own words what goes wrong without it, then state the fix.',
} as const;

/** The notes' own pain and fix text, for the grader's similarity component. */
export function referenceOf(plan: Plan): ChallengeReference {
  const text = (parts: readonly Part[]) => clip(partsText(parts), MAX_REFERENCE_CHARS);
  return { pain: text(plan.pain), fix: text(plan.fix) };
}

/** Normalized titles a concept must not be: the node's ancestors name its category, not its pain or fix. */
export function ancestorTitles(graph: KnowledgeGraph, node: KnowledgeNode): string[] {
  const titles: string[] = [];
  for (let id = node.parentId; id !== null;) {
    const parent = graph.nodes.get(id);
    if (!parent) break;
    titles.push(normalizeForIndex(parent.title));
    id = parent.parentId;
  }
  return titles;
}

function challengeOf(
  graph: KnowledgeGraph,
  node: KnowledgeNode,
  plan: Plan,
  context: ConceptContext,
  language: 'zh' | 'en',
): Challenge {
  const banned = new Set(ancestorTitles(graph, node));
  const proposed = proposeConcepts(withoutRejected(conceptText(plan.fix)), context, FIX_CONCEPTS, [], banned);
  // Fix text with no term in it (a config line, a path): the topic's name is what there is to say.
  const fix: Concept[] =
    proposed.length > 0 || !/\p{Script=Han}{2}|[A-Za-z]{2}/u.test(node.title)
      ? proposed
      : [{ label: node.title, aliases: [], weight: 1 }];
  const pain: Concept[] = proposeConcepts(conceptText(plan.pain), context, PAIN_CONCEPTS, conceptTerms(fix), banned);
  return {
    topicId: node.id,
    title: node.title,
    path: node.path,
    ...(pain.length === 0 ? { prompt: NO_PAIN_PROMPT[language] } : {}),
    pain,
    fix,
    modelAnswer: modelAnswerOf(plan, language),
    reference: referenceOf(plan),
    origin: 'derived',
  };
}

/**
 * What concepts are weighed with, built in steps (the TF-IDF count is half a second on a 10 MB tree): a reload
 * builds it between answers, a deriver on the first challenge it derives.
 */
export function* conceptContextInSteps(graph: KnowledgeGraph): Generator<void, ConceptContext> {
  const lexicon = yield* lexiconInSteps(graph);
  return {
    stats: yield* buildTermStatsInSteps([...graph.nodes.values()], (n) => normalizeForIndex(`${n.title} ${n.body}`)),
    lexicon,
    glossary: graph.glossary,
    // The grader's segmenter: a concept is cut into the words a reply is matched by.
    segmenter: segmenterFor(graph),
  };
}

/** `view`, `concepts`: built ahead (a reload builds them between answers). */
export function createDeriver(
  graph: KnowledgeGraph,
  view: GraphView = createGraphView(graph),
  concepts?: ConceptContext,
): Deriver {
  let languages: ((file: string) => 'zh' | 'en') | null = null;
  const languageOf = (node: KnowledgeNode) => (languages ??= fileLanguages(graph))(node.source.file);
  let context: ConceptContext | null = concepts ?? null;
  const contextOnce = (): ConceptContext => (context ??= runSteps(conceptContextInSteps(graph)));
  const cache = new Map<NodeId, Challenge | null>();
  const plans = new Map<NodeId, Plan | null>();
  const structuralPlan = (id: NodeId): Plan | null => {
    if (!plans.has(id)) plans.set(id, planFor(view, id));
    return plans.get(id) ?? null;
  };
  const derive = (id: NodeId): Challenge | null => {
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    const node = graph.nodes.get(id);
    let result: Challenge | null = null;
    if (node && view.label(id) !== null && node.parentId !== null) {
      // A label feeds its parent: asked for `Redis Cluster > 缺点`, the challenge is Redis Cluster's.
      result = derive(node.parentId);
    } else if (node) {
      const structural = structuralPlan(id);
      const plan = isComplete(structural) ? structural : ownTextPlan(view, id);
      const built = plan ? challengeOf(graph, node, plan, contextOnce(), languageOf(node)) : null;
      result = built && built.fix.length > 0 ? built : null;
    }
    cache.set(id, result);
    return result;
  };
  return { view, plan: structuralPlan, derive, languageOf, concepts: contextOnce };
}
