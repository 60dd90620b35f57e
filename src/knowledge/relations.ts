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

export interface RoleNode {
  readonly id: NodeId;
  readonly role: TitleRole;
  readonly children: readonly RoleNode[];
}

/**
 * Edges among one list of siblings and, recursively, below them: a pain links to its fix children and to the
 * fix siblings that follow it up to the next pain. Iterative: nesting may be arbitrarily deep.
 */
export function relationEdges(topLevel: readonly RoleNode[], parentOfTop: NodeId | null): Edge[] {
  const edges: Edge[] = [];
  const work: { siblings: readonly RoleNode[]; parent: NodeId | null }[] = [
    { siblings: topLevel, parent: parentOfTop },
  ];
  while (work.length > 0) {
    const { siblings, parent } = work.pop() as (typeof work)[number];
    let openPain: RoleNode | null = null;
    for (const node of siblings) {
      if (node.role === 'introduces' && parent !== null) edges.push({ kind: 'introduces', from: parent, to: node.id });
      if (node.role === 'fix' && openPain) edges.push({ kind: 'pain-fix', from: openPain.id, to: node.id });
      if (node.role === 'pain') {
        openPain = node;
        for (const child of node.children) {
          if (child.role === 'fix') edges.push({ kind: 'pain-fix', from: node.id, to: child.id });
        }
      }
      if (node.children.length > 0) work.push({ siblings: node.children, parent: node.id });
    }
  }
  return edges;
}
