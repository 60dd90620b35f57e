/**
 * Pain → fix → new pain. The notes say what a fix brings with an introduces edge (`微服务 > 引入的问题`,
 * `Redis Cluster > 缺点`, `Sharding > Disadvantage(s): sharding`); what that fix fixed is read around it: a
 * pain→fix edge into it or into a node above it (`举动-痛点` → `解法` ⊃ `云原生` ⊃ `微服务`), else the pain its
 * own text states, else the topic it sits under (not a file's root note: that names the notes). A topic whose own fix label sits beside the new pain (`TIME_WAIT 过多 > 痛点, 解法,
 * 引入的问题`) is the pain, and that label the fix. The follow-up challenge is graded against the new-pain node:
 * its text is the pain side, a fix the notes give for it (a pain→fix edge, a fix label under it) the fix side.
 */
import type { Challenge, Concept } from '../grading/types.js';
import type { KnowledgeNode, NodeId } from '../knowledge/types.js';
import { conceptTerms, conceptText, proposeConcepts, withoutRejected } from './concepts.js';
import { ancestorTitles, modelAnswerOf, referenceOf, type Deriver } from './derive.js';
import { fixParts, isComplete, labelPart, partsText, type GraphView, type Part, type Plan } from './plan.js';
import type { Chain, ChainStep } from './types.js';

const NEW_PAIN_CONCEPTS = 3;
const FIX_CONCEPTS = 3;
/** How far up a fix may sit below the node a pain→fix edge points at (`解法 > 云原生 > 微服务`). */
const MAX_ANCESTOR_HOPS = 3;
const MAX_STEP_CHARS = 40;
const FIRST_CLAUSE = /^[^；;，,。.\n]+/;
const SENTENCE_END = /[。；;！？!?\n]|\.\s/;
const HAS_WORDS = /\p{Script=Han}{2}|[A-Za-z]{2}/u;

function nodeOf(view: GraphView, id: NodeId): KnowledgeNode {
  return view.graph.nodes.get(id) as KnowledgeNode;
}

/** A label or a role title (`缺点`, `举动-痛点`) says little: its text's first clause (or first child) names it. */
function stepOf(view: GraphView, id: NodeId): ChainStep {
  const node = nodeOf(view, id);
  const named = view.label(id) === null && view.role(id) === null;
  const firstChild = node.childIds[0];
  const text = named
    ? node.title
    : (FIRST_CLAUSE.exec(node.body.trim())?.[0] ?? (firstChild ? nodeOf(view, firstChild).title : node.title));
  return { topicId: id, title: clipStep(text, node.title) };
}

/** The topic a node stands for: a label feeds its parent. */
function ownerOf(view: GraphView, id: NodeId): NodeId {
  const parent = nodeOf(view, id).parentId;
  return view.label(id) !== null && parent !== null ? parent : id;
}

/** Clipped to a step's length: a few words a learner reads in one glance. */
function clipStep(text: string, fallback: string): string {
  const flat = text.replace(/\s+/g, ' ').trim() || fallback;
  return flat.length <= MAX_STEP_CHARS ? flat : `${flat.slice(0, MAX_STEP_CHARS - 1)}…`;
}

/**
 * What a fix fixed: a pain→fix edge into it or a node a few levels above it, else the pain its own text
 * states (`Load balancer`: preventing overloading resources), else the topic it sits under.
 */
function painOf(deriver: Deriver, fixId: NodeId): ChainStep | null {
  const { view } = deriver;
  let at: NodeId | null = fixId;
  for (let hop = 0; at !== null && hop <= MAX_ANCESTOR_HOPS; hop++) {
    const source = view.in(at, 'pain-fix')[0];
    if (source !== undefined) return stepOf(view, source);
    at = nodeOf(view, at).parentId;
  }
  const plan = deriver.plan(fixId);
  const stated = isComplete(plan) ? partsText(plan.pain).trim().split(SENTENCE_END)[0] : undefined;
  if (stated) return { topicId: fixId, title: clipStep(stated, nodeOf(view, fixId).title) };
  for (let up = nodeOf(view, fixId).parentId; up !== null; up = nodeOf(view, up).parentId) {
    const node = nodeOf(view, up);
    if (node.depth > 0 && view.label(up) === null && !view.aside(up)) return stepOf(view, up);
  }
  return null;
}

/** The chain an introduces edge `from` → `newPain` follows, or `null` when the notes do not say what was fixed. */
function chainOf(deriver: Deriver, from: NodeId, newPain: NodeId): Chain | null {
  const { view } = deriver;
  if (view.aside(from) || view.aside(newPain)) return null;
  const ownFix = nodeOf(view, from).childIds.find((c) => c !== newPain && view.label(c) === 'fix');
  const fix = view.label(from) === null && ownFix !== undefined ? ownFix : from;
  const pain = fix === from ? painOf(deriver, from) : stepOf(view, from);
  // Words to grade (decided without weighing them: offering a chain must stay cheap on a passed answer).
  if (pain === null || !HAS_WORDS.test(partsText(followUpPlan(view, nodeOf(view, newPain)).pain))) return null;
  return {
    pain,
    fix: stepOf(view, fix),
    newPain: stepOf(view, newPain),
    from: [...new Set([pain.topicId, fix].map((id) => ownerOf(view, id)))],
    source: nodeOf(view, newPain).source,
  };
}

/** Every chain of the graph, one per introduces edge that has one, in the graph's edge order. */
export function findChains(deriver: Deriver): Chain[] {
  const chains: Chain[] = [];
  const seen = new Set<NodeId>();
  for (const edge of deriver.view.graph.edges) {
    if (edge.kind !== 'introduces' || seen.has(edge.to)) continue;
    const chain = chainOf(deriver, edge.from, edge.to);
    if (chain) {
      seen.add(edge.to);
      chains.push(chain);
    }
  }
  return chains;
}

/** Where the notes show the new pain (its text) and its fix (a pain→fix edge out of it, a fix label under it). */
function followUpPlan(view: GraphView, node: KnowledgeNode): Plan {
  const pain: Part =
    view.label(node.id) !== null ? labelPart(view, node) : { nodeId: node.id, heading: node.title, text: node.body };
  const fix = [
    ...view.out(node.id, 'pain-fix').flatMap((f) => fixParts(view, nodeOf(view, f))),
    ...node.childIds.filter((c) => view.label(c) === 'fix').map((c) => labelPart(view, nodeOf(view, c))),
  ];
  return { pain: [pain], fix, drawbacks: [] };
}

/**
 * The follow-up challenge of a chain: concepts from the new pain's own words (and its fix's), never a title
 * above it (the fix is named in the question). No prompt: the tutor asks it in the reader's language.
 */
export function followUpChallenge(deriver: Deriver, chain: Chain): Challenge | null {
  const { view } = deriver;
  const node = nodeOf(view, chain.newPain.topicId);
  const plan = followUpPlan(view, node);
  const banned = new Set(ancestorTitles(view.graph, node));
  const context = deriver.concepts();
  const fix: Concept[] = proposeConcepts(withoutRejected(conceptText(plan.fix)), context, FIX_CONCEPTS, [], banned);
  const pain = proposeConcepts(conceptText(plan.pain), context, NEW_PAIN_CONCEPTS, conceptTerms(fix), banned);
  if (pain.length === 0) return null;
  const answer = modelAnswerOf(plan, deriver.languageOf(node));
  return {
    topicId: node.id,
    title: `${chain.fix.title} → ${chain.newPain.title}`,
    path: node.path,
    pain,
    fix,
    // With no fix in the notes, the answer is the new pain alone (its first line).
    modelAnswer: plan.fix.length > 0 ? answer : (answer.split('\n')[0] as string),
    reference: referenceOf(plan),
    origin: 'derived',
  };
}
