/**
 * The node objects of a built graph. The breadcrumb and the source reference are computed when read, from
 * the parent link and the stored file and line: a 100k-node tree then allocates one object per node instead of
 * three, which is a large share of a load's garbage-collection time (every node survives).
 */
import type { KnowledgeNode, NodeId, SourceRef } from './types.js';

/** Shared by every leaf (most nodes), so a 100k-node tree does not allocate 100k empty arrays. */
const NO_CHILDREN: never[] = [];
Object.freeze(NO_CHILDREN);

export class GraphNode implements KnowledgeNode {
  readonly depth: number;
  readonly parentId: NodeId | null;
  readonly childIds: NodeId[];
  readonly #parent: GraphNode | null;
  readonly #file: string;
  readonly #line: number;
  #path: readonly string[] | undefined;

  constructor(
    readonly id: NodeId,
    readonly title: string,
    readonly body: string,
    parent: GraphNode | null,
    hasChildren: boolean,
    file: string,
    line: number,
  ) {
    this.depth = parent ? parent.depth + 1 : 0;
    this.parentId = parent ? parent.id : null;
    this.childIds = hasChildren ? [] : NO_CHILDREN;
    this.#parent = parent;
    this.#file = file;
    this.#line = line;
  }

  /** Built on first read and kept: only the nodes a user looks at pay for it. */
  get path(): readonly string[] {
    if (this.#path) return this.#path;
    const path = new Array<string>(this.depth + 1);
    path[this.depth] = this.title;
    for (let node = this.#parent, at = this.depth - 1; node; node = node.#parent, at--) path[at] = node.title;
    this.#path = path;
    return path;
  }

  get source(): SourceRef {
    return { file: this.#file, line: this.#line };
  }

  /** The plain-data form (what `JSON.stringify` and test equality see), breadcrumb and source included. */
  toJSON(): KnowledgeNode {
    const { id, title, body, path, depth, parentId, childIds, source } = this;
    return { id, title, body, path, depth, parentId, childIds, source };
  }
}
