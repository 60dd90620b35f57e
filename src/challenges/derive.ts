/**
 * Challenges derived from the notes: a plan (where the pain and the fix are) becomes concept groups and a
 * model answer. Lazy and cached per node, with the TF-IDF statistics counted once on first use, so loading a
 * large tree costs nothing here and each topic is derived at most once per knowledge base.
 */
import type { Challenge, Concept } from '../grading/types.js';
import type { KnowledgeGraph, KnowledgeNode, NodeId } from '../knowledge/types.js';
import { detectLocale } from '../text/script.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { conceptTerms, proposeConcepts, type ConceptContext } from './concepts.js';
import { contextPlan, createGraphView, partsText, planFor, type GraphView, type Part, type Plan } from './plan.js';
import { buildTermStats } from './tfidf.js';

const PAIN_CONCEPTS = 3;
const FIX_CONCEPTS = 3;
/** Known terms longer than this are sentences, not names. */
const MAX_LEXICON_TERM = 10;
const MAX_PART_CHARS = 240;
const MAX_ANSWER_CHARS = 900;

export interface Deriver {
  readonly view: GraphView;
  /** The derived challenge of a node: structural when the notes show a pain and a fix, else from context. */
  derive(id: NodeId): Challenge | null;
  /** Whether the notes' structure shows both a pain and a fix for the node (cheap: no word weighing). */
  hasStructuralPlan(id: NodeId): boolean;
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

function hasWords(part: Part): boolean {
  return part.heading.trim().length > 0 || part.text.trim().length > 0;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The labels and punctuation of a model answer, in the language of the notes it quotes. */
const ANSWER_STYLE = {
  zh: { pain: '痛点：', fix: '解法：', colon: '：', separator: '；' },
  en: { pain: 'Pain: ', fix: 'Fix: ', colon: ': ', separator: '; ' },
} as const;

function renderParts(parts: readonly Part[], style: (typeof ANSWER_STYLE)[keyof typeof ANSWER_STYLE]): string {
  return parts
    .map((p) => {
      const text = p.text.trim();
      const heading = p.prefix ? `${p.prefix} ${p.heading}` : p.heading;
      if (heading && text) return `${heading}${style.colon}${clip(text, MAX_PART_CHARS)}`;
      return clip(heading || text, MAX_PART_CHARS);
    })
    .filter((s) => s.length > 0)
    .join(style.separator);
}

/** The model answer: the notes' own words on each side, pain first, labelled in the notes' language. */
export function modelAnswerOf(plan: Plan): string {
  const style = ANSWER_STYLE[detectLocale(`${partsText(plan.pain)} ${partsText(plan.fix)}`, 'zh')];
  return clip(
    `${style.pain}${renderParts(plan.pain, style)}\n${style.fix}${renderParts(plan.fix, style)}`,
    MAX_ANSWER_CHARS,
  );
}

function challengeOf(node: KnowledgeNode, plan: Plan, context: ConceptContext): Challenge | null {
  const fix = proposeConcepts(partsText(plan.fix), context, FIX_CONCEPTS);
  const pain: Concept[] = proposeConcepts(partsText(plan.pain), context, PAIN_CONCEPTS, conceptTerms(fix));
  if (fix.length === 0 && pain.length === 0) return null;
  return {
    topicId: node.id,
    title: node.title,
    path: node.path,
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
    hasStructuralPlan(id) {
      const plan = structuralPlan(id);
      return plan !== null && plan.pain.some(hasWords) && plan.fix.some(hasWords);
    },
    derive(id) {
      const cached = cache.get(id);
      if (cached !== undefined) return cached;
      const node = graph.nodes.get(id);
      let result: Challenge | null = null;
      if (node) {
        const plan = structuralPlan(id);
        const structural = plan ? challengeOf(node, plan, contextOnce()) : null;
        if (structural && structural.pain.length > 0 && structural.fix.length > 0) {
          result = structural;
        } else {
          const fallback = contextPlan(view, id);
          const built = fallback ? challengeOf(node, fallback, contextOnce()) : null;
          result = built && built.fix.length > 0 ? built : null;
        }
      }
      cache.set(id, result);
      return result;
    },
  };
}
