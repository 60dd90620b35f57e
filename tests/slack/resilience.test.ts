/**
 * Failures at the Slack edge: rate limits waited out, users.info down, and the HTTP receiver's port shared
 * with an extra route (the ops health check).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/tutor/i18n.js';
import { escapeSlack } from '../../src/platforms/slack/render.js';
import { eventCallback, threadReplyEvent } from '../fakes/slack/requests.js';
import { CHANNEL, startSlackHarness, visibleText, type SlackHarness } from './harness.js';

let h: SlackHarness;

beforeEach(async () => {
  h = await startSlackHarness({
    customRoutes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => res.writeHead(200).end('ok') }],
  });
});

afterEach(async () => {
  await h.close();
});

async function command(text: string, userId: string): Promise<Record<string, unknown>> {
  const path = await h.command(text, userId);
  return (await h.fake.waitFor('response_url', (_, call) => call.path === path)).args;
}

describe('Slack edge failures', () => {
  it('serves an extra route on the receiver’s own port', async () => {
    const response = await fetch(`${h.adapter.httpUrl()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('waits out a rate limit on chat.postEphemeral and delivers the feedback once', async () => {
    await command('challenge', 'U0ADA');
    await h.scheduler.runDue(h.clock.now());
    const [open] = await h.services.store.openChallenges();
    h.fake.failNext('chat.postEphemeral', { error: 'ratelimited', retryAfterSeconds: 0 });
    const event = eventCallback(
      h.fake.teamId,
      'EvLimited',
      threadReplyEvent({
        channel: CHANNEL,
        user: 'U0ADA',
        text: 'cache',
        threadTs: open!.threadId!,
        ts: '1700000400.000001',
        teamId: h.fake.teamId,
      }),
    );
    await h.sender.event(event);
    await h.fake.waitFor('chat.postEphemeral', () => h.fake.callsOf('chat.postEphemeral').length === 2);
    const waits = h.logs.filter((l) => l.msg === 'slack: rate limited; waiting');
    expect(waits).toEqual([expect.objectContaining({ method: 'chat.postEphemeral', retryAfter: 0, attempt: 0 })]);
    expect(h.logs.filter((l) => l.msg === 'slack: answer reply failed')).toEqual([]);
  });

  it('treats a user as a non-admin when users.info fails, and asks again next time', async () => {
    h.fake.failNext('users.info', { status: 500 });
    expect(visibleText(await command('pause', 'U0BOSS'))).toContain(escapeSlack(t('en', 'admin.refused')));
    const failure = h.logs.find((l) => l.msg === 'slack: users.info failed; using defaults');
    expect(failure).toMatchObject({ userId: 'U0BOSS', method: 'users.info' });
    expect(visibleText(await command('pause', 'U0BOSS'))).toContain(escapeSlack(t('en', 'admin.paused')));
  });

  it('stops taking events but lets an answer in flight finish', async () => {
    await command('challenge', 'U0ADA');
    await h.scheduler.runDue(h.clock.now());
    const [open] = await h.services.store.openChallenges();
    const event = eventCallback(
      h.fake.teamId,
      'EvInFlight',
      threadReplyEvent({
        channel: CHANNEL,
        user: 'U0ADA',
        text: 'cache',
        threadTs: open!.threadId!,
        ts: '1700000500.000001',
        teamId: h.fake.teamId,
      }),
    );
    const url = h.adapter.httpUrl();
    expect((await h.sender.event(event)).status).toBe(200);
    await h.adapter.stop();
    expect(h.adapter.connectionState()).toBe('stopped');
    expect(h.fake.callsOf('chat.postEphemeral')).toHaveLength(1);
    await expect(fetch(`${url}/slack/events`, { method: 'POST' })).rejects.toThrow();
  });
});
