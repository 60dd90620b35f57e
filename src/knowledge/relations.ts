/**
 * Edges read from titles: pain→fix (`举动-痛点` → `解法/解决方案`; `问题`/`痛点`/`缺点`/`原因` → `方案`/`解决`/`解法`)
 * and introduces (`引入的问题`, `新的问题`: from the node that says it introduces problems to that child; a drawback
 * child, `缺点`/`Disadvantage(s): sharding`, that no fix answers: what the parent, a fix, brings).
 */
import type { Edge, NodeId } from './types.js';

const INTRODUCES =
  /引入的问题|引进的问题|带来的问题|新的问题|新问题|新痛点|副作用|introduced problem|introduces|new problem|side effect/;
const PAIN = /痛点|问题|缺点|原因|弊端|不足|pain|problem|issue|drawback|disadvantage|downside|cons\b/;
const FIX = /解法|解决|方案|对策|办法|solution|fix|remedy|mitigation|workaround/;

export type TitleRole = 'pain' | 'fix' | 'introduces' | null;

/**
 * A pain title naming what is wrong with its parent (`缺点`, `Redis Cluster的缺点`, `Disadvantage(s): sharding`)
 * rather than a problem of its own (`问题`, `原因`). Tested only on titles whose role is already `pain`.
 */
const DRAWBACK =
  /^(?:缺点|缺陷|弊端|劣势|局限|disadvantages?|drawbacks?|downsides?|cons|limitations?)\b|(?:缺点|缺陷|弊端|劣势)$/;

/** Whether a normalized title with the `pain` role names a drawback of its parent. */
export function isDrawbackTitle(normalizedTitle: string): boolean {
  return DRAWBACK.test(normalizedTitle);
}

/** Longer titles are sentences of prose, not the name of a pain or a fix. */
const MAX_ROLE_TITLE_HAN = 12;
const MAX_ROLE_TITLE_LATIN = 40;

/** The role of a node from its normalized title; a title that names both a problem and a fix counts as a fix. */
export function titleRole(normalizedTitle: string): TitleRole {
  const max = /\p{Script=Han}/u.test(normalizedTitle) ? MAX_ROLE_TITLE_HAN : MAX_ROLE_TITLE_LATIN;
  if (normalizedTitle.length > max) return null;
  if (INTRODUCES.test(normalizedTitle)) return 'introduces';
  if (FIX.test(normalizedTitle)) return 'fix';
  if (PAIN.test(normalizedTitle)) return 'pain';
  return null;
}

/** The nodes of one graph by position: siblings sit at consecutive positions. */
export interface RoleTree {
  readonly roles: readonly TitleRole[];
  /** Position of each node's first child (-1: none); its children follow it. */
  readonly firstChild: readonly number[];
  childCount(at: number): number;
  idAt(at: number): NodeId;
  /** Whether the node at a position with the `pain` role names a drawback of its parent (`isDrawbackTitle`). */
  drawbackAt(at: number): boolean;
}

/**
 * Edges among the siblings at positions [start, end) and, recursively, below them: a pain links to its fix
 * children and to the fix siblings that follow it up to the next pain. Iterative: nesting may be arbitrarily deep.
 */
export function relationEdges(tree: RoleTree, start: number, end: number): Edge[] {
  const edges: Edge[] = [];
  const work: { start: number; end: number; parent: NodeId | null }[] = [{ start, end, parent: null }];
  while (work.length > 0) {
    const siblings = work.pop() as (typeof work)[number];
    let openPain = -1;
    // Drawbacks of the parent, each until a fix answers it (then it is a pain with its fix, nothing introduced).
    const drawbacks = new Set<number>();
    for (let at = siblings.start; at < siblings.end; at++) {
      const role = tree.roles[at];
      const id = tree.idAt(at);
      if (role === 'introduces' && siblings.parent !== null) {
        edges.push({ kind: 'introduces', from: siblings.parent, to: id });
      }
      if (role === 'fix' && openPain >= 0) {
        edges.push({ kind: 'pain-fix', from: tree.idAt(openPain), to: id });
        drawbacks.delete(openPain);
      }
      const first = tree.firstChild[at] as number;
      const count = first < 0 ? 0 : tree.childCount(at);
      if (role === 'pain') {
        openPain = at;
        let answered = false;
        for (let child = first; child < first + count; child++) {
          if (tree.roles[child] !== 'fix') continue;
          edges.push({ kind: 'pain-fix', from: id, to: tree.idAt(child) });
          answered = true;
        }
        if (!answered && siblings.parent !== null && tree.drawbackAt(at)) drawbacks.add(at);
      }
      if (count > 0) work.push({ start: first, end: first + count, parent: id });
    }
    for (const at of drawbacks) edges.push({ kind: 'introduces', from: siblings.parent as NodeId, to: tree.idAt(at) });
  }
  return edges;
}
