/**
 * Chains (pain → fix → new pain) in practice: passing a topic whose fix brings a new pain in the notes offers
 * the follow-up, and `/practice chain` asks it, from the learner's last passed topic that has one. The waiting
 * practice names the follow-up as `chain:<new-pain node id>` (node ids are `n…`), so answering it grades
 * against the new-pain node, not the topic that node belongs to.
 */
import type { Chain, KnowledgeBase } from '../../challenges/types.js';
import type { Locale } from '../../domain/vocabulary.js';
import type { Challenge } from '../../grading/types.js';
import type { Actor, CommandReply } from '../api.js';
import { userRef, type Core } from '../core.js';
import { refusal } from '../errors.js';
import { t } from '../i18n.js';

/** What `/practice` takes to start a chain rather than look a topic up. */
export const CHAIN_QUERY = 'chain';
const CHAIN_PREFIX = 'chain:';
/** Passed topics looked at, most recent first, for one with a follow-up. */
const RECENT_PASSED = 20;

export function isChainQuery(query: string): boolean {
  return query.trim().toLowerCase() === CHAIN_QUERY;
}

/** The practice topic id of a chain's follow-up. */
export const chainPracticeId = (chain: Chain): string => `${CHAIN_PREFIX}${chain.newPain.topicId}`;

/** What a waiting practice asks: a chain's follow-up (in `locale`) or a topic's challenge; `null`: gone from the notes. */
export function practiceContent(kb: KnowledgeBase, practiceId: string, locale: Locale): Challenge | null {
  if (!practiceId.startsWith(CHAIN_PREFIX)) return kb.challengeFor(practiceId);
  const newPainId = practiceId.slice(CHAIN_PREFIX.length);
  const chain = kb.chains().find((c) => c.newPain.topicId === newPainId);
  return chain ? followUp(kb, chain, locale) : null;
}

/** "Y fixed X. What new pain does Y bring (and what fixes it)?": the second half only when the notes give a fix. */
function followUp(kb: KnowledgeBase, chain: Chain, locale: Locale): Challenge | null {
  const content = kb.chainChallenge(chain.newPain.topicId);
  if (!content) return null;
  const hasFix = content.fix.length > 0 || Boolean(content.reference?.fix);
  const params = { fix: chain.fix.title, pain: chain.pain.title };
  return { ...content, prompt: t(locale, hasFix ? 'chain.ask' : 'chain.ask-pain', params) };
}

/** The first chain passing this topic offers (its concepts are weighed only when it is asked). */
function offeredChain(kb: KnowledgeBase, topicId: string): Chain | null {
  return kb.chainsFrom(topicId)[0] ?? null;
}

/** The line a passed answer adds when the topic leads on to a new pain; `null` when it does not. */
export function chainOffer(kb: KnowledgeBase, topicId: string, locale: Locale): string | null {
  const chain = offeredChain(kb, topicId);
  return chain ? t(locale, 'chain.offer', { fix: chain.fix.title, pain: chain.pain.title }) : null;
}

/**
 * The follow-up of the learner's most recently passed topic that has one, or a refusal saying how to get one.
 * `begin` starts the practice (the same waiting practice as any `/practice`).
 */
export async function startChainPractice(
  core: Core,
  actor: Actor,
  begin: (content: Challenge, practiceId: string) => Promise<CommandReply>,
): Promise<CommandReply> {
  const kb = core.knowledge();
  const passed = await core.store.lastPassedTopics(userRef(actor), RECENT_PASSED);
  for (const topicId of passed) {
    for (const chain of kb.chainsFrom(topicId)) {
      const content = followUp(kb, chain, actor.locale);
      if (content) return begin(content, chainPracticeId(chain));
    }
  }
  return { messages: [refusal(actor.locale, 'no-chain', 'chain.none')] };
}
