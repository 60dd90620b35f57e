/**
 * `tutor start` as an operator runs it: one process with Discord and Slack (HTTP) at once, against both
 * protocol fakes on 127.0.0.1; /healthz on Slack's port; a command served; SIGTERM stops it cleanly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';
import { SlackSender, slashCommandPayload } from '../fakes/slack/requests.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

const SIGNING_SECRET = 'start-test-signing-secret';
const SLACK_TOKEN = 'xoxb-start-test-token-0000';

describe('tutor start with Discord and Slack in one process', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-start-'));
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let child: ChildProcessWithoutNullStreams;
  let port: number;
  let logs = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    discord = new FakeDiscord();
    await discord.start();
    slack = await startFakeSlack();
    port = await freePort();
    child = spawn(process.execPath, ['bin/tutor.js', 'start'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TUTOR_DB: path.join(dir, 'tutor.db'),
        TUTOR_KNOWLEDGE: './knowledge',
        DISCORD_TOKEN: discord.token,
        DISCORD_API_BASE: discord.apiBase,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        LOG_LEVEL: 'debug',
      },
    });
    exited = once(child, 'exit').then(([code]) => code as number | null);
    child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await discord.stop();
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports healthy on /healthz once both platforms are connected', async () => {
    let report: { platforms: { platform: string; state: string }[] } | undefined;
    const healthy = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) report = (await res.json()) as typeof report;
      return report !== undefined;
    };
    // Connection refused until the process listens: not healthy yet.
    await waitFor('a healthy /healthz', () => healthy().catch(() => false), 45_000, 100).catch((error: unknown) => {
      throw new Error(`${String(error)}; the tutor logged:\n${logs}`);
    });
    expect(report!.platforms.map((p) => [p.platform, p.state]).sort()).toEqual([
      ['discord', 'connected'],
      ['slack', 'connected'],
    ]);
    expect(discord.connectedSessions()).toBe(1);
  }, 60_000);

  it('answers a Slack command through the shared core', async () => {
    const since = slack.mark();
    const responseUrl = slack.responseUrl();
    const res = await new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET).command(
      slashCommandPayload({ text: 'topic k8s', userId: 'U1', channelId: 'C1', teamId: slack.teamId, responseUrl }),
    );
    expect(res.status).toBe(200);
    const answer = await slack.waitFor('response_url', () => true, since, 15_000);
    expect(JSON.stringify(answer.args)).toContain('容器编排');
  }, 30_000);

  it('stops cleanly on SIGTERM, and never logs a token', async () => {
    child.kill('SIGTERM');
    expect(await exited, logs).toBe(0);
    expect(logs).toContain('tutor started');
    expect(logs).toContain('shutting down');
    expect(logs).not.toContain(SLACK_TOKEN);
    expect(logs).not.toContain(discord.token);
    expect(logs).not.toContain(SIGNING_SECRET);
  }, 30_000);
});
