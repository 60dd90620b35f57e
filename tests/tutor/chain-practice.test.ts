/**
 * Chains in practice, through the tutor and a real store: passing a topic whose fix brings a new pain offers
 * the follow-up (daily and practice), `/practice chain` asks it from the last passed topic, and its answer is
 * graded against the new-pain node.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chain } from '../../src/challenges/types.js';
import type { CommandRequest } from '../../src/tutor/api.js';
import type { CommandName } from '../../src/tutor/commands/spec.js';
import { t } from '../../src/tutor/i18n.js';
import { actor, makeHarness, PLACE, strongAnswer, type Harness } from './harness.js';

let h: Harness;
let chain: Chain;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
  chain = h.kb.chains().find((c) => c.fix.title === '微服务')!;
});
afterEach(async () => {
  await h.cleanup();
});

function run(command: CommandName, options: CommandRequest['options'] = {}) {
  return h.tutor.handleCommand({ actor: actor('ada'), place: PLACE, command, options });
}

/** Feedback speaks the answer's language: these answers are Chinese. */
const offer = () => t('zh', 'chain.offer', { fix: chain.fix.title, pain: chain.pain.title });

describe('/practice chain', () => {
  it('says how to get a follow-up when no passed topic has one', async () => {
    const reply = await run('practice', { topic: 'chain' });
    expect(reply.messages.map((m) => m.errorId)).toEqual(['no-chain']);
  });

  it('offers the follow-up after a passed practice, then asks and grades it against the new pain', async () => {
    expect(chain).toBeDefined();
    await run('practice', { topic: '微服务' });
    const passed = await run('practice-answer', { text: strongAnswer(h.kb, chain.fix.topicId) });
    expect(passed.messages[0]?.tone).toBe('success');
    expect(passed.messages[0]?.text).toContain(offer());

    const asked = await run('practice', { topic: 'chain' });
    const ask = t('en', 'chain.ask-pain', { fix: chain.fix.title, pain: chain.pain.title });
    expect(asked.messages[0]?.text).toContain(`**${ask}**`);
    expect(asked.practice?.title).toContain(chain.newPain.title);

    const good = await run('practice-answer', {
      text: '微服务带来了新的痛点：性能延迟变高，分布式事务难以保证，集成测试复杂，故障诊断困难。',
    });
    expect(good.messages[0]?.tone).toBe('success');
    // A passed follow-up leads nowhere further in these notes: no offer.
    expect(good.messages[0]?.text).not.toContain(
      t('en', 'chain.offer', { fix: chain.fix.title, pain: '' }).slice(0, 10),
    );

    await run('practice', { topic: 'chain' });
    const poor = await run('practice-answer', { text: '微服务让每个团队独立发布，部署更快，没有别的问题。' });
    expect(poor.messages[0]?.tone).toBe('failure');
  });
});

describe('the daily challenge', () => {
  it('offers the follow-up to a learner who passes a topic with one', async () => {
    const channel = await h.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    const { challenge } = await h.store.claimDailyChallenge({
      channelId: channel.id,
      day: '2026-03-02',
      topicId: chain.fix.topicId,
      at: h.clock.now(),
    });
    await h.store.markChallengePosted(challenge.id, { messageId: 'm1', threadId: 't1', at: h.clock.now() });
    const passed = await run('answer', { text: strongAnswer(h.kb, chain.fix.topicId) });
    const feedback = passed.messages.find((m) => m.private && m.tone === 'success');
    expect(feedback?.text).toContain(offer());
    const missed = await h.tutor.handleCommand({
      actor: actor('bob'),
      place: PLACE,
      command: 'answer',
      options: { text: 'No idea about this one at all, sorry, I really do not know it.' },
    });
    expect(missed.messages.map((m) => m.text ?? '').join('\n')).not.toContain(offer());
  });
});
