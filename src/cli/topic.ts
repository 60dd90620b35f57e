/**
 * `tutor topic <query> [--json] [--limit N] [--knowledge DIR]`: look a topic up in the notes, in Chinese or
 * English, best match first; an unknown query names the nearest topics instead of printing nothing.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { reportCliError, UsageError } from '../app/cli-support.js';
import type { LookupResult, TopicHit } from '../challenges/types.js';
import { loadKnowledgeGraph } from '../knowledge/load.js';
import { createTopicIndex } from '../knowledge/search.js';
import type { Subcommand } from './io.js';
import { resolveKnowledgeDir } from './knowledge.js';

const limitSchema = z.coerce.number().int().min(1).max(100);
const BODY_PREVIEW = 160;

export function topicJson(result: LookupResult): unknown {
  return {
    query: result.query,
    results: result.results.map((hit) => ({
      id: hit.id,
      title: hit.title,
      path: hit.path,
      body: hit.body,
      children: hit.children,
      related: hit.related,
      score: hit.score,
    })),
    ...(result.results.length === 0 ? { nearest: result.nearest } : {}),
  };
}

function renderHit(hit: TopicHit): string {
  const lines = [`${hit.title}  (score ${hit.score})`, `  ${hit.path.join(' › ')}`];
  if (hit.body) lines.push(`  ${hit.body.length > BODY_PREVIEW ? `${hit.body.slice(0, BODY_PREVIEW)}…` : hit.body}`);
  if (hit.children.length > 0) lines.push(`  children: ${hit.children.map((c) => c.title).join(' · ')}`);
  if (hit.related.length > 0)
    lines.push(`  related: ${hit.related.map((r) => `${r.relation} ${r.title}`).join(' · ')}`);
  lines.push(`  id: ${hit.id}`);
  return lines.join('\n');
}

export function renderTopicResult(result: LookupResult): string {
  if (result.results.length > 0) return `${result.results.map(renderHit).join('\n\n')}\n`;
  const nearest = result.nearest.map(
    (n) => `  - ${n.path.map((t) => (t.length > 40 ? `${t.slice(0, 40)}…` : t)).join(' › ')}`,
  );
  return `No topic matches "${result.query}".${nearest.length > 0 ? ` Nearest topics:\n${nearest.join('\n')}` : ' The knowledge base is empty.'}\n`;
}

export const topicCommand: Subcommand = {
  summary: 'Look a topic up: tutor topic <query> [--json] [--limit N]',
  usage: `Usage: tutor topic <query> [--json] [--limit N] [--knowledge DIR]

Finds topics in the notes by title, alias (glossary) or text, in Chinese or English, tolerant of case,
full-width letters and small typos. Best match first (default 5 results, --limit 1..100).
--json prints {"query", "results": [{"id","title","path","body","children","related","score"}]}
(plus "nearest" when nothing matches).`,
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: {
          json: { type: 'boolean', default: false },
          limit: { type: 'string', default: '5' },
          knowledge: { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
      const query = positionals.join(' ').trim();
      if (!query) throw new UsageError('what topic? tutor topic <query>');
      const limit = limitSchema.safeParse(values.limit);
      if (!limit.success) throw new UsageError(`--limit: a whole number from 1 to 100, not "${values.limit}"`);
      const dir = resolveKnowledgeDir(io, values.knowledge);
      const graph = await loadKnowledgeGraph(dir);
      for (const w of graph.warnings.filter((w) => w.severity === 'error')) {
        io.stderr.write(`tutor topic: ${w.file}:${w.line} ${w.message}\n`);
      }
      const result = createTopicIndex(graph).lookup(query, limit.data);
      io.stdout.write(values.json ? `${JSON.stringify(topicJson(result))}\n` : renderTopicResult(result));
      return 0;
    } catch (error) {
      return reportCliError(io, 'topic', error);
    }
  },
};
