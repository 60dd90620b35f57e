/** The knowledge graph's data model: what every layer above `knowledge/` may read. */

export type NodeId = string;

/** Where a node or a warning comes from: a path relative to the knowledge root, 1-based line. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

export interface KnowledgeNode {
  /** Stable across edits elsewhere in the file: derived from the path of titles (+ sibling ordinal when titles repeat). */
  readonly id: NodeId;
  readonly title: string;
  /** Text after `title：`; empty when the line had no body. */
  readonly body: string;
  /** Breadcrumb of titles from the root down to and including this node. */
  readonly path: readonly string[];
  /** 0 for a top-level note. */
  readonly depth: number;
  readonly parentId: NodeId | null;
  readonly childIds: readonly NodeId[];
  readonly source: SourceRef;
}

export type EdgeKind = 'child' | 'mentions' | 'pain-fix' | 'introduces';

export interface Edge {
  readonly kind: EdgeKind;
  readonly from: NodeId;
  readonly to: NodeId;
}

export type WarningSeverity = 'warning' | 'error';

export interface LoadWarning {
  readonly file: string;
  readonly line: number;
  /** Stable identifier, e.g. `invalid-utf8`, `nul-byte`, `file-too-large`, `empty-file`, `orphan-indent`. */
  readonly code: string;
  readonly message: string;
  readonly severity: WarningSeverity;
}

/** One glossary entry: a set of interchangeable terms; the first is the canonical label. */
export interface GlossaryEntry {
  readonly terms: readonly string[];
}

export interface Glossary {
  readonly entries: readonly GlossaryEntry[];
  /** Every term equivalent to `term` (itself included), after normalization; empty when unknown. */
  synonyms(term: string): readonly string[];
}

export interface KnowledgeGraph {
  readonly nodes: ReadonlyMap<NodeId, KnowledgeNode>;
  readonly roots: readonly NodeId[];
  readonly edges: readonly Edge[];
  /** Note files that were read, relative to the knowledge root. */
  readonly files: readonly string[];
  readonly warnings: readonly LoadWarning[];
  readonly glossary: Glossary;
}
