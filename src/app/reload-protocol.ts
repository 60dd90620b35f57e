/**
 * What a reload's worker thread sends back. A worker cannot hand over class instances or closures (a graph's
 * nodes compute their breadcrumb from private fields), so nodes travel as columns: strings for ids, titles and
 * bodies, and typed arrays (transferred, not copied) for the parent, file and line of each. They come in chunks,
 * each its own message, so the main thread rebuilds a 10 MB tree in slices between answers.
 */
import type { ParsedOverlay } from '../challenges/overlay.js';
import type { Chain } from '../challenges/types.js';
import type { ToolSources } from '../grading/tools.js';
import type { Edge, GlossaryEntry, LoadWarning, NodeId } from '../knowledge/types.js';

export interface ReloadRequest {
  readonly dir: string;
  /** Nodes (or edges) per message. */
  readonly chunk: number;
}

/** Nodes in graph order (a parent before its children); `parents`, `files`: indexes, -1 for none. */
export interface NodeColumns {
  readonly ids: readonly NodeId[];
  readonly titles: readonly string[];
  readonly bodies: readonly string[];
  /** Titles and bodies in the `normalizeForIndex` form the worker already computed (seconds' worth on this thread). */
  readonly normalizedTitles: readonly string[];
  readonly normalizedBodies: readonly string[];
  readonly parents: Int32Array;
  readonly hasChildren: Uint8Array;
  /** Index into the `sources` message's file list. */
  readonly files: Int32Array;
  readonly lines: Int32Array;
}

export type ReloadMessage =
  | { readonly kind: 'sources'; readonly files: readonly string[] }
  | ({ readonly kind: 'nodes' } & NodeColumns)
  | { readonly kind: 'edges'; readonly edges: readonly Edge[] }
  | {
      readonly kind: 'done';
      readonly roots: readonly NodeId[];
      readonly files: readonly string[];
      readonly warnings: readonly LoadWarning[];
      readonly glossary: readonly GlossaryEntry[];
      /** The overlay resolved against the graph (finding its topics by title costs a quarter second here). */
      readonly overlay: ParsedOverlay;
      readonly overlayWarnings: readonly LoadWarning[];
      readonly dailyTopics: readonly NodeId[];
      /** Found here, or the first passed answer after the swap would find them between answers (see `chains()`). */
      readonly chains: readonly Chain[];
      readonly toolSources: ToolSources;
    }
  | { readonly kind: 'failed'; readonly message: string };
