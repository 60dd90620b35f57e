/**
 * `buildGraph`: parsed note files → the knowledge graph (stable ids, breadcrumbs, child / mentions / pain-fix /
 * introduces edges). Pure: the loader reads files, tests and benches pass text straight in.
 */
import { EMPTY_GLOSSARY } from './glossary.js';
import { nodeId } from './ids.js';
import { normalizeForIndex } from '../text/tokenize.js';
import { normalizeBody, rememberNormalized, type NormalizedNodes } from './normalized.js';
import { parseMarkdown } from './markdown.js';
import { findMentions } from './mentions.js';
import { parseOutline } from './outline.js';
import type { OutlineItem, ParsedNotes } from './outline-tree.js';
import { relationEdges, titleRole, type RoleTree, type TitleRole } from './relations.js';
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

interface MutableNode {
  readonly id: NodeId;
  readonly title: string;
  readonly body: string;
  readonly path: readonly string[];
  readonly depth: number;
  readonly parentId: NodeId | null;
  readonly childIds: NodeId[];
  readonly source: { readonly file: string; readonly line: number };
}

/** Shared by every leaf (most nodes), so a 100k-node tree does not allocate 100k empty arrays. */
const NO_CHILDREN: never[] = [];
Object.freeze(NO_CHILDREN);

/** Lists of up to this many siblings find same-titled earlier siblings by scanning, not with a map. */
const SMALL_LEVEL = 16;

/** Ordinal of each item among earlier siblings with the same title, for ids that stay unique. */
function ordinals(items: readonly OutlineItem[]): number[] {
  const result = new Array<number>(items.length).fill(0);
  if (items.length <= SMALL_LEVEL) {
    for (let i = 1; i < items.length; i++) {
      const title = (items[i] as OutlineItem).title;
      let n = 0;
      for (let j = 0; j < i; j++) if ((items[j] as OutlineItem).title === title) n++;
      result[i] = n;
    }
    return result;
  }
  const count = new Map<string, number>();
  items.forEach((item, i) => {
    const n = count.get(item.title) ?? 0;
    count.set(item.title, n + 1);
    result[i] = n;
  });
  return result;
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
  const order: MutableNode[] = [];
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
    fileRoots.push({ start: order.length, end: order.length + parsed.roots.length });
    // Depth-first, iteratively (nesting may be arbitrarily deep): items still to expand, with their node's position.
    const pendingItems: OutlineItem[] = [];
    const pendingAt: number[] = [];
    addLevel(file.path, parsed.roots, -1);
    while (pendingItems.length > 0) {
      const item = pendingItems.pop() as OutlineItem;
      addLevel(file.path, item.children, pendingAt.pop() as number);
    }

    /** Creates the nodes of one list of siblings, then queues those with children, first sibling on top. */
    function addLevel(filePath: string, items: readonly OutlineItem[], parentAt: number): void {
      const parent = parentAt >= 0 ? (order[parentAt] as MutableNode) : null;
      const ords = ordinals(items);
      const first = order.length;
      if (parentAt >= 0) firstChild[parentAt] = first;
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as OutlineItem;
        const id = uniqueId(nodeId(parent ? parent.id : filePath, item.title, ords[i] as number), filePath, item.line);
        let path: string[];
        if (parent) {
          path = parent.path.slice();
          path.push(item.title);
        } else path = [item.title];
        const node: MutableNode = {
          id,
          title: item.title,
          body: item.body,
          path,
          depth: parent ? parent.depth + 1 : 0,
          parentId: parent ? parent.id : null,
          childIds: item.children.length > 0 ? [] : NO_CHILDREN,
          source: { file: filePath, line: item.line },
        };
        nodes.set(id, node);
        order.push(node);
        parents.push(parentAt);
        firstChild.push(-1);
        const title = normalizeForIndex(item.title);
        titles.push(title);
        bodies.push(normalizeBody(item.body));
        roles.push(titleRole(title));
        if (parent) {
          parent.childIds.push(id);
          edges.push({ kind: 'child', from: parent.id, to: id });
        } else roots.push(id);
      }
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i] as OutlineItem;
        if (item.children.length === 0) continue;
        pendingItems.push(item);
        pendingAt.push(first + i);
      }
    }
  }

  const tree: RoleTree = {
    roles,
    firstChild,
    childCount: (at) => (order[at] as MutableNode).childIds.length,
    idAt: (at) => (order[at] as MutableNode).id,
  };
  for (const { start, end } of fileRoots) edges.push(...relationEdges(tree, start, end));

  const normalized: NormalizedNodes = { titles, bodies, parents: Int32Array.from(parents) };
  const mentions = findMentions(normalized, glossary);
  for (let from = 0; from < mentions.length; from++) {
    for (const to of mentions[from] as number[]) {
      edges.push({ kind: 'mentions', from: (order[from] as MutableNode).id, to: (order[to] as MutableNode).id });
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
