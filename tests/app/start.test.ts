/**
 * `tutor start` as an operator runs it: one process with Discord and Slack (HTTP) at once, against both
 * protocol fakes on 127.0.0.1; /healthz on Slack's port; a command served; SIGTERM stops it cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';
import { SlackSender, slashCommandPayload } from '../fakes/slack/requests.js';
import { startTutor, waitHealthy, type TutorProcess } from '../support/tutor-process.js';

const SIGNING_SECRET = 'start-test-signing-secret';
const SLACK_TOKEN = 'xoxb-start-test-token-0000';

describe('tutor start with Discord and Slack in one process', () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let tutor: TutorProcess;

  beforeAll(async () => {
    discord = new FakeDiscord();
    await discord.start();
    slack = await startFakeSlack();
    tutor = await startTutor({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await tutor.cleanup();
    await discord.stop();
    await slack.stop();
  });

  it('reports healthy on /healthz once both platforms are connected', async () => {
    // Connection refused until the process listens: not healthy yet.
    const report = (await waitHealthy(tutor)) as { platforms: { platform: string; state: string }[] };
    expect(report.platforms.map((p) => [p.platform, p.state]).sort()).toEqual([
      ['discord', 'connected'],
      ['slack', 'connected'],
    ]);
    expect(discord.connectedSessions()).toBe(1);
  }, 60_000);

  it('answers a Slack command through the shared core', async () => {
    const since = slack.mark();
    const responseUrl = slack.responseUrl();
    const res = await new SlackSender(`http://127.0.0.1:${tutor.port}`, SIGNING_SECRET).command(
      slashCommandPayload({ text: 'topic k8s', userId: 'U1', channelId: 'C1', teamId: slack.teamId, responseUrl }),
    );
    expect(res.status).toBe(200);
    const answer = await slack.waitFor('response_url', () => true, since, 15_000);
    expect(JSON.stringify(answer.args)).toContain('容器编排');
  }, 30_000);

  it('stops cleanly on SIGTERM, and never logs a token', async () => {
    tutor.child.kill('SIGTERM');
    const code = await tutor.exited;
    const logs = tutor.logs();
    expect(code, logs).toBe(0);
    expect(logs).toContain('tutor started');
    expect(logs).toContain('shutting down');
    expect(logs).not.toContain(SLACK_TOKEN);
    expect(logs).not.toContain(discord.token);
    expect(logs).not.toContain(SIGNING_SECRET);
  }, 30_000);
});
