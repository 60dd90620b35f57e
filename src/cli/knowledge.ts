/**
 * `tutor knowledge check [--json] [--knowledge DIR]`: load the notes and glossary and report what was read —
 * files, nodes, edges by kind, glossary entries — and every warning with file:line. Exit 1 when any warning
 * is an error. Further sections (e.g. challenges) plug in as `ReportSection` providers.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reportCliError, UsageError } from '../app/cli-support.js';
import { challengeReportFor, curatedLines } from '../challenges/report.js';
import { loadConfig } from '../config/config.js';
import { loadKnowledgeGraph } from '../knowledge/load.js';
import { countBySeverity } from '../knowledge/severity.js';
import type { EdgeKind, KnowledgeGraph, LoadWarning } from '../knowledge/types.js';
import type { CliIo, Subcommand } from './io.js';

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
}

/** `--knowledge DIR`, else `TUTOR_KNOWLEDGE` (default ./knowledge), relative to the working directory. */
export function resolveKnowledgeDir(io: CliIo, option: string | undefined): string {
  return path.resolve(io.cwd, option ?? loadConfig(io.env).knowledgeDir);
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

export async function buildKnowledgeReport(
  dir: string,
  graph: KnowledgeGraph,
  providers: readonly SectionProvider[] = REPORT_SECTIONS,
): Promise<KnowledgeReport> {
  const sections: ReportSection[] = [];
  for (const provider of providers) sections.push(await provider(graph, dir));
  const { errors } = countBySeverity(sections.flatMap((s) => s.warnings));
  return { dir, sections, errors };
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

function formatCount(value: number | Readonly<Record<string, number>>): string {
  return typeof value === 'number'
    ? String(value)
    : Object.entries(value)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
}

export function renderReport(report: KnowledgeReport): string {
  const lines = [`Knowledge in ${report.dir}`];
  for (const section of report.sections) {
    lines.push(`${section.name}:`);
    for (const [key, value] of Object.entries(section.counts)) lines.push(`  ${key}: ${formatCount(value)}`);
    for (const item of section.items ?? []) lines.push(`  ${item.text}`);
    for (const w of section.warnings) lines.push(`  ${w.severity} ${w.file}:${w.line} [${w.code}] ${w.message}`);
  }
  const { errors, warnings } = countBySeverity(report.sections.flatMap((s) => s.warnings));
  lines.push(errors === 0 ? `OK (${warnings} warning(s))` : `${errors} error(s), ${warnings} warning(s)`);
  return `${lines.join('\n')}\n`;
}

export const knowledgeCommand: Subcommand = {
  summary: 'knowledge check [--json]: load the notes and report nodes, edges, challenges, warnings',
  usage: `Usage: tutor knowledge check [--json] [--knowledge DIR]

Loads every note file (.txt, .outline, .md, .markdown) and glossary.json under the knowledge directory
(--knowledge, else TUTOR_KNOWLEDGE, default ./knowledge) and prints counts of files, nodes, edges by kind and
glossary entries; then the challenges: curated (challenges.json, each with the topic path it resolved to) and
derived counts, and overlay entries whose topic matches no node or several. Every warning has file:line.
Exits 1 when any warning is an error.`,
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: { json: { type: 'boolean', default: false }, knowledge: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length !== 1 || positionals[0] !== 'check') {
        throw new UsageError('expected: tutor knowledge check [--json] [--knowledge DIR]');
      }
      const dir = resolveKnowledgeDir(io, values.knowledge);
      const report = await buildKnowledgeReport(dir, await loadKnowledgeGraph(dir));
      io.stdout.write(values.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : renderReport(report));
      return report.errors > 0 ? 1 : 0;
    } catch (error) {
      return reportCliError(io, 'knowledge', error);
    }
  },
};
