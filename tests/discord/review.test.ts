/**
 * Spaced review on Discord through the real discord.js client and the real core: `/review` replies only to
 * the learner (ephemeral), and a reminder is a DM through the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmGradingTools } from '../../src/grading/tools.js';
import { t } from '../../src/tutor/i18n.js';
import { goodAnswer, startDiscordHarness, str, sub, type DiscordHarness } from './harness.js';

type Json = Record<string, unknown>;
const EPHEMERAL = 64;
const DAY = 86_400_000;
const dataOf = (r: { body: Json | null }) => (r.body?.data ?? {}) as Json;
const embedTitles = (data: Json) => ((data.embeds ?? []) as Json[]).map((e) => e.title);
const embedText = (data: Json) =>
  [data.content, ...((data.embeds ?? []) as Json[]).flatMap((e) => [e.title, e.description])].join('\n');

describe('Discord /review', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
    // As `tutor start` does: the first graded answer must not wait for the dictionaries.
    warmGradingTools(h.services.knowledge.current().graph);
  });

  /** The reply's data, whether sent at once or, after a deferral, by editing the original response. */
  async function replyOf(name: string, options: Parameters<DiscordHarness['command']>[2]) {
    const sent = h.fake.slashCommand(h.members.ada, name, options ?? []);
    const callback = await sent.callback();
    expect(dataOf(callback).flags).toBe(EPHEMERAL);
    if (callback.body?.type !== 5) return dataOf(callback);
    const edit = await h.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${sent.token}/messages/@original`),
    );
    return edit.body ?? {};
  }
  afterAll(async () => {
    await h.close();
  });

  it('asks and grades a review privately', async () => {
    expect(embedText(await replyOf('review', [sub('next')]))).toContain(t('en', 'review.no-cards'));

    await h.postDaily();
    const challenge = await h.challenge();
    await h.command(h.members.ada, 'answer', [str('text', goodAnswer(challenge))]);
    h.clock.advance(30 * DAY);

    const asked = await replyOf('review', [sub('next')]);
    expect(embedTitles(asked)).toEqual([t('en', 'review.title', { title: challenge.title })]);

    const graded = await replyOf('review', [sub('answer', [str('text', goodAnswer(challenge))])]);
    expect(embedText(graded)).toMatch(/Next review of this topic in \d+ day\(s\)\./);
  });

  it('sends a private message as a DM, mentioning nobody', async () => {
    await h.adapter.outbox.sendPrivate(
      { platform: 'discord', workspaceId: h.fake.guildId, userId: h.members.bob.user.id },
      { title: 'Time to review', text: '@everyone 2 topic(s) due', tone: 'neutral', private: true },
    );
    const open = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === '/users/@me/channels' && r.body?.recipient_id === h.members.bob.user.id,
    );
    expect(open.body).toEqual({ recipient_id: h.members.bob.user.id });
    const dm = [...h.fake.channels.values()].find((c) => c.recipient?.id === h.members.bob.user.id);
    const sent = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dm?.id}/messages`);
    expect(sent.body?.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(sent.body)).toContain('Time to review');
  });
});
