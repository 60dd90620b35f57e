/**
 * Where a topic's pain and fix are in the notes, read from the graph's structure before any word is weighed:
 * pain→fix edges, pain-like children beside fix-like ones, introduced problems (`引入的问题`, `缺点`) and the
 * notes they name, and bodies that state both (`…；解法：…`, `解决…问题`, `痛点…解决…`).
 */
import { titleRole } from '../knowledge/relations.js';
import type { EdgeKind, KnowledgeGraph, KnowledgeNode, NodeId } from '../knowledge/types.js';
import { normalizeForIndex } from '../text/tokenize.js';

/** One piece of note text on a side of a challenge. */
export interface Part {
  readonly nodeId: NodeId;
  /** Shown before the text in the model answer; empty when the title only says "problem" or "solution". */
  readonly heading: string;
  readonly text: string;
  /** Context shown before the heading in the model answer only (not weighed for concepts). */
  readonly prefix?: string;
}

export interface Plan {
  readonly pain: readonly Part[];
  readonly fix: readonly Part[];
}

/** Fix parts read a node's children when its own body is this short. */
const SHORT_BODY = 40;
const MAX_CHILD_PARTS = 6;
const MAX_ALTERNATIVES = 3;
/** Longest title that can be a bare marker (`drawbacks`, `introduced problems`); longer ones name a topic. */
const MAX_MARKER_TITLE = 24;

/** Edges by node and kind, both directions, built once per graph. */
export interface GraphView {
  readonly graph: KnowledgeGraph;
  out(id: NodeId, kind: EdgeKind): readonly NodeId[];
  in(id: NodeId, kind: EdgeKind): readonly NodeId[];
  role(id: NodeId): ReturnType<typeof titleRole>;
}

export function createGraphView(graph: KnowledgeGraph): GraphView {
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
  for (const edge of graph.edges) {
    if (edge.kind === 'child') continue;
    add(outgoing, edge.kind, edge.from, edge.to);
    add(incoming, edge.kind, edge.to, edge.from);
  }
  const none: readonly NodeId[] = [];
  const roles = new Map<NodeId, ReturnType<typeof titleRole>>();
  return {
    graph,
    out: (id, kind) => outgoing.get(kind)?.get(id) ?? none,
    in: (id, kind) => incoming.get(kind)?.get(id) ?? none,
    role(id) {
      let role = roles.get(id);
      if (role === undefined) {
        const node = graph.nodes.get(id);
        role = node ? titleRole(normalizeForIndex(node.title)) : null;
        roles.set(id, role);
      }
      return role;
    },
  };
}

function nodeOf(view: GraphView, id: NodeId): KnowledgeNode {
  return view.graph.nodes.get(id) as KnowledgeNode;
}

/** A node's own words: its title unless that only names a role, then its body. */
function ownPart(view: GraphView, node: KnowledgeNode): Part {
  return { nodeId: node.id, heading: view.role(node.id) === null ? node.title : '', text: node.body };
}

/** A node as a fix: its own part, plus its children's when its body says little. */
function fixParts(view: GraphView, node: KnowledgeNode): Part[] {
  const parts = [ownPart(view, node)];
  if (node.body.length < SHORT_BODY) {
    for (const childId of node.childIds.slice(0, MAX_CHILD_PARTS)) {
      const child = nodeOf(view, childId);
      parts.push({ nodeId: child.id, heading: child.title, text: child.body });
    }
  }
  return parts;
}

function hasContent(node: KnowledgeNode): boolean {
  return node.body.trim().length > 0 || node.childIds.length > 0;
}

function isAncestor(view: GraphView, ancestor: NodeId, of: KnowledgeNode): boolean {
  for (let id = of.parentId; id !== null; id = nodeOf(view, id).parentId) if (id === ancestor) return true;
  return false;
}

/**
 * A drawback or introduced problem with no fix of its own (`微服务 > 引入的问题`, `Redis Cluster > 缺点`): the
 * notes it names answer it, else the alternatives beside the thing that has the drawback.
 */
function introducedPlan(view: GraphView, node: KnowledgeNode): Plan | null {
  const named = view
    .out(node.id, 'mentions')
    .map((id) => nodeOf(view, id))
    .filter((n) => n.id !== node.parentId && hasContent(n) && !isAncestor(view, n.id, node));
  const parent = node.parentId === null ? null : nodeOf(view, node.parentId);
  const alternatives =
    parent && parent.parentId !== null
      ? nodeOf(view, parent.parentId)
          .childIds.filter((id) => id !== parent.id)
          .map((id) => nodeOf(view, id))
          .filter(hasContent)
          .slice(0, MAX_ALTERNATIVES)
      : [];
  const fixes = named.length > 0 ? named : alternatives;
  if (fixes.length === 0) return null;
  return {
    pain: [{ nodeId: node.id, heading: node.title, text: node.body, prefix: parent?.title ?? '' }],
    fix: fixes.map((n) => ownPart(view, n)),
  };
}

const MARKER_WORDS =
  /痛点|问题|缺点|原因|弊端|不足|劣势|失败|引入|引进|带来|新的|新|的|drawbacks?|disadvantages?|downsides?|cons|problems?|issues?|introduced|new|\s/g;

/** Cheap test on the raw title before normalizing it: a marker title contains one of these. */
const MARKER_HINT =
  /痛点|問題|问题|缺点|缺點|原因|弊端|不足|劣势|失败|引入|引进|带来|drawback|disadvantage|downside|cons|problem|issue|introduc/i;

/** A pain-like title that only names the role (`缺点`, `引入的问题`, `失败原因`), not a topic of its own. */
function isMarkerTitle(view: GraphView, node: KnowledgeNode): boolean {
  if (node.title.length > MAX_MARKER_TITLE || !MARKER_HINT.test(node.title)) return false;
  const role = view.role(node.id);
  return (
    (role === 'pain' || role === 'introduces') && normalizeForIndex(node.title).replace(MARKER_WORDS, '').length <= 1
  );
}

/*
 * Body patterns, found by searching for a cue and slicing around it (linear in the body; anchored lazy
 * patterns backtrack quadratically on long bodies):
 *   `…；解法：https）…`      pain before the label, fix up to the end of its clause
 *   `痛点…，解决…`           pain before 解决, fix after it
 *   `jenkins + k8s：解决…问题` fix is the title and the text before 解决, pain the 问题 clause after it
 */
const FIX_LABEL = /(?:解法|解决方案|解决办法|对策|solution|fix)\s*[:：]\s*/i;
const SOLVE = /解决了?|solves?|solved|fixed by|addresses/i;
const PAIN_WORD = /痛点|问题|原因|缺点|瓶颈|problem|pain/i;
const CLAUSE = /^[^，,；;。.)）\n]*/;
const LAST_PAIN_WORD = /.*(?:问题|瓶颈|痛点|problems?|issues?)/i;

/** A body that states both a pain and its fix. */
function bodyPlan(node: KnowledgeNode): Plan | null {
  const body = node.body;
  if (!FIX_LABEL.test(body) && !SOLVE.test(body)) return null;
  const own = (heading: string, text: string): Part[] =>
    text.trim().length > 0 || heading.length > 0 ? [{ nodeId: node.id, heading, text: text.trim() }] : [];
  const plan = (pain: Part[], fix: Part[]): Plan => ({ pain, fix });
  const label = FIX_LABEL.exec(body);
  if (label && body.slice(0, label.index).trim().length > 0) {
    const rest = body.slice(label.index + label[0].length);
    const fix = (CLAUSE.exec(rest) as RegExpExecArray)[0];
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

/** Pain children beside fix children: the graph links each pain child to the fix siblings after it. */
function childrenPlan(view: GraphView, node: KnowledgeNode): Plan | null {
  let linked = false;
  for (const c of node.childIds) if (view.out(c, 'pain-fix').length > 0) linked = true;
  if (!linked) return null;
  const siblings = new Set(node.childIds);
  const painKids = node.childIds.filter((c) => view.out(c, 'pain-fix').some((f) => siblings.has(f)));
  const fixKids = [...new Set(painKids.flatMap((c) => view.out(c, 'pain-fix').filter((f) => siblings.has(f))))];
  if (painKids.length === 0) return null;
  return {
    pain: painKids.map((c) => ownPart(view, nodeOf(view, c))),
    fix: fixKids.flatMap((c) => fixParts(view, nodeOf(view, c))),
  };
}

/** Where the notes show both a pain and a fix for this node, or `null` when they do not. */
export function planFor(view: GraphView, id: NodeId): Plan | null {
  const node = view.graph.nodes.get(id);
  if (!node) return null;
  const fixTargets = view.out(id, 'pain-fix');
  if (fixTargets.length > 0) {
    return {
      pain: [ownPart(view, node)],
      fix: fixTargets.flatMap((f) => fixParts(view, nodeOf(view, f))),
    };
  }
  const painSources = view.in(id, 'pain-fix');
  if (painSources.length > 0) {
    return {
      pain: painSources.map((p) => ownPart(view, nodeOf(view, p))),
      fix: fixParts(view, node),
    };
  }
  const children = childrenPlan(view, node);
  if (children) return children;
  if (isMarkerTitle(view, node)) {
    const introduced = introducedPlan(view, node);
    if (introduced) return introduced;
  }
  return bodyPlan(node);
}

/**
 * For any node with content: the pain is its context (the parent's words), the fix its own text and
 * children. A node that itself names a problem reads the other way round.
 */
export function contextPlan(view: GraphView, id: NodeId): Plan | null {
  const node = view.graph.nodes.get(id);
  if (!node) return null;
  const parent = node.parentId === null ? null : nodeOf(view, node.parentId);
  const context: Part[] = parent ? [{ nodeId: parent.id, heading: parent.title, text: parent.body }] : [];
  const role = view.role(id);
  if (role === 'pain' || role === 'introduces') {
    return { pain: [{ nodeId: id, heading: node.title, text: node.body }], fix: context };
  }
  // A top-level note: its title frames the pain and its text is the fix; a bare sentence is only a fix.
  if (!parent) {
    if (!hasContent(node)) return { pain: [], fix: [{ nodeId: id, heading: node.title, text: '' }] };
    return {
      pain: [{ nodeId: id, heading: node.title, text: '' }],
      fix: fixParts(view, { ...node, title: '' }),
    };
  }
  return { pain: context, fix: fixParts(view, node) };
}

/** Text of parts for concept extraction. */
export function partsText(parts: readonly Part[]): string {
  return parts.map((p) => `${p.heading} ${p.text}`).join('\n');
}
