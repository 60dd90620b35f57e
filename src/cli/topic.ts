/**
 * `tutor topic <query> [--json] [--limit N] [--knowledge DIR]`: look a topic up in the notes, in Chinese or
 * English, best match first (the same resolution as `tutor grade --topic` and `/practice`). An unknown query
 * names the close topics, if any, and exits 1 (the one rule for an unknown topic, as `tutor grade`).
 */
import { z } from 'zod';
import { loadCliKnowledge, UsageError } from '../app/cli-support.js';
import { lookUpTopic, type LookupResult, type TopicHit } from '../tutor/use-cases/look-up.js';
import { defineSubcommand, JSON_OPTION, KNOWLEDGE_OPTION, restText } from './options.js';

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

export function renderTopicResult(result: LookupResult, emptyKnowledge = false): string {
  if (result.results.length > 0) return `${result.results.map(renderHit).join('\n\n')}\n`;
  const nearest = result.nearest.map(
    (n) => `  - ${n.path.map((t) => (t.length > 40 ? `${t.slice(0, 40)}…` : t)).join(' › ')}`,
  );
  const more = emptyKnowledge
    ? ' The knowledge base is empty.'
    : nearest.length > 0
      ? ` Close topics:\n${nearest.join('\n')}`
      : '';
  return `No topic matches "${result.query}".${more}\n`;
}

export const topicCommand = defineSubcommand({
  name: 'topic',
  summary: 'Look a topic up: tutor topic <query> [--json] [--limit N]',
  usage: `Usage: tutor topic <query> [--json] [--limit N] [--knowledge DIR]

Finds topics in the notes by title, alias (glossary) or text, in Chinese or English, tolerant of case,
full-width letters and small typos. Best match first (default 5 results, --limit 1..100).
--json prints {"query", "results": [{"id","title","path","body","children","related","score"}]}
(plus "nearest" when nothing matches: topics above a similarity floor, possibly none).
Exit 0 when a topic was found, 1 when none matches (as \`tutor grade\`), 2 for usage errors.`,
  options: { ...JSON_OPTION, limit: { type: 'string', default: '5' }, ...KNOWLEDGE_OPTION },
  positionals: true,
  async run({ values, positionals }, io) {
    const query = restText(positionals, 'what topic? tutor topic <query>');
    const limit = limitSchema.safeParse(values.limit);
    if (!limit.success) throw new UsageError(`--limit: a whole number from 1 to 100, not "${values.limit}"`);
    const { result, emptyKnowledge, loadErrors } = lookUpTopic(
      await loadCliKnowledge(io, values.knowledge),
      query,
      limit.data,
    );
    for (const w of loadErrors) io.stderr.write(`tutor topic: ${w.file}:${w.line} ${w.message}\n`);
    io.stdout.write(values.json ? `${JSON.stringify(topicJson(result))}\n` : renderTopicResult(result, emptyKnowledge));
    return result.results.length > 0 ? 0 : 1;
  },
});
