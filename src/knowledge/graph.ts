/**
 * `buildGraph`: parsed note files → the knowledge graph (stable ids, breadcrumbs, child / mentions / pain-fix /
 * introduces edges). Pure: the loader reads files, tests and benches pass text straight in.
 */
import { EMPTY_GLOSSARY } from './glossary.js';
import { nodeId } from './ids.js';
import { normalizeNode, rememberNormalized, type NormalizedText } from './normalized.js';
import { parseMarkdown } from './markdown.js';
import { findMentions } from './mentions.js';
import { parseOutline } from './outline.js';
import type { OutlineItem, ParsedNotes } from './outline-tree.js';
import { relationEdges, titleRole, type RoleNode } from './relations.js';
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

interface Pending {
  readonly item: OutlineItem;
  readonly parent: MutableNode | null;
  readonly role: RoleNode & { children: RoleNode[] };
}

/** Ordinal of each item among earlier siblings with the same title, for ids that stay unique. */
function ordinals(items: readonly OutlineItem[]): number[] {
  const count = new Map<string, number>();
  return items.map((item) => {
    const n = count.get(item.title) ?? 0;
    count.set(item.title, n + 1);
    return n;
  });
}

export function buildGraph(
  files: readonly NoteFile[],
  glossary: Glossary = EMPTY_GLOSSARY,
  extraWarnings: readonly LoadWarning[] = [],
): KnowledgeGraph {
  const nodes = new Map<NodeId, KnowledgeNode>();
  const order: MutableNode[] = [];
  const normalized: NormalizedText[] = [];
  const roots: NodeId[] = [];
  const warnings: LoadWarning[] = [...extraWarnings];
  const edges: Edge[] = [];
  const relationRoots: { roots: RoleNode[] }[] = [];

  for (const file of files) {
    const parsed = parseNoteFile(file);
    warnings.push(...parsed.warnings);
    const fileRoles: RoleNode[] = [];
    relationRoots.push({ roots: fileRoles });
    const stack: Pending[] = [];
    const pushLevel = (items: readonly OutlineItem[], parent: MutableNode | null, into: RoleNode[]) => {
      const ords = ordinals(items);
      const level: Pending[] = items.map((item, i) => {
        const id = uniqueId(
          nodeId(parent ? parent.id : file.path, item.title, ords[i] as number),
          file.path,
          item.line,
        );
        const node: MutableNode = {
          id,
          title: item.title,
          body: item.body,
          path: parent ? [...parent.path, item.title] : [item.title],
          depth: parent ? parent.depth + 1 : 0,
          parentId: parent ? parent.id : null,
          childIds: [],
          source: { file: file.path, line: item.line },
        };
        nodes.set(id, node);
        order.push(node);
        const text = normalizeNode(node);
        normalized.push(text);
        const role = { id, role: titleRole(text.title), children: [] as RoleNode[] };
        into.push(role);
        if (parent) {
          parent.childIds.push(id);
          edges.push({ kind: 'child', from: parent.id, to: id });
        } else roots.push(id);
        return { item, parent: node, role };
      });
      for (let i = level.length - 1; i >= 0; i--) stack.push(level[i] as Pending);
    };
    pushLevel(parsed.roots, null, fileRoles);
    while (stack.length > 0) {
      const { item, parent, role } = stack.pop() as Pending;
      if (item.children.length > 0) pushLevel(item.children, parent, role.children);
    }
  }

  for (const { roots: top } of relationRoots) edges.push(...relationEdges(top, null));

  const indexOf = new Map<NodeId, number>();
  order.forEach((node, i) => indexOf.set(node.id, i));
  const mentions = findMentions(
    order.map((node, i) => {
      const { title, body } = normalized[i] as NormalizedText;
      return {
        title,
        text: body.length > 0 ? `${title} ${body}` : title,
        near: [
          ...(node.parentId !== null ? [indexOf.get(node.parentId) as number] : []),
          ...node.childIds.map((c) => indexOf.get(c) as number),
        ],
      };
    }),
    glossary,
  );
  mentions.forEach((targets, from) => {
    for (const to of targets) {
      edges.push({ kind: 'mentions', from: (order[from] as MutableNode).id, to: (order[to] as MutableNode).id });
    }
  });

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
