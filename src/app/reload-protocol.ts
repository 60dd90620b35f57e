/**
 * What a reload's worker thread sends back: only structured-cloneable data (a worker cannot hand over class
 * instances or closures). Nodes and edges come in chunks, each its own message, so the main thread decodes a
 * 10 MB tree in slices between answers instead of in one long pause.
 */
import type { OverlaySource } from '../challenges/knowledge-base.js';
import type { Edge, GlossaryEntry, KnowledgeNode, LoadWarning, NodeId } from '../knowledge/types.js';

export interface ReloadRequest {
  readonly dir: string;
  /** Nodes (or edges) per message. */
  readonly chunk: number;
}

export type ReloadMessage =
  | { readonly kind: 'nodes'; readonly nodes: readonly KnowledgeNode[] }
  | { readonly kind: 'edges'; readonly edges: readonly Edge[] }
  | {
      readonly kind: 'done';
      readonly roots: readonly NodeId[];
      readonly files: readonly string[];
      readonly warnings: readonly LoadWarning[];
      readonly glossary: readonly GlossaryEntry[];
      readonly overlay?: OverlaySource;
      readonly overlayWarnings: readonly LoadWarning[];
      readonly dailyTopics: readonly NodeId[];
    }
  | { readonly kind: 'failed'; readonly message: string };
