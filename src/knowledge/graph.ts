/**
 * `buildGraph`: parsed note files → the knowledge graph (stable ids, breadcrumbs, child / mentions / pain-fix /
 * introduces edges). Pure: the loader reads files, tests and benches pass text straight in.
 */
import { EMPTY_GLOSSARY } from './glossary.js';
import { GraphNode } from './graph-node.js';
import { nodeId } from './ids.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { normalizeBody, rememberNormalized, type NormalizedNodes } from './normalized.js';
import { parseMarkdown } from './markdown.js';
import { findMentions } from './mentions.js';
import { parseOutline } from './outline.js';
import type { ParsedNotes } from './outline-tree.js';
import { isDrawbackTitle, relationEdges, titleRole, type RoleTree, type TitleRole } from './relations.js';
import type { Edge, Glossary, KnowledgeGraph, KnowledgeNode, LoadWarning, NodeId } from './types.js';

export interface NoteFile {
  /** Relative to the knowledge root, with `/` separators. */
  readonly path: string;
  readonly text: string;
}

export const NOTE_EXTENSIONS = ['.txt', '.outline', '.md', '.markdown'] as const;

export function isNoteFile(path: string): boolean {
  const lower = path.toLowerCase();
  return NOTE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function parseNoteFile(file: NoteFile): ParsedNotes {
  const lower = file.path.toLowerCase();
  return lower.endsWith('.md') || lower.endsWith('.markdown')
    ? parseMarkdown(file.text, file.path)
    : parseOutline(file.text, file.path);
}

/** Lists of up to this many siblings find same-titled earlier siblings by scanning, not with a map. */
const SMALL_LEVEL = 16;

/** Ordinal of each of `items` among earlier ones with the same title, for ids that stay unique. */
function ordinals(titles: readonly string[], items: Int32Array): number[] {
  const result = new Array<number>(items.length).fill(0);
  if (items.length <= SMALL_LEVEL) {
    for (let i = 1; i < items.length; i++) {
      const title = titles[items[i] as number];
      let n = 0;
      for (let j = 0; j < i; j++) if (titles[items[j] as number] === title) n++;
      result[i] = n;
    }
    return result;
  }
  const count = new Map<string, number>();
  items.forEach((item, i) => {
    const title = titles[item] as string;
    const n = count.get(title) ?? 0;
    count.set(title, n + 1);
    result[i] = n;
  });
  return result;
}

interface Children {
  /** The children of an item in document order; -1: the top-level items. */
  of(parent: number): Int32Array;
  count(parent: number): number;
}

/** Each item's children as ranges of one packed list. */
function childrenOf(parsed: ParsedNotes): Children {
  const offsets = new Int32Array(parsed.size + 2);
  for (const parent of parsed.parents) offsets[parent + 2]++;
  for (let at = 1; at < offsets.length; at++) offsets[at] = (offsets[at] as number) + (offsets[at - 1] as number);
  const list = new Int32Array(parsed.size);
  const fill = offsets.slice(0, -1);
  parsed.parents.forEach((parent, item) => {
    list[fill[parent + 1] as number] = item;
    fill[parent + 1]++;
  });
  return {
    of: (parent) => list.subarray(offsets[parent + 1] as number, offsets[parent + 2] as number),
    count: (parent) => (offsets[parent + 2] as number) - (offsets[parent + 1] as number),
  };
}

export function buildGraph(
  files: readonly NoteFile[],
  glossary: Glossary = EMPTY_GLOSSARY,
  extraWarnings: readonly LoadWarning[] = [],
): KnowledgeGraph {
  const nodes = new Map<NodeId, KnowledgeNode>();
  // Every node in creation order, as parallel arrays: its node, normalized text, title role and parent's
  // position in this order (-1: a root). Siblings are created together, so a node's children are the
  // positions [firstChild, firstChild + childCount).
  const order: GraphNode[] = [];
  const titles: string[] = [];
  const bodies: string[] = [];
  const roles: TitleRole[] = [];
  const parents: number[] = [];
  const firstChild: number[] = [];
  const roots: NodeId[] = [];
  const warnings: LoadWarning[] = [...extraWarnings];
  const edges: Edge[] = [];
  /** Per file, the positions of its top-level notes. */
  const fileRoots: { readonly start: number; readonly end: number }[] = [];

  for (const file of files) {
    const parsed = parseNoteFile(file);
    warnings.push(...parsed.warnings);
    const children = childrenOf(parsed);
    const topLevel = children.of(-1);
    fileRoots.push({ start: order.length, end: order.length + topLevel.length });
    // Depth-first, iteratively (nesting may be arbitrarily deep): items still to expand, with their node's position.
    const pendingItems: number[] = [];
    const pendingAt: number[] = [];
    addLevel(file.path, topLevel, -1);
    while (pendingItems.length > 0) {
      addLevel(file.path, children.of(pendingItems.pop() as number), pendingAt.pop() as number);
    }

    /** Creates the nodes of one list of siblings, then queues those with children, first sibling on top. */
    function addLevel(filePath: string, items: Int32Array, parentAt: number): void {
      const parent = parentAt >= 0 ? (order[parentAt] as GraphNode) : null;
      const ords = ordinals(parsed.titles, items);
      const first = order.length;
      if (parentAt >= 0) firstChild[parentAt] = first;
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as number;
        const itemTitle = parsed.titles[item] as string;
        const line = parsed.lines[item] as number;
        const id = uniqueId(nodeId(parent ? parent.id : filePath, itemTitle, ords[i] as number), filePath, line);
        const hasChildren = children.count(item) > 0;
        const node = new GraphNode(id, itemTitle, parsed.bodies[item] as string, parent, hasChildren, filePath, line);
        nodes.set(id, node);
        order.push(node);
        parents.push(parentAt);
        firstChild.push(-1);
        const title = normalizeForIndex(itemTitle);
        titles.push(title);
        bodies.push(normalizeBody(node.body));
        roles.push(titleRole(title));
        if (parent) {
          parent.childIds.push(id);
          edges.push({ kind: 'child', from: parent.id, to: id });
        } else roots.push(id);
      }
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i] as number;
        if (children.count(item) === 0) continue;
        pendingItems.push(item);
        pendingAt.push(first + i);
      }
    }
  }

  const tree: RoleTree = {
    roles,
    firstChild,
    childCount: (at) => (order[at] as GraphNode).childIds.length,
    idAt: (at) => (order[at] as GraphNode).id,
    drawbackAt: (at) => isDrawbackTitle(titles[at] as string),
  };
  for (const { start, end } of fileRoots) edges.push(...relationEdges(tree, start, end));

  const normalized: NormalizedNodes = { titles, bodies, parents: Int32Array.from(parents) };
  const mentions = findMentions(normalized, glossary);
  for (let from = 0; from < mentions.length; from++) {
    for (const to of mentions[from] as number[]) {
      edges.push({ kind: 'mentions', from: (order[from] as GraphNode).id, to: (order[to] as GraphNode).id });
    }
  }

  const graph: KnowledgeGraph = { nodes, roots, edges, files: files.map((f) => f.path), warnings, glossary };
  rememberNormalized(graph, normalized);
  return graph;

  function uniqueId(candidate: NodeId, file: string, line: number): NodeId {
    if (!nodes.has(candidate)) return candidate;
    warnings.push({
      file,
      line,
      code: 'id-collision',
      message: 'node id hash collision; id suffixed',
      severity: 'warning',
    });
    let n = 2;
    while (nodes.has(`${candidate}-${n}`)) n++;
    return `${candidate}-${n}`;
  }
}
