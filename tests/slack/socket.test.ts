/**
 * The same adapter in Socket Mode: apps.connections.open hands Bolt the fake's WebSocket, which delivers
 * envelopes and reads the acks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { eventCallback, slashCommandPayload, threadReplyEvent } from '../fakes/slack/requests.js';
import { CHANNEL, startSlackHarness, visibleText, type SlackHarness } from './harness.js';

let h: SlackHarness;

beforeEach(async () => {
  h = await startSlackHarness({ socketMode: true });
});

afterEach(async () => {
  await h.close();
});

describe('Socket Mode', () => {
  it('connects through apps.connections.open and reports connected', () => {
    expect(h.fake.callsOf('apps.connections.open')).toHaveLength(1);
    expect(h.adapter.connectionState()).toBe('connected');
    expect(h.adapter.httpUrl()).toBeUndefined();
  });

  it('acknowledges a slash command, then answers on its response_url', async () => {
    const payload = slashCommandPayload({
      text: 'help',
      userId: 'U0ADA',
      channelId: CHANNEL,
      teamId: h.fake.teamId,
      responseUrl: h.fake.responseUrl(),
    });
    const ack = await h.fake.sendEnvelope('slash_commands', payload);
    expect(ack.envelope_id).toMatch(/^env-/);
    const reply = await h.fake.waitFor('response_url');
    expect(visibleText(reply.args)).toContain('/tutor topic');
  });

  it('grades a thread answer once, even when the envelope is redelivered', async () => {
    await h.command('challenge', 'U0ADA');
    await h.fake.waitFor('response_url');
    expect((await h.scheduler.runDue(h.clock.now())).posted).toBe(1);
    const [open] = await h.services.store.openChallenges();
    const thread = open!.threadId!;
    const answer = h.services.knowledge.current().challengeFor(open!.topicId)!.modelAnswer;
    const event = eventCallback(
      h.fake.teamId,
      'EvSocket',
      threadReplyEvent({
        channel: CHANNEL,
        user: 'U0ADA',
        text: answer,
        threadTs: thread,
        ts: '1700000200.000001',
        teamId: h.fake.teamId,
      }),
    );
    await h.fake.sendEnvelope('events_api', event);
    const feedback = await h.fake.waitFor('chat.postEphemeral');
    expect(feedback.args).toMatchObject({ user: 'U0ADA', thread_ts: thread });
    await h.fake.waitFor('reactions.add');
    await h.fake.sendEnvelope('events_api', event, 1);
    await waitFor('the redelivery dropped', () =>
      h.logs.some((l) => l.msg === 'slack: dropped a redelivered event' && l.eventId === 'EvSocket'),
    );
    expect(h.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
    expect(h.fake.callsOf('reactions.add')).toHaveLength(1);
  });
});
