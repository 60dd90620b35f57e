/**
 * Spaced review on Slack through the real Bolt app and the real core: `/tutor review` and
 * `/tutor progress` answer only the learner (ephemeral), and a reminder is a direct message to the user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmGradingTools } from '../../src/grading/tools.js';
import { escapeSlack } from '../../src/platforms/slack/render.js';
import { t } from '../../src/tutor/i18n.js';
import { CHANNEL, commandReplies, startSlackHarness, visibleText, type SlackHarness } from './harness.js';

const DAY = 86_400_000;
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  // As `tutor start` does: the first graded answer must not wait for the dictionaries.
  warmGradingTools(h.services.knowledge.current().graph);
});
afterAll(async () => {
  await h.close();
});

/** `/tutor <text>` from Ada and its replies, once `count` of them have arrived. */
const run = (text: string, count = 1) => commandReplies(h, text, 'U0ADA', count);

describe('Slack /tutor review', () => {
  it('asks, grades and reports privately', async () => {
    const none = await run('review next');
    expect(none.types).toEqual(['ephemeral']);
    expect(none.text).toContain(escapeSlack(t('en', 'review.no-cards')));

    await run('challenge');
    expect((await h.scheduler.runDue(h.clock.now())).posted).toBe(1);
    const [open] = await h.services.store.openChallenges();
    const challenge = h.services.knowledge.current().challengeFor(open!.topicId)!;
    await run(`answer ${challenge.modelAnswer}`, 2);
    h.clock.advance(30 * DAY);

    const asked = await run('review next');
    expect(asked.types).toEqual(['ephemeral']);
    expect(asked.text).toContain(escapeSlack(t('en', 'review.title', { title: challenge.title })));
    const graded = await run(`review answer ${challenge.modelAnswer}`);
    expect(graded.types).toEqual(['ephemeral']);
    expect(graded.text).toMatch(/该主题将在 \d+ 天后复习。/);

    const progress = await run('progress');
    expect(progress.types).toEqual(['ephemeral']);
    expect(progress.text).toContain(escapeSlack(t('en', 'progress.title', { name: 'Ada' })));
  });

  it('sends a private message to the user’s direct messages', async () => {
    const since = h.fake.mark();
    await h.adapter.outbox.sendPrivate(
      { platform: 'slack', workspaceId: h.fake.teamId, userId: 'U0ADA' },
      { title: 'Time to review', text: '<!channel> 2 topic(s) due', tone: 'neutral', private: true },
    );
    const sent = await h.fake.waitFor('chat.postMessage', (a) => a.channel === 'U0ADA', since);
    expect(sent.args.channel).not.toBe(CHANNEL);
    expect(visibleText(sent.args)).toContain('Time to review');
    expect(JSON.stringify(sent.args)).not.toContain('<!channel>');
  });
});
