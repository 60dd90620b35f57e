/**
 * A stable order of topics spread across the tree: each subtree's topics are interleaved round-robin with
 * its siblings' (recursively, from the roots down), so consecutive days visit different branches instead of
 * walking one branch to the end.
 */
import type { KnowledgeGraph, NodeId } from '../knowledge/types.js';

function interleave(lists: readonly (readonly NodeId[])[]): NodeId[] {
  const out: NodeId[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i] as NodeId);
  return out;
}

/** The selected nodes in spread order; deterministic for a given graph. */
export function spreadOrder(graph: KnowledgeGraph, selected: ReadonlySet<NodeId>): NodeId[] {
  // Parents precede children in pre-order; walking it backwards finishes every child before its parent.
  const preorder: NodeId[] = [];
  const stack = [...graph.roots].reverse();
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    preorder.push(id);
    const node = graph.nodes.get(id);
    if (node) for (let i = node.childIds.length - 1; i >= 0; i--) stack.push(node.childIds[i] as NodeId);
  }
  const lists = new Map<NodeId, NodeId[]>();
  for (let i = preorder.length - 1; i >= 0; i--) {
    const id = preorder[i] as NodeId;
    const childIds = graph.nodes.get(id)?.childIds ?? [];
    const below: NodeId[][] = [];
    for (const c of childIds) {
      const list = lists.get(c);
      if (list) {
        below.push(list);
        lists.delete(c);
      }
    }
    const merged = below.length === 1 ? (below[0] as NodeId[]) : interleave(below);
    if (selected.has(id)) merged.unshift(id);
    if (merged.length > 0) lists.set(id, merged);
  }
  return interleave(graph.roots.map((r) => lists.get(r) ?? []));
}
