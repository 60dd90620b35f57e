/**
 * `tutor knowledge check [--json] [--knowledge DIR]`: load the notes and glossary and report what was read —
 * files, nodes, edges by kind, glossary entries — and every warning with file:line. Exit 1 when any warning
 * is an error. The report itself is the app's (`app/knowledge-report.ts`); this is its text and the command.
 */
import { resolveKnowledgeDir, UsageError } from '../app/cli-support.js';
import { knowledgeReport, reportJson, type KnowledgeReport } from '../app/knowledge-report.js';
import { defineSubcommand, JSON_OPTION, KNOWLEDGE_OPTION } from './options.js';

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
  const { errors, warnings } = report;
  lines.push(errors === 0 ? `OK (${warnings} warning(s))` : `${errors} error(s), ${warnings} warning(s)`);
  return `${lines.join('\n')}\n`;
}

export const knowledgeCommand = defineSubcommand({
  name: 'knowledge',
  summary: 'knowledge check [--json]: load the notes and report nodes, edges, challenges, warnings',
  usage: `Usage: tutor knowledge check [--json] [--knowledge DIR]

Loads every note file (.txt, .outline, .md, .markdown) and glossary.json under the knowledge directory
(--knowledge, else TUTOR_KNOWLEDGE, default ./knowledge) and prints counts of files, nodes, edges by kind and
glossary entries; then the challenges: curated (challenges.json, each with the topic path it resolved to) and
derived counts, and overlay entries whose topic matches no node or several. Every warning has file:line.
Exits 1 when any warning is an error.`,
  options: { ...JSON_OPTION, ...KNOWLEDGE_OPTION },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1 || positionals[0] !== 'check') {
      throw new UsageError('expected: tutor knowledge check [--json] [--knowledge DIR]');
    }
    const dir = resolveKnowledgeDir(io, values.knowledge);
    const report = await knowledgeReport(dir);
    io.stdout.write(values.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : renderReport(report));
    return report.errors > 0 ? 1 : 0;
  },
});
