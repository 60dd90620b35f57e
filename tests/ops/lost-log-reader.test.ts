/**
 * Issue 12 item 16: the reader of the tutor's stdout and stderr goes away (a closed pipe, a restarted log
 * collector) while it serves. Every later log write fails with EPIPE; the tutor must stop writing to the
 * dead sink and carry on: commands answered, /healthz 200, idle CPU near zero, and SIGTERM still ends it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';
import { SlackSender, slashCommandPayload } from '../fakes/slack/requests.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

const SIGNING_SECRET = 'lost-log-reader-signing-secret';

/** CPU time (user + system) of a process so far, in clock ticks (1/100 s on Linux). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), counted from field 3: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function healthStatus(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
  await res.arrayBuffer();
  return res.status;
}

describe('a lost log reader', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-lost-logs-'));
  let slack: FakeSlack;
  let child: ChildProcessWithoutNullStreams;
  let port: number;
  let sender: SlackSender;
  let exited: Promise<number | null>;
  let logs = '';

  const command = async (text: string, userId: string) => {
    const since = slack.mark();
    const responseUrl = slack.responseUrl();
    const responsePath = new URL(responseUrl).pathname;
    const res = await sender.command(
      slashCommandPayload({ text, userId, channelId: 'C1', teamId: slack.teamId, responseUrl }),
    );
    expect(res.status).toBe(200);
    return slack.waitFor('response_url', (_args, call) => call.path === responsePath, since, 15_000);
  };

  beforeAll(async () => {
    slack = await startFakeSlack();
    port = await freePort();
    child = spawn(process.execPath, ['bin/tutor.js', 'start'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TUTOR_DB: path.join(dir, 'tutor.db'),
        TUTOR_KNOWLEDGE: './knowledge',
        SLACK_BOT_TOKEN: 'xoxb-lost-log-reader-0000',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        // Every request logs several lines: the writes that fail once the reader is gone.
        LOG_LEVEL: 'debug',
      },
    });
    exited = once(child, 'exit').then(([code]) => code as number | null);
    child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    sender = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET);
    const healthy = async () => (await healthStatus(port).catch(() => 0)) === 200;
    await waitFor('a healthy /healthz', healthy, 45_000, 100).catch((error: unknown) => {
      throw new Error(`${String(error)}; the tutor logged:\n${logs}`);
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving after both pipes close under load, idles, and stops on SIGTERM', async () => {
    expect(JSON.stringify((await command('topic k8s', 'U1')).args)).toContain('容器编排');
    expect(logs).toContain('tutor started');

    // Load, and the reader goes away in the middle of it.
    const load = Array.from({ length: 20 }, (_, i) => command(i % 2 ? 'topic 缓存' : 'leaderboard', `U${i}`));
    child.stdout.destroy();
    child.stderr.destroy();
    const answered = await Promise.all(load);
    expect(answered).toHaveLength(20);

    // Commands after the loss are answered, and /healthz says healthy.
    expect(JSON.stringify((await command('topic k8s', 'U99')).args)).toContain('容器编排');
    expect(await healthStatus(port)).toBe(200);

    // Idle: a process spinning on failed log writes burns tens of ticks a second; an idle one about none.
    const before = cpuTicks(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const used = cpuTicks(child.pid!) - before;
    expect(used, `${used} ticks of CPU in one idle second`).toBeLessThanOrEqual(10);

    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The shutdown grace period is 8 s: it must end within it, not be killed.
    expect(Date.now() - started).toBeLessThan(9_000);
  }, 60_000);
});
