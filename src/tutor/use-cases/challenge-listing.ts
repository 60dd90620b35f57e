/**
 * What the tutor will ask for each daily topic (or the one topic a query resolves to, as `/practice` and
 * `tutor grade --topic` resolve it): prompt, pain and fix concepts, model answer, curated or derived, and the
 * topic's source file:line, so an author can review it (`tutor challenges`); and the notes' pain → fix →
 * new-pain chains (with a query, those passing that topic offers).
 */
import type { Chain, ChainStep, KnowledgeBase } from '../../challenges/types.js';
import type { Challenge, Concept } from '../../grading/types.js';
import type { NodeId } from '../../knowledge/types.js';
import { detectLocale } from '../../text/script.js';
import { t } from '../i18n.js';
import { resolveChallenge } from './grade-topic.js';

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

export type ChallengeList =
  | {
      readonly kind: 'listed';
      readonly listings: readonly ChallengeListing[];
      readonly chains: readonly ChainListing[];
    }
  | { readonly kind: 'unknown-topic' };

/**
 * Every daily topic in posting order, or with a query only the topic it resolves to, daily or not (none
 * listed when that topic has no content to grade).
 */
export function listChallenges(kb: KnowledgeBase, query?: string): ChallengeList {
  let ids: readonly NodeId[] = kb.dailyTopics();
  let chains: readonly Chain[] = kb.chains();
  if (query !== undefined) {
    const target = resolveChallenge(kb, query);
    if (target.kind === 'unknown-topic') return { kind: 'unknown-topic' };
    ids = [target.topic.id];
    chains = kb.chainsFrom(target.topic.id);
  }
  return {
    kind: 'listed',
    listings: ids.flatMap((id) => challengeListing(kb, id) ?? []),
    chains: chains.map(chainListing),
  };
}
