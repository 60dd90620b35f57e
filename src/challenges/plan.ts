/**
 * Where a topic's pain and fix are in the notes, read from the graph's structure before any word is weighed.
 * A topic is a node that carries both: label children (`痛点`/`Pain` beside `解法`/`Fix`; a `缺点` with a fix
 * after it), a pain→fix edge, a body that states both (`…；解法：…`, `解决…问题`), or a pattern the notes
 * criticize (`Disadvantage(s): sharding`) whose text says what it relieves. Labels and asides are never topics:
 * a label feeds its parent, an aside (`注意`, `Source(s) and further reading`) is lookup-only.
 */
import { titleRole } from '../knowledge/relations.js';
import { runSteps } from '../text/steps.js';
import type { EdgeKind, KnowledgeGraph, KnowledgeNode, NodeId } from '../knowledge/types.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { isAside, labelRole, type LabelRole } from './labels.js';
import { SENTENCE_END, statesPain, statesTrouble, TROUBLE_CUE } from './prose-cues.js';
import { STOP_WORDS_PATTERN } from './stop-words.js';

/** One piece of note text on a side of a challenge. */
export interface Part {
  readonly nodeId: NodeId;
  /** Shown before the text in the model answer; empty when the title only says "problem" or "solution". */
  readonly heading: string;
  readonly text: string;
}

export interface Plan {
  readonly pain: readonly Part[];
  readonly fix: readonly Part[];
  /** What the notes hold against the fix itself (`缺点`, `Disadvantage(s)`): shown in the model answer, not graded. */
  readonly drawbacks: readonly Part[];
}

/** Fix parts read a node's children when its own body is this short. */
const SHORT_BODY = 40;
const MAX_CHILD_PARTS = 6;

/** Edges by node and kind, both directions, and the title roles of nodes, built once per graph. */
export interface GraphView {
  readonly graph: KnowledgeGraph;
  out(id: NodeId, kind: EdgeKind): readonly NodeId[];
  in(id: NodeId, kind: EdgeKind): readonly NodeId[];
  role(id: NodeId): ReturnType<typeof titleRole>;
  /** The role a label node names (`痛点`, `Fix`, `缺点`); `null` for a node that names a topic. */
  label(id: NodeId): LabelRole | null;
  /** A note about notes (`注意`, `Source(s) and further reading`): lookup-only. */
  aside(id: NodeId): boolean;
}

/** Memoized per node; `T` excludes `undefined`, so one map read tells a known value (null included) from none. */
function memo<T extends NonNullable<unknown> | null>(compute: (id: NodeId) => T): (id: NodeId) => T {
  const cache = new Map<NodeId, T>();
  return (id) => {
    let value = cache.get(id);
    if (value === undefined) cache.set(id, (value = compute(id)));
    return value;
  };
}

export function createGraphView(graph: KnowledgeGraph): GraphView {
  return runSteps(createGraphViewInSteps(graph));
}

/** Edges filed between two yields of `createGraphViewInSteps`: about a millisecond's work. */
const EDGES_PER_STEP = 2_000;

/** The view built in steps that yield every `EDGES_PER_STEP` edges: a reload builds it between answers. */
export function* createGraphViewInSteps(graph: KnowledgeGraph): Generator<void, GraphView> {
  // Nested maps keyed by the ids themselves: a composed string key would be built and hashed on every call.
  const outgoing = new Map<EdgeKind, Map<NodeId, NodeId[]>>();
  const incoming = new Map<EdgeKind, Map<NodeId, NodeId[]>>();
  const add = (maps: Map<EdgeKind, Map<NodeId, NodeId[]>>, kind: EdgeKind, key: NodeId, id: NodeId) => {
    let byNode = maps.get(kind);
    if (!byNode) maps.set(kind, (byNode = new Map()));
    const list = byNode.get(key);
    if (list) list.push(id);
    else byNode.set(key, [id]);
  };
  let filed = 0;
  for (const edge of graph.edges) {
    if (++filed % EDGES_PER_STEP === 0) yield;
    if (edge.kind === 'child') continue;
    add(outgoing, edge.kind, edge.from, edge.to);
    add(incoming, edge.kind, edge.to, edge.from);
  }
  const none: readonly NodeId[] = [];
  const titleOf = (id: NodeId) => graph.nodes.get(id)?.title ?? '';
  return {
    graph,
    out: (id, kind) => outgoing.get(kind)?.get(id) ?? none,
    in: (id, kind) => incoming.get(kind)?.get(id) ?? none,
    role: memo((id) => titleRole(normalizeForIndex(titleOf(id)))),
    label: memo((id) => {
      const node = graph.nodes.get(id);
      return node ? labelRole(node.title, () => node.path.slice(0, -1).map(normalizeForIndex)) : null;
    }),
    aside: memo((id) => isAside(titleOf(id))),
  };
}

function nodeOf(view: GraphView, id: NodeId): KnowledgeNode {
  return view.graph.nodes.get(id) as KnowledgeNode;
}

/** A node's own words: its title unless that only names a role, then its body. */
function ownPart(view: GraphView, node: KnowledgeNode): Part {
  const named = view.role(node.id) === null && view.label(node.id) === null;
  return { nodeId: node.id, heading: named ? node.title : '', text: node.body };
}

/** A child as one line of its parent's text: `title：body`, or the title alone. */
function childLine(node: KnowledgeNode): string {
  return node.body ? `${node.title}：${node.body}` : node.title;
}

/** A node as a fix: its own part, plus its children's when its body says little. */
export function fixParts(view: GraphView, node: KnowledgeNode): Part[] {
  const parts = [ownPart(view, node)];
  if (node.body.length < SHORT_BODY) {
    for (const childId of node.childIds.slice(0, MAX_CHILD_PARTS)) {
      if (view.aside(childId)) continue;
      const child = nodeOf(view, childId);
      parts.push({ nodeId: child.id, heading: child.title, text: child.body });
    }
  }
  return parts;
}

/** A label's text: its body and the lines under it (two levels: a Markdown list nests its details). */
export function labelPart(view: GraphView, node: KnowledgeNode): Part {
  const lines = node.body ? [node.body] : [];
  for (const childId of node.childIds.slice(0, MAX_CHILD_PARTS)) {
    if (view.aside(childId)) continue;
    const child = nodeOf(view, childId);
    lines.push(childLine(child));
    for (const grandchild of child.childIds.slice(0, MAX_CHILD_PARTS)) lines.push(childLine(nodeOf(view, grandchild)));
  }
  return { nodeId: node.id, heading: '', text: lines.join('；') };
}

/**
 * Words on a part beyond filler: two Han characters or two letters in a row once stop words are gone (not just
 * punctuation, a path, or `自己的问题`). Cheap enough to decide every topic of a large tree without segmenting.
 */
const WORDS = /\p{Script=Han}{2}|[A-Za-z]{2}/u;
const WORDS_WINDOW = 120;

function hasText(part: Part): boolean {
  // The opening of a text says whether it has words; the stop pattern over a whole long body costs too much.
  return [part.heading, part.text].some((text) =>
    WORDS.test(text.slice(0, WORDS_WINDOW).replace(STOP_WORDS_PATTERN, ' ')),
  );
}

/*
 * Where the notes give no label, a sentence states the pain when it says what goes wrong (`waste bandwidth`,
 * `速度不匹配`) or what a fix relieves (`避免单点`), and does not praise (`prose-cues.ts`); the others state
 * the fix or describe it.
 */
/** Text split into what it says is wrong (pain) and what it does (fix), sentence by sentence. */
function splitByCues(texts: readonly string[]): { pain: string; fix: string } {
  const pain: string[] = [];
  const fix: string[] = [];
  for (const sentence of texts.flatMap((t) => t.split(SENTENCE_END))) {
    const text = sentence.trim();
    if (text) (statesPain(text) ? pain : fix).push(text);
  }
  return { pain: pain.join('；'), fix: fix.join('；') };
}

/** A pattern's own words: its body, then its plain points (`提高可扩展性 - …`), labels and asides left out. */
function ownTexts(view: GraphView, node: KnowledgeNode): string[] {
  const points = node.childIds
    .filter((c) => view.label(c) === null && !view.aside(c))
    .slice(0, MAX_CHILD_PARTS)
    .map((c) => childLine(nodeOf(view, c)));
  return [node.body, ...points];
}

/*
 * Body patterns, found by searching for a cue and slicing around it (linear in the body; anchored lazy
 * patterns backtrack quadratically on long bodies):
 *   `…；解法：https）…`      pain before the label, fix up to the end of its clause
 *   `痛点…，解决…`           pain before 解决, fix after it
 *   `jenkins + k8s：解决…问题` fix is the title and the text before 解决, pain the 问题 clause after it
 */
const FIX_LABEL = /(?:解法|解决方案|解决办法|解决|对策|处理|措施|办法|做法|修复|solution|fix|remedy)\s*[:：]\s*/i;
/**
 * Text before a fix label ending a sentence: the fix runs to the end of the body, not just its clause (unless
 * the label sits inside brackets: `链路劫持(侦听数据包；解法：https)`).
 */
const SENTENCE_BEFORE = /[。；;.!?！？\s]$/;
// 解决 as a verb, not the noun in 解决方案 ("solutions").
const SOLVE = /解决了?(?!方案|办法|方法|思路)|solves?|solved|fixed by|addresses/i;
const PAIN_WORD = /痛点|问题|原因|缺点|瓶颈|problem|pain/i;
const CLAUSE = /^[^，,；;。.)）\n]*/;
const LAST_PAIN_WORD = /.*(?:问题|瓶颈|痛点|problems?|issues?)/i;

/** A body that states both a pain and its fix. */
function bodyPlan(node: KnowledgeNode): Plan | null {
  const body = node.body;
  if (!FIX_LABEL.test(body) && !SOLVE.test(body)) return null;
  const own = (heading: string, text: string): Part[] =>
    text.trim().length > 0 || heading.length > 0 ? [{ nodeId: node.id, heading, text: text.trim() }] : [];
  const plan = (pain: Part[], fix: Part[]): Plan => ({ pain, fix, drawbacks: [] });
  const label = FIX_LABEL.exec(body);
  if (label && body.slice(0, label.index).trim().length > 0) {
    const rest = body.slice(label.index + label[0].length);
    const before = body.slice(0, label.index);
    const inBrackets = (before.match(/[(（]/g)?.length ?? 0) > (before.match(/[)）]/g)?.length ?? 0);
    const fix = SENTENCE_BEFORE.test(before) && !inBrackets ? rest : (CLAUSE.exec(rest) as RegExpExecArray)[0];
    if (fix.trim().length > 0) {
      return plan(own(node.title, body.slice(0, label.index) + rest.slice(fix.length)), own('', fix));
    }
  }
  const solve = SOLVE.exec(body);
  if (!solve) return null;
  const before = body.slice(0, solve.index);
  const after = body.slice(solve.index + solve[0].length);
  if (PAIN_WORD.test(before)) return plan(own('', before), own(node.title, after));
  const clause = (CLAUSE.exec(after) as RegExpExecArray)[0];
  const pain = LAST_PAIN_WORD.exec(clause);
  if (pain && pain[0].trim().length > 0) {
    return plan(own('', pain[0]), own(node.title, before + after.slice(pain[0].length)));
  }
  return null;
}

function childrenWithLabel(view: GraphView, node: KnowledgeNode, role: LabelRole): KnowledgeNode[] {
  return node.childIds.filter((c) => view.label(c) === role).map((c) => nodeOf(view, c));
}

/**
 * Label children: `痛点`/`Pain` feed the pain, `解法`/`Fix` the fix. A drawback label (`缺点`) is the pain when a
 * fix label answers it, else it is held against the node itself. A side with no label reads the node's own text.
 */
function labelPlan(view: GraphView, node: KnowledgeNode): Plan | null {
  const painKids = childrenWithLabel(view, node, 'pain');
  const fixKids = childrenWithLabel(view, node, 'fix');
  if (painKids.length === 0 && fixKids.length === 0) return null;
  const drawbackKids = childrenWithLabel(view, node, 'drawback');
  const drawbacksArePain = painKids.length === 0 && fixKids.length > 0 && drawbackKids.length > 0;
  const pain = (drawbacksArePain ? drawbackKids : painKids).map((n) => labelPart(view, n));
  const fix = fixKids.map((n) => labelPart(view, n));
  const own: Part = { nodeId: node.id, heading: '', text: node.body };
  // With a pain label and no fix label, the node's own words are the fix; with no body, its title names it
  // (`TCC补偿` over `失败原因`).
  const ownFix: Part = node.body.trim() ? own : { ...own, heading: node.title };
  return {
    pain: pain.length > 0 ? pain : [own],
    fix: fix.length > 0 ? fix : [ownFix],
    drawbacks: drawbacksArePain ? [] : drawbackKids.map((n) => labelPart(view, n)),
  };
}

/** A pattern the notes criticize (`Sharding` with `Disadvantage(s): sharding`): its own text, split by cues. */
function criticizedPlan(view: GraphView, node: KnowledgeNode): Plan | null {
  const drawbackKids = childrenWithLabel(view, node, 'drawback');
  if (drawbackKids.length === 0 || node.body.trim().length === 0) return null;
  const { pain, fix } = splitByCues(ownTexts(view, node));
  return {
    pain: pain ? [{ nodeId: node.id, heading: '', text: pain }] : [],
    fix: [{ nodeId: node.id, heading: '', text: fix || node.body }],
    drawbacks: drawbackKids.map((n) => labelPart(view, n)),
  };
}

/** Pain→fix edges between a node and siblings that name a topic (`消息堆积问题` → `批量消费方案`). */
function edgePlan(view: GraphView, node: KnowledgeNode): Plan | null {
  const named = (id: NodeId) => view.label(id) === null && !view.aside(id);
  const fixTargets = view.out(node.id, 'pain-fix').filter((f) => nodeOf(view, f).parentId !== node.id);
  if (fixTargets.length > 0) {
    return {
      pain: [ownPart(view, node)],
      fix: fixTargets.flatMap((f) => fixParts(view, nodeOf(view, f))),
      drawbacks: [],
    };
  }
  const painSources = view.in(node.id, 'pain-fix').filter(named);
  if (painSources.length > 0) {
    return {
      pain: painSources.map((p) => ownPart(view, nodeOf(view, p))),
      fix: fixParts(view, node),
      drawbacks: [],
    };
  }
  return null;
}

/** Shortest paragraph read as a pain, then its fix: a shorter body is a name or a note, not a topic. */
const MIN_PROSE = 40;

/** A paragraph that opens with what goes wrong and goes on with what to do (`…waste bandwidth. Serve resized…`). */
function prosePlan(node: KnowledgeNode): Plan | null {
  // A top-level note is a diary line more often than a topic: it needs a label or a pain→fix edge.
  if (node.depth === 0 || node.body.length < MIN_PROSE || !TROUBLE_CUE.test(node.body)) return null;
  const sentences = node.body
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  // The paragraph opens with what goes wrong (a benefit alone is a description, not a pain).
  if (!statesTrouble(sentences[0] ?? '')) return null;
  const firstFix = sentences.findIndex((s) => !statesPain(s));
  if (firstFix <= 0) return null;
  const part = (texts: readonly string[]): Part[] => [{ nodeId: node.id, heading: '', text: texts.join('；') }];
  return { pain: part(sentences.slice(0, firstFix)), fix: part(sentences.slice(firstFix)), drawbacks: [] };
}

/** Where the notes show both a pain and a fix for this node; `null` for a label, an aside, or a node without both. */
export function planFor(view: GraphView, id: NodeId): Plan | null {
  const node = view.graph.nodes.get(id);
  if (!node || view.label(id) !== null || view.aside(id)) return null;
  return (
    labelPlan(view, node) ?? edgePlan(view, node) ?? bodyPlan(node) ?? criticizedPlan(view, node) ?? prosePlan(node)
  );
}

/** Whether a plan has words on both sides: what a daily topic needs. */
export function isComplete(plan: Plan | null): plan is Plan {
  return plan !== null && plan.pain.some(hasText) && plan.fix.some(hasText);
}

/**
 * For a node the notes give no pain and fix for (practice on any topic): its own text, a sentence that says
 * what goes wrong (or else a title that does) as the pain, the rest (and its plain children) as the fix.
 * Never the ancestors' words: a title above a note is its category, not its pain. No pain in its words: the
 * pain side stays empty and the challenge says so.
 */
export function ownTextPlan(view: GraphView, id: NodeId): Plan | null {
  const node = view.graph.nodes.get(id);
  if (!node) return null;
  const split = splitByCues([node.body]);
  const points = node.childIds.filter((c) => view.label(c) === null && !view.aside(c)).slice(0, MAX_CHILD_PARTS);
  const fix: Part[] = [{ nodeId: id, heading: node.title, text: split.pain ? split.fix : node.body }];
  if (node.body.length < SHORT_BODY) {
    for (const c of points) fix.push({ nodeId: c, heading: nodeOf(view, c).title, text: nodeOf(view, c).body });
  }
  // No sentence says what goes wrong, but the title does (`消息堆积：消费者扩容，批量消费`): the title is the pain.
  const titlePain = !split.pain && node.body.trim() && statesPain(node.title);
  const pain: Part[] = split.pain
    ? [{ nodeId: id, heading: '', text: split.pain }]
    : titlePain
      ? [{ nodeId: id, heading: node.title, text: '' }]
      : [];
  if (titlePain) fix[0] = { nodeId: id, heading: '', text: node.body };
  return { pain, fix, drawbacks: childrenWithLabel(view, node, 'drawback').map((n) => labelPart(view, n)) };
}

/** Text of parts for concept extraction. */
export function partsText(parts: readonly Part[]): string {
  return parts.map((p) => `${p.heading} ${p.text}`).join('\n');
}
