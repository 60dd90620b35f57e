/**
 * `tutor challenges [--json] [--topic Q] [--knowledge DIR]`: every daily topic with what the tutor will ask —
 * prompt, pain and fix concepts (label, aliases, weight), model answer, curated or derived, and the topic's
 * source file:line — so an author can review it. `--topic` lists the one topic a query resolves to (daily or
 * not), resolved as `tutor grade --topic` and `/practice` resolve it. `chains` lists the notes' pain → fix →
 * new-pain paths (with `--topic`, those passing that topic offers).
 */
import { loadCliKnowledge, UsageError } from '../app/cli-support.js';
import { listChallenges, type ChainListing, type ChallengeListing } from '../tutor/use-cases/challenge-listing.js';
import { defineSubcommand, JSON_OPTION, KNOWLEDGE_OPTION } from './options.js';

function renderChain(c: ChainListing): string {
  return `${c.pain.title} → ${c.fix.title} → ${c.newPain.title}  ${c.file}:${c.line}`;
}

function conceptsText(concepts: ChallengeListing['pain']): string {
  if (concepts.length === 0) return '(none in the notes)';
  return concepts
    .map((c) => `${c.label}${c.aliases.length > 0 ? ` (${c.aliases.join(', ')})` : ''} ×${c.weight}`)
    .join(' · ');
}

function renderListing(c: ChallengeListing): string {
  const indent = (text: string) => text.replace(/\n/g, '\n    ');
  return [
    `${c.path.join(' › ')}  [${c.source}]  ${c.file}:${c.line}`,
    `  prompt: ${indent(c.prompt)}`,
    `  pain:   ${conceptsText(c.pain)}`,
    `  fix:    ${conceptsText(c.fix)}`,
    `  model answer:\n    ${indent(c.modelAnswer)}`,
  ].join('\n');
}

export const challengesCommand = defineSubcommand({
  name: 'challenges',
  summary: 'List the daily topics and what each asks: [--json] [--topic Q]',
  usage: `Usage: tutor challenges [--json] [--topic <query>] [--knowledge DIR]

Lists every daily topic in posting order with what the tutor will ask: the prompt, the pain and fix
concepts (label, aliases, weight), the model answer, whether it is curated or derived, and the topic's
source file:line, so an author can review it. --topic lists only the topic the query resolves to (as
\`tutor grade --topic\` and /practice resolve it), daily or not.
--json prints {"challenges": [{"topicId","title","path","file","line","source","prompt","pain":
[{"label","aliases","weight"}],"fix": [...],"modelAnswer"}], "chains": [{"pain": {"topicId","title"},
"fix": {...},"newPain": {...},"file","line"}]}: chains are the notes' pain → fix → new-pain paths
(where a fix brings a new pain), with --topic those passing that topic offers as /practice chain.
Exit 0, 1 when --topic matches no topic, 2 for usage errors.`,
  options: { ...JSON_OPTION, topic: { type: 'string' }, ...KNOWLEDGE_OPTION },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; use --topic <query>`);
    const list = listChallenges(await loadCliKnowledge(io, values.knowledge), values.topic);
    if (list.kind === 'unknown-topic') {
      const message = `no topic matches "${values.topic}"`;
      if (values.json) io.stdout.write(`${JSON.stringify({ error: { id: 'unknown-topic', message } })}\n`);
      else io.stderr.write(`tutor challenges: ${message}\n`);
      return 1;
    }
    const { listings, chains } = list;
    const chainText =
      chains.length > 0 ? `\nchains (pain → fix → new pain):\n${chains.map(renderChain).join('\n')}\n` : '';
    io.stdout.write(
      values.json
        ? `${JSON.stringify({ challenges: listings, chains })}\n`
        : `${listings.map(renderListing).join('\n\n')}\n${chainText}${listings.length} topic${listings.length === 1 ? '' : 's'}\n`,
    );
    return 0;
  },
});
