/**
 * What `tutor knowledge check` reports of a knowledge folder: files, nodes, edges by kind and glossary entries,
 * then the challenges (curated with their topic paths, derived counts, overlay problems), every warning with
 * file:line. Further sections plug in as `SectionProvider`s.
 */
import { challengeReportFor, curatedLines } from '../challenges/report.js';
import { loadKnowledgeGraph } from '../knowledge/load.js';
import { countBySeverity } from '../knowledge/severity.js';
import type { EdgeKind, KnowledgeGraph, LoadWarning } from '../knowledge/types.js';

export type { LoadWarning };

export type ReportCounts = Readonly<Record<string, number | Readonly<Record<string, number>>>>;

export interface ReportSection {
  readonly name: string;
  readonly counts: ReportCounts;
  readonly warnings: readonly LoadWarning[];
  /** Items listed one per line under the counts (text), and as `items` (JSON). */
  readonly items?: readonly { readonly text: string; readonly json: unknown }[];
}

export type SectionProvider = (graph: KnowledgeGraph, dir: string) => ReportSection | Promise<ReportSection>;

export interface KnowledgeReport {
  readonly dir: string;
  readonly sections: readonly ReportSection[];
  readonly errors: number;
  /** Warnings that are not errors. */
  readonly warnings: number;
}

export function notesSection(graph: KnowledgeGraph): ReportSection {
  const edges: Record<EdgeKind, number> = { child: 0, mentions: 0, 'pain-fix': 0, introduces: 0 };
  for (const edge of graph.edges) edges[edge.kind]++;
  return {
    name: 'notes',
    counts: {
      files: graph.files.length,
      nodes: graph.nodes.size,
      roots: graph.roots.length,
      edges,
      glossaryEntries: graph.glossary.entries.length,
    },
    warnings: graph.warnings,
  };
}

/** Curated and derived challenge counts, each curated challenge with its topic path, and the overlay's problems. */
export async function challengesSection(graph: KnowledgeGraph, dir: string): Promise<ReportSection> {
  const report = await challengeReportFor(graph, dir);
  const lines = curatedLines(report);
  return {
    name: 'challenges',
    counts: report.counts,
    warnings: report.warnings,
    items: report.curated.map((c, i) => ({ text: `curated ${lines[i]}`, json: c })),
  };
}

/** The sections `knowledge check` reports, in order. */
export const REPORT_SECTIONS: readonly SectionProvider[] = [notesSection, challengesSection];

/** Loads the notes of `dir` and reports on them. */
export async function knowledgeReport(
  dir: string,
  providers: readonly SectionProvider[] = REPORT_SECTIONS,
): Promise<KnowledgeReport> {
  const graph = await loadKnowledgeGraph(dir);
  const sections: ReportSection[] = [];
  for (const provider of providers) sections.push(await provider(graph, dir));
  return { dir, sections, ...countBySeverity(sections.flatMap((s) => s.warnings)) };
}

export function reportJson(report: KnowledgeReport): unknown {
  return {
    dir: report.dir,
    ok: report.errors === 0,
    errors: report.errors,
    ...Object.fromEntries(
      report.sections.map((s) => [s.name, s.items ? { ...s.counts, items: s.items.map((i) => i.json) } : s.counts]),
    ),
    warnings: report.sections.flatMap((s) => s.warnings.map((w) => ({ section: s.name, ...w }))),
  };
}
