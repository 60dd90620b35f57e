/**
 * Edges read from titles: pain→fix (`举动-痛点` → `解法/解决方案`; `问题`/`痛点`/`缺点`/`原因` → `方案`/`解决`/`解法`)
 * and introduces (`引入的问题`, `新的问题`: from the node that says it introduces problems to that child).
 */
import type { Edge, NodeId } from './types.js';

const INTRODUCES =
  /引入的问题|引进的问题|带来的问题|新的问题|新问题|新痛点|副作用|introduced problem|introduces|new problem|side effect/;
const PAIN = /痛点|问题|缺点|原因|弊端|不足|pain|problem|issue|drawback|disadvantage|downside|cons\b/;
const FIX = /解法|解决|方案|对策|办法|solution|fix|remedy|mitigation|workaround/;

export type TitleRole = 'pain' | 'fix' | 'introduces' | null;

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
    for (let at = siblings.start; at < siblings.end; at++) {
      const role = tree.roles[at];
      const id = tree.idAt(at);
      if (role === 'introduces' && siblings.parent !== null) {
        edges.push({ kind: 'introduces', from: siblings.parent, to: id });
      }
      if (role === 'fix' && openPain >= 0) edges.push({ kind: 'pain-fix', from: tree.idAt(openPain), to: id });
      const first = tree.firstChild[at] as number;
      const count = first < 0 ? 0 : tree.childCount(at);
      if (role === 'pain') {
        openPain = at;
        for (let child = first; child < first + count; child++) {
          if (tree.roles[child] === 'fix') edges.push({ kind: 'pain-fix', from: id, to: tree.idAt(child) });
        }
      }
      if (count > 0) work.push({ start: first, end: first + count, parent: id });
    }
  }
  return edges;
}
