/**
 * `tutor challenges [--json] [--topic Q] [--knowledge DIR]`: every daily topic with what the tutor will ask —
 * prompt, pain and fix concepts (label, aliases, weight), model answer, curated or derived, and the topic's
 * source file:line — so an author can review it. `--topic` lists the one topic a query resolves to (daily or
 * not), resolved as `tutor grade --topic` and `/practice` resolve it. `chains` lists the notes' pain → fix →
 * new-pain paths (with `--topic`, those passing that topic offers).
 */
import { parseArgs } from 'node:util';
import { reportCliError, UsageError } from '../app/cli-support.js';
import { loadKnowledgeBase } from '../challenges/knowledge-base.js';
import type { Chain, ChainStep, KnowledgeBase } from '../challenges/types.js';
import type { Challenge, Concept } from '../grading/types.js';
import type { NodeId } from '../knowledge/types.js';
import { t } from '../tutor/i18n.js';
import { detectLocale } from '../text/script.js';
import type { Subcommand } from './io.js';
import { resolveKnowledgeDir } from './knowledge.js';

export interface ChallengeListing {
  readonly topicId: string;
  readonly title: string;
  readonly path: readonly string[];
  readonly file: string;
  readonly line: number;
  readonly source: 'curated' | 'derived';
  readonly prompt: string;
  readonly pain: readonly { readonly label: string; readonly aliases: readonly string[]; readonly weight: number }[];
  readonly fix: ChallengeListing['pain'];
  readonly modelAnswer: string;
}

/** A pain → fix → new-pain path, with where the new pain is written. */
export interface ChainListing {
  readonly pain: ChainStep;
  readonly fix: ChainStep;
  readonly newPain: ChainStep;
  readonly file: string;
  readonly line: number;
}

const stepJson = (s: ChainStep): ChainStep => ({ topicId: s.topicId, title: s.title });

export function chainListing(chain: Chain): ChainListing {
  return {
    pain: stepJson(chain.pain),
    fix: stepJson(chain.fix),
    newPain: stepJson(chain.newPain),
    file: chain.source.file,
    line: chain.source.line,
  };
}

function renderChain(c: ChainListing): string {
  return `${c.pain.title} → ${c.fix.title} → ${c.newPain.title}  ${c.file}:${c.line}`;
}

const conceptJson = (c: Concept) => ({ label: c.label, aliases: [...c.aliases], weight: c.weight });

/** The prompt a learner sees: the challenge's own, else the standard ask in the notes' language. */
function promptOf(challenge: Challenge): string {
  return challenge.prompt ?? t(detectLocale(`${challenge.title} ${challenge.modelAnswer}`), 'challenge.ask');
}

export function challengeListing(kb: KnowledgeBase, topicId: NodeId): ChallengeListing | null {
  const challenge = kb.challengeFor(topicId);
  const node = kb.graph.nodes.get(topicId);
  if (!challenge || !node) return null;
  return {
    topicId,
    title: challenge.title,
    path: challenge.path,
    file: node.source.file,
    line: node.source.line,
    source: challenge.origin,
    prompt: promptOf(challenge),
    pain: challenge.pain.map(conceptJson),
    fix: challenge.fix.map(conceptJson),
    modelAnswer: challenge.modelAnswer,
  };
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

export const challengesCommand: Subcommand = {
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
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: {
          json: { type: 'boolean', default: false },
          topic: { type: 'string' },
          knowledge: { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; use --topic <query>`);
      const kb = await loadKnowledgeBase(resolveKnowledgeDir(io, values.knowledge));
      let ids: readonly NodeId[] = kb.dailyTopics();
      let chains: readonly Chain[] = kb.chains();
      if (values.topic !== undefined) {
        const resolution = kb.resolveTopic(values.topic);
        if (!resolution.found) {
          const message = `no topic matches "${values.topic}"`;
          if (values.json) io.stdout.write(`${JSON.stringify({ error: { id: 'unknown-topic', message } })}\n`);
          else io.stderr.write(`tutor challenges: ${message}\n`);
          return 1;
        }
        ids = [resolution.topic.id];
        chains = kb.chainsFrom(resolution.topic.id);
      }
      const listings = ids.flatMap((id) => challengeListing(kb, id) ?? []);
      const chainListings = chains.map(chainListing);
      const chainText =
        chainListings.length > 0
          ? `\nchains (pain → fix → new pain):\n${chainListings.map(renderChain).join('\n')}\n`
          : '';
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ challenges: listings, chains: chainListings })}\n`
          : `${listings.map(renderListing).join('\n\n')}\n${chainText}${listings.length} topic${listings.length === 1 ? '' : 's'}\n`,
      );
      return 0;
    } catch (error) {
      return reportCliError(io, 'challenges', error);
    }
  },
};
