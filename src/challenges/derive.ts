/**
 * Challenges derived from the notes: a plan (where the pain and the fix are) becomes concept groups, a model
 * answer in the notes' language and the notes' own pain and fix text (`reference`). Lazy and cached per node,
 * with the TF-IDF statistics counted once on first use, so loading a large tree costs nothing here and each
 * topic is derived at most once per knowledge base.
 */
import type { Challenge, Concept } from '../grading/types.js';
import type { KnowledgeGraph, KnowledgeNode, NodeId } from '../knowledge/types.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { conceptTerms, proposeConcepts, type ConceptContext } from './concepts.js';
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
import { buildTermStats } from './tfidf.js';

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
}

function lexiconOf(graph: KnowledgeGraph): Set<string> {
  const lexicon = new Set<string>();
  const addTerm = (term: string) => {
    if (term.length >= 2 && term.length <= MAX_LEXICON_TERM) lexicon.add(term);
  };
  for (const node of graph.nodes.values()) addTerm(normalizeForIndex(node.title));
  for (const entry of graph.glossary.entries) for (const term of entry.terms) addTerm(normalizeForIndex(term));
  return lexicon;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The notes' language: Chinese when Han characters make up a fifth of the letters, else English. */
export function notesLanguage(text: string): 'zh' | 'en' {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return han > 0 && han * 5 >= latin ? 'zh' : 'en';
}

function renderParts(parts: readonly Part[], colon: string, separator: string): string {
  return parts
    .map((p) => {
      const text = p.text.trim();
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
export function modelAnswerOf(plan: Plan): string {
  const words = ANSWER_WORDS[notesLanguage(`${partsText(plan.pain)} ${partsText(plan.fix)}`)];
  const side = (parts: readonly Part[]) => renderParts(parts, words.colon, words.separator);
  const pain = side(plan.pain);
  const lines = [pain ? `${words.pain}${pain}` : words.none, `${words.fix}${side(plan.fix)}`];
  const drawbacks = side(plan.drawbacks);
  if (drawbacks) lines.push(`${words.drawbacks}${drawbacks}`);
  return clip(lines.join('\n'), MAX_ANSWER_CHARS);
}

/** What the learner is asked when the notes give no pain: the fix alone, said in the notes' language. */
const NO_PAIN_PROMPT = {
  zh: '笔记没有写明这个主题的痛点：说出它的解法。',
  en: 'The notes state no pain for this topic: state the fix.',
} as const;

/** The notes' own pain and fix text, for the grader's similarity component. */
export function referenceOf(plan: Plan): { pain: string; fix: string } {
  const text = (parts: readonly Part[]) => clip(partsText(parts), MAX_REFERENCE_CHARS);
  return { pain: text(plan.pain), fix: text(plan.fix) };
}

/** Normalized titles a concept must not be: the node's ancestors name its category, not its pain or fix. */
function ancestorTitles(graph: KnowledgeGraph, node: KnowledgeNode): string[] {
  const titles: string[] = [];
  for (let id = node.parentId; id !== null;) {
    const parent = graph.nodes.get(id);
    if (!parent) break;
    titles.push(normalizeForIndex(parent.title));
    id = parent.parentId;
  }
  return titles;
}

function challengeOf(graph: KnowledgeGraph, node: KnowledgeNode, plan: Plan, context: ConceptContext): Challenge {
  const banned = new Set(ancestorTitles(graph, node));
  const fix = proposeConcepts(partsText(plan.fix), context, FIX_CONCEPTS, [], banned);
  const pain: Concept[] = proposeConcepts(partsText(plan.pain), context, PAIN_CONCEPTS, conceptTerms(fix), banned);
  const language = notesLanguage(`${node.title} ${partsText(plan.pain)} ${partsText(plan.fix)}`);
  return {
    topicId: node.id,
    title: node.title,
    path: node.path,
    ...(pain.length === 0 ? { prompt: NO_PAIN_PROMPT[language] } : {}),
    pain,
    fix,
    modelAnswer: modelAnswerOf(plan),
    origin: 'derived',
  };
}

export function createDeriver(graph: KnowledgeGraph): Deriver {
  const view = createGraphView(graph);
  let context: ConceptContext | null = null;
  const contextOnce = (): ConceptContext => {
    context ??= {
      stats: buildTermStats([...graph.nodes.values()], (n) => normalizeForIndex(`${n.title} ${n.body}`)),
      lexicon: lexiconOf(graph),
      glossary: graph.glossary,
    };
    return context;
  };
  const cache = new Map<NodeId, Challenge | null>();
  const plans = new Map<NodeId, Plan | null>();
  const structuralPlan = (id: NodeId): Plan | null => {
    if (!plans.has(id)) plans.set(id, planFor(view, id));
    return plans.get(id) ?? null;
  };
  return {
    view,
    plan: structuralPlan,
    derive(id) {
      const cached = cache.get(id);
      if (cached !== undefined) return cached;
      const node = graph.nodes.get(id);
      let result: Challenge | null = null;
      if (node) {
        const structural = structuralPlan(id);
        const plan = isComplete(structural) ? structural : ownTextPlan(view, id);
        const built = plan ? challengeOf(graph, node, plan, contextOnce()) : null;
        result = built && built.fix.length > 0 ? built : null;
      }
      cache.set(id, result);
      return result;
    },
  };
}
