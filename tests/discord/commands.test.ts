/**
 * Slash commands on Discord, end to end through the real discord.js client and the real tutor core:
 * autocomplete, lookups, answers, streaks, leaderboards, admin refusal, deferral, failures and reconnects.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommandsCommand } from '../../src/cli/register-commands.js';
import { applicationCommands } from '../../src/platforms/discord/commands-json.js';
import { t } from '../../src/tutor/i18n.js';
import { waitFor } from '../support/wait-for.js';
import { OPTION_TYPE, goodAnswer, startDiscordHarness, str, sub, type DiscordHarness } from './harness.js';

type Json = Record<string, unknown>;

const EPHEMERAL = 64;
const CALLBACK = { reply: 4, defer: 5, autocomplete: 8 } as const;

const dataOf = (r: { body: Json | null }) => (r.body?.data ?? {}) as Json;
const embedsOf = (data: Json) => (data.embeds ?? []) as Json[];
/** Every visible string of a reply's embeds (and its content), unescaped. */
const embedText = (data: Json) =>
  [data.content, ...embedsOf(data).flatMap((e) => [e.title, e.description, JSON.stringify(e.fields ?? [])])].join('\n');

describe('Discord slash commands', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('autocompletes /topic from the knowledge graph within Discord limits', async () => {
    const sent = h.fake.autocomplete(h.members.ada, 'topic', [
      { name: 'query', type: OPTION_TYPE.string, value: '缓存', focused: true },
    ]);
    const callback = await sent.callback();
    expect(callback.body?.type).toBe(CALLBACK.autocomplete);
    const choices = dataOf(callback).choices as { name: string; value: string }[];
    // Exactly the core's choices for the fragment, which are not empty.
    expect(choices).toEqual(h.services.tutor.autocomplete('缓存', 'en'));
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(callback.status).toBe(204);

    const chosen = choices[0] as { name: string; value: string };
    const topic = await h.command(h.members.ada, 'topic', [str('query', chosen.value)]);
    expect(topic.body?.type).toBe(CALLBACK.reply);
    const [embed] = embedsOf(dataOf(topic));
    const [best] = h.services.knowledge.current().lookup(chosen.value).results;
    expect(best).toBeDefined();
    expect(embed?.title).toBe(best!.title);
    expect(dataOf(topic).flags ?? 0).toBe(0);
  });

  it('answers /answer with a public result and the feedback privately, counted in /streak and /leaderboard', async () => {
    await h.postDaily();
    const sent = h.fake.slashCommand(h.members.ada, 'answer', [str('text', goodAnswer(await h.challenge()))]);
    const answer = await sent.callback();
    expect(answer.body?.type).toBe(CALLBACK.reply);
    expect(dataOf(answer).flags ?? 0).toBe(0);
    expect(embedText(dataOf(answer))).toContain(
      t('en', 'answer.public', { name: 'ada', score: 94, mark: t('en', 'mark.pass') }),
    );
    const feedback = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${h.fake.appId}/${sent.token}`,
    );
    expect(feedback.body?.flags).toBe(EPHEMERAL);
    expect(embedsOf(feedback.body ?? {}).map((e) => e.title)).toEqual([
      t('en', 'answer.title', { title: (await h.challenge()).title, score: 94, mark: t('en', 'mark.pass') }),
    ]);

    const streak = await h.command(h.members.bob, 'streak', [
      { name: 'user', type: OPTION_TYPE.user, value: h.members.ada.user.id },
    ]);
    expect(embedText(dataOf(streak))).toContain(t('en', 'streak.title', { name: 'ada' }));
    expect(embedText(dataOf(streak))).toContain(t('en', 'streak.summary', { current: 1, longest: 1, freezes: 0 }));

    const board = await h.command(h.members.bob, 'leaderboard', [str('period', 'week')]);
    expect(embedText(dataOf(board))).toContain(
      t('en', 'leaderboard.line', { rank: 1, name: 'ada', points: 94, streak: 1 }),
    );
  });

  it('refuses an admin command from a member, in the member’s language, privately', async () => {
    const refused = await h.command(h.members.ada, 'tutor', [sub('pause')], 'zh-CN');
    const data = dataOf(refused);
    expect(data.flags).toBe(EPHEMERAL);
    expect(embedText(data)).toContain(t('zh', 'admin.refused'));
    const channel = await h.services.store.findChannel('discord', h.fake.guildId, h.fake.textChannelId);
    expect(channel?.paused).toBe(false);

    await h.command(h.members.boss, 'tutor', [sub('pause')]);
    const paused = await h.services.store.findChannel('discord', h.fake.guildId, h.fake.textChannelId);
    expect(paused?.paused).toBe(true);
    await h.command(h.members.boss, 'tutor', [sub('resume')]);
  });

  it('maps a Discord role to its team', async () => {
    await h.command(h.members.lin, 'answer', [str('text', goodAnswer(await h.challenge()))]);
    const teams = await h.command(h.members.bob, 'leaderboard', [
      str('period', 'week'),
      { name: 'teams', type: OPTION_TYPE.boolean, value: true },
    ]);
    expect(embedText(dataOf(teams))).toContain(
      t('en', 'leaderboard.team-line', { rank: 1, name: 'owls', average: 94, points: 94, members: 1 }),
    );
  });

  it('survives a failing interaction callback: logged with context, no crash, next command served', async () => {
    // One attempt and discord.js's three retries, all answered 500.
    h.fake.failNext('POST', /^\/interactions\/\d+\/[^/]+\/callback$/, 4);
    const failed = h.fake.slashCommand(h.members.bob, 'topic', [str('query', 'cache')]);
    const apology = await h.fake.waitForRequest(
      (r) => r.path.startsWith(`/interactions/${failed.id}/`) && r.status === 204,
    );
    expect(JSON.stringify(apology.body)).toContain(failed.id);
    const logged = h.logs.find((l) => l.level === 'error' && l.interactionId === failed.id);
    expect(logged).toMatchObject({
      guildId: h.fake.guildId,
      channelId: h.fake.textChannelId,
      userId: h.members.bob.user.id,
      status: 500,
    });
    expect(String(logged?.route)).toContain('/callback');
    const next = await h.command(h.members.bob, 'topic', [str('query', 'cache')]);
    expect(next.status).toBe(204);
    expect(h.adapter.connectionState()).toBe('connected');
  });

  it('resumes after the gateway drops and keeps answering', async () => {
    const states: string[] = [];
    const watch = setInterval(() => states.push(h.adapter.connectionState()), 20);
    h.fake.dropConnections();
    await waitFor(
      'a resumed, connected session',
      () => h.fake.gatewayLog.some((e) => e.op === 'resume') && h.adapter.connectionState() === 'connected',
      5_000,
    );
    clearInterval(watch);
    expect(states).toContain('reconnecting');
    expect(h.fake.gatewayLog.filter((e) => e.op === 'identify')).toHaveLength(1);
    const after = await h.command(h.members.bob, 'streak');
    expect(after.status).toBe(204);
  });
});

describe('Discord variants: defer at once, a wrong app id, a core that gives no attempt ids', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness({
      // 0: always defer before the core runs, as a slow database would force.
      deferAfterMs: 0,
      appId: '123456789012345678',
      adaptTutor: (tutor) => ({
        ...tutor,
        handleThreadAnswer: async (answer) => {
          const reply = await tutor.handleThreadAnswer(answer);
          return reply && { ...reply, attemptId: undefined };
        },
      }),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('defers a slow command and delivers the reply by editing the original response', async () => {
    const sent = h.fake.slashCommand(h.members.ada, 'leaderboard');
    const callback = await sent.callback();
    expect(callback.body?.type).toBe(CALLBACK.defer);
    expect(dataOf(callback).flags ?? 0).toBe(0);
    const edit = await h.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${sent.token}/messages/@original`),
    );
    const [embed] = embedsOf(edit.body ?? {});
    expect(embed?.title).toBe(t('en', 'leaderboard.title', { period: t('en', 'leaderboard.period.week') }));
    expect(embed?.description).toBe(t('en', 'leaderboard.empty'));
    expect(edit.body?.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers a usually-private command privately', async () => {
    const sent = h.fake.slashCommand(h.members.ada, 'answer', [
      str('text', 'The pain is slow reads; the fix is caching.'),
    ]);
    const callback = await sent.callback();
    expect(callback.body?.type).toBe(CALLBACK.defer);
    expect(dataOf(callback).flags).toBe(EPHEMERAL);
    const edit = await h.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${sent.token}/messages/@original`),
    );
    // Nothing posted yet in this harness at 09:30: the core's answer is the "due, not posted" notice.
    expect(embedText(edit.body ?? {})).toContain(t('en', 'challenge.overdue', { time: '09:00', zone: 'UTC' }));
  });
  it('warns at connect when DISCORD_APP_ID is not the bot’s application', () => {
    const warning = h.logs.find((l) => l.level === 'warn' && l.msg.includes('DISCORD_APP_ID'));
    expect(warning).toMatchObject({ configured: '123456789012345678', actual: h.fake.appId });
  });
  it('sends the detailed feedback by DM when there is no attempt for a button to fetch', async () => {
    const { threadId } = await h.postDaily();
    const challenge = await h.challenge();
    h.fake.userMessage(h.members.ada, threadId, goodAnswer(challenge));
    const open = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === '/users/@me/channels');
    expect(open.body).toEqual({ recipient_id: h.members.ada.user.id });
    const dm = [...h.fake.channels.values()].find((c) => c.recipient?.id === h.members.ada.user.id);
    const sent = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dm?.id}/messages`);
    expect(JSON.stringify(sent.body)).toContain(challenge.pain[0]?.label);
    const [publicReply] = h.fake.channelMessages(threadId).filter((m) => m.body.nonce !== undefined);
    expect(publicReply?.body.components).toBeUndefined();
  });
});

describe('tutor register-commands', () => {
  it('PUTs the generated commands to a guild through DISCORD_API_BASE', async () => {
    const h = await startDiscordHarness();
    try {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const chunks: string[] = [];
      stdout.on('data', (c: Buffer) => chunks.push(String(c)));
      const code = await registerCommandsCommand.run(['--guild', h.fake.guildId], {
        stdin: new PassThrough(),
        stdout,
        stderr,
        cwd: process.cwd(),
        env: { DISCORD_TOKEN: h.fake.token, DISCORD_APP_ID: h.fake.appId, DISCORD_API_BASE: h.fake.apiBase },
      });
      expect(code).toBe(0);
      const registered = h.fake.commands.get(h.fake.guildId) ?? [];
      expect(registered.map((c) => c.name)).toEqual(applicationCommands().map((c) => c.name));
      expect(chunks.join('')).toContain('/tutor');
      const put = h.fake.requests.find((r) => r.method === 'PUT');
      expect(put?.path).toBe(`/applications/${h.fake.appId}/guilds/${h.fake.guildId}/commands`);

      const usage = await registerCommandsCommand.run(['--guild', 'nope'], {
        stdin: new PassThrough(),
        stdout,
        stderr,
        cwd: process.cwd(),
        env: {},
      });
      expect(usage).toBe(2);
    } finally {
      await h.close();
    }
  });
});
