/**
 * The daily challenge on Discord, end to end: the real scheduler and tutor on SQLite, the real discord.js client,
 * a fake Discord on 127.0.0.1. Posting, the thread, graded answers with private feedback, safety under failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../src/grading/types.js';
import { t } from '../../src/tutor/i18n.js';
import { MESSAGE_CONTENT_INTENT, type RecordedRequest, type StoredMessage } from '../fakes/discord/fake-discord.js';
import { goodAnswer, startDiscordHarness, type DiscordHarness } from './harness.js';

type Json = Record<string, unknown>;

const EPHEMERAL = 64;

/** The public result line of a reply that scored 100 (what goodAnswer scores). */
const PASSED = (name: string) => t('en', 'answer.public', { name, score: 94, mark: t('en', 'mark.pass') });

function embedText(body: Json | null | undefined): string {
  const embeds = (body?.embeds ?? []) as Json[];
  return JSON.stringify(embeds.map((e) => [e.title, e.description, e.fields, (e.footer as Json | undefined)?.text]));
}

/** The bot's public reply to one answer in the thread, found by the nonce-carrying post after `since`. */
async function threadReply(h: DiscordHarness, threadId: string, since: number): Promise<RecordedRequest> {
  return h.fake.waitForRequest(
    (r) => r.at > since && r.method === 'POST' && r.path === `/channels/${threadId}/messages` && r.status === 200,
  );
}

function feedbackButtonOf(message: StoredMessage): string {
  const rows = (message.body.components ?? []) as { components: { custom_id: string }[] }[];
  const id = rows[0]?.components[0]?.custom_id;
  if (!id) throw new Error('no feedback button on the public reply');
  return id;
}

describe('Discord daily challenge', () => {
  let h: DiscordHarness;
  let threadId: string;
  let challenge: Challenge;

  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('connects over the gateway with the intents thread answers need', () => {
    expect(h.adapter.connectionState()).toBe('connected');
    const identify = h.fake.gatewayLog.find((e) => e.op === 'identify');
    expect((identify?.intents ?? 0) & MESSAGE_CONTENT_INTENT).toBe(MESSAGE_CONTENT_INTENT);
  });

  it('posts the scheduled challenge once as an embed with a thread for answers', async () => {
    // The channel becomes known to the core the first time a command is used in it.
    await h.command(h.members.ada, 'challenge');
    const report = await h.scheduler.runDue(h.clock.now());
    expect(report).toMatchObject({ posted: 1, failed: 0 });
    // The daily post is the bot's one message with a nonce (an interaction's reply has none).
    const posts = h.fake.channelMessages(h.fake.textChannelId).filter((m) => m.body.nonce !== undefined);
    expect(posts).toHaveLength(1);
    const daily = posts[0]!;
    challenge = await h.challenge();
    const title = t('en', 'challenge.title', { title: challenge.title });
    expect((daily.body.embeds as Json[])[0]?.title).toBe(title);
    threadId = daily.json.id as string;
    const thread = h.fake.channels.get(threadId);
    expect(thread?.parentId).toBe(h.fake.textChannelId);
    expect(thread?.name).toBe(title.slice(0, 100));
    expect(await h.scheduler.runDue(h.clock.now())).toMatchObject({ posted: 0 });
  });

  it('grades a thread answer: reaction and short public result, feedback only for its author', async () => {
    const since = performance.now();
    h.fake.userMessage(h.members.ada, threadId, goodAnswer(challenge));
    const post = await threadReply(h, threadId, since);
    await h.fake.waitForRequest((r) => r.at > since && r.method === 'PUT' && r.path.includes('/reactions/'));
    expect(h.fake.reactions.at(-1)?.emoji).toBe('✅');
    const publicText = embedText(post.body);
    for (const concept of [...challenge.pain, ...challenge.fix]) expect(publicText).not.toContain(concept.label);

    const reply = h.fake.channelMessages(threadId).at(-1) as StoredMessage;
    const buttonId = feedbackButtonOf(reply);

    const refused = await h.fake.clickButton(h.members.bob, buttonId, reply.json, { channelId: threadId }).callback();
    expect((refused.body?.data as Json).flags).toBe(EPHEMERAL);
    expect(JSON.stringify(refused.body)).not.toContain(challenge.pain[0]?.label ?? '');

    const mine = await h.fake.clickButton(h.members.ada, buttonId, reply.json, { channelId: threadId }).callback();
    const data = mine.body?.data as Json;
    expect(data.flags).toBe(EPHEMERAL);
    expect(embedText(data)).toContain(challenge.pain[0]?.label);
  });

  it('answers a duplicated gateway dispatch once', async () => {
    const since = performance.now();
    const answersBefore = h.apiCalls.filter((c) => c.method === 'handleThreadAnswer').length;
    const payload = h.fake.userMessage(h.members.bob, threadId, 'I think it is about something vague, honestly.');
    h.fake.dispatch('MESSAGE_CREATE', payload);
    await threadReply(h, threadId, since);
    // The positive signal: a later message, dispatched after the duplicate, is answered too.
    const later = h.fake.userMessage(h.members.boss, threadId, 'No idea, sorry.');
    await h.fake.waitForRequest((r) => r.at > since && r.path.includes(`/messages/${later.id as string}/reactions/`));
    expect(h.apiCalls.filter((c) => c.method === 'handleThreadAnswer').slice(answersBefore)).toEqual([
      { method: 'handleThreadAnswer', userId: h.members.bob.user.id, channelId: h.fake.textChannelId },
      { method: 'handleThreadAnswer', userId: h.members.boss.user.id, channelId: h.fake.textChannelId },
    ]);
    const replies = h.fake.requests.filter(
      (r) => r.at > since && r.method === 'POST' && r.path === `/channels/${threadId}/messages`,
    );
    expect(replies).toHaveLength(2);
    const reactions = h.fake.requests.filter(
      (r) => r.at > since && r.path.includes(`/messages/${payload.id as string}/reactions/`),
    );
    expect(reactions).toHaveLength(1);

    const interaction = h.fake.slashCommand(h.members.bob, 'streak');
    h.fake.dispatch('INTERACTION_CREATE', interaction.payload);
    await interaction.callback();
    await h.command(h.members.bob, 'streak'); // the positive signal: a later interaction is answered
    const callbacks = h.fake.requests.filter((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(callbacks.map((r) => r.status)).toEqual([204]);
  });

  it('pings nobody when an answer quotes @everyone, @here or a role', async () => {
    const role = h.fake.roles[0]?.id as string;
    const since = performance.now();
    h.fake.userMessage(
      h.members.lin,
      threadId,
      `@everyone @here <@&${role}> the pain is everything, the fix is nothing`,
    );
    await threadReply(h, threadId, since);
    await h.command(h.members.lin, 'answer', [{ name: 'text', type: 3, value: `@everyone <@&${role}> @here` }]);
    const sent = h.fake.sentMessageBodies();
    expect(sent.length).toBeGreaterThan(5);
    for (const body of sent) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('retries a daily post that got a 500, logs it, and posts exactly once', async () => {
    h.clock.advance(24 * 60 * 60_000);
    const channelPosts = () => h.fake.channelMessages(h.fake.textChannelId).filter((m) => m.body.nonce !== undefined);
    const before = channelPosts().length;
    // The first attempt fails outright; the second is processed by Discord but its response is lost.
    const dailyPost = new RegExp(`^/channels/${h.fake.textChannelId}/messages$`);
    h.fake.failNext('POST', dailyPost, 1);
    h.fake.failNext('POST', dailyPost, 1, { afterEffect: true });
    const report = await h.scheduler.runDue(h.clock.now());
    expect(report).toMatchObject({ posted: 1, failed: 0 });
    expect(channelPosts()).toHaveLength(before + 1);
    expect(challenge.modelAnswer.length).toBeGreaterThan(0);
    // Yesterday's challenge closed first: its model answer and results went into its thread.
    const reveal = h.fake.requests.find(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${threadId}/messages` &&
        r.status === 200 &&
        embedText(r.body).includes((challenge.modelAnswer.split('\n')[0] as string).slice(0, 20)),
    );
    expect(reveal).toBeDefined();
    const failures = h.fake.requests.filter((r) => r.status === 500);
    expect(failures.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /channels/${h.fake.textChannelId}/messages`,
      `POST /channels/${h.fake.textChannelId}/messages`,
    ]);
    const logged = h.logs.filter((l) => l.level === 'warn' && l.status === 500);
    expect(logged.map((l) => l.route)).toEqual([
      `POST /channels/${h.fake.textChannelId}/messages`,
      `POST /channels/${h.fake.textChannelId}/messages`,
    ]);
    expect(h.adapter.connectionState()).toBe('connected');
  });
  it('splits over-limit content into messages Discord accepts instead of having them rejected', async () => {
    const since = performance.now();
    const paragraph = 'Replication lag means a read after a write may not see it. '.repeat(30);
    const posted = await h.adapter.outbox.postChallenge(
      { platform: 'discord', workspaceId: h.fake.guildId, channelId: h.fake.textChannelId },
      {
        title: `Over-long ${'title '.repeat(80)}`,
        text: Array.from({ length: 8 }, () => paragraph).join('\n\n'),
        fields: Array.from({ length: 30 }, (_, i) => ({ name: `Field ${i}`, value: 'v'.repeat(1500) })),
        footer: 'f'.repeat(2500),
        tone: 'neutral',
      },
    );
    const sent = h.fake.requests.filter((r) => r.at > since && r.method === 'POST');
    expect(sent.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(h.fake.channels.get(posted.threadId)?.name.length).toBeLessThanOrEqual(100);
    // The head in the channel, the continuation in its thread.
    expect(h.fake.channelMessages(posted.threadId).length).toBeGreaterThan(1);
  });
});

describe('Discord without the Message Content intent', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness({ withoutMessageContent: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('connects without it, says so, and still grades answers that mention the bot and /answer', async () => {
    expect(h.adapter.connectionState()).toBe('connected');
    const identifies = h.fake.gatewayLog.filter((e) => e.op === 'identify');
    expect(identifies.map((e) => ((e.intents ?? 0) & MESSAGE_CONTENT_INTENT) !== 0)).toEqual([true, false]);
    expect(h.logs.filter((l) => l.level === 'warn' && l.msg.includes('Message Content'))).toHaveLength(1);

    const { threadId } = await h.postDaily();
    const challenge = await h.challenge();
    const since = performance.now();
    h.fake.userMessage(h.members.bob, threadId, goodAnswer(challenge));
    h.fake.userMessage(h.members.ada, threadId, `<@${h.fake.bot.id}> ${goodAnswer(challenge)}`);
    await threadReply(h, threadId, since);
    await h.fake.waitForRequest((r) => r.at > since && r.method === 'PUT' && r.path.includes('/reactions/'));
    // Bob's message came first and reached nothing: only Ada's (which mentions the bot) was graded.
    expect(h.apiCalls.filter((c) => c.method === 'handleThreadAnswer').map((c) => c.userId)).toEqual([
      h.members.ada.user.id,
    ]);
    const replies = h.fake.channelMessages(threadId).filter((m) => m.body.nonce !== undefined);
    expect(replies).toHaveLength(1);
    expect(embedText(replies[0]?.body)).toContain(PASSED('ada'));
    expect(h.fake.reactions.at(-1)?.emoji).toBe('✅');

    const answer = await h.command(h.members.lin, 'answer', [{ name: 'text', type: 3, value: goodAnswer(challenge) }]);
    expect(embedText(answer.body?.data as Json)).toContain(PASSED('lin'));
  });
});
