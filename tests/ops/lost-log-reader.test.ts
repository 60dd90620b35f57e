/**
 * Issue 12 item 16: the reader of the tutor's stdout and stderr goes away (a closed pipe, a restarted log
 * collector) while it serves. Every later log write fails with EPIPE; the tutor must stop writing to the
 * dead sink and carry on: commands answered, /healthz 200, idle CPU near zero, and SIGTERM still ends it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';
import { SlackSender, slashCommandPayload } from '../fakes/slack/requests.js';
import { healthz, startTutor, waitHealthy, type TutorProcess } from '../support/tutor-process.js';

const SIGNING_SECRET = 'lost-log-reader-signing-secret';

/** CPU time (user + system) of a process so far, in clock ticks (1/100 s on Linux). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), counted from field 3: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

describe('a lost log reader', () => {
  let slack: FakeSlack;
  let tutor: TutorProcess;
  let sender: SlackSender;

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
    // At LOG_LEVEL=debug (the default of startTutor) every request logs several lines: the writes that fail
    // once the reader is gone.
    tutor = await startTutor({
      SLACK_BOT_TOKEN: 'xoxb-lost-log-reader-0000',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    sender = new SlackSender(`http://127.0.0.1:${tutor.port}`, SIGNING_SECRET);
    await waitHealthy(tutor);
  }, 60_000);

  afterAll(async () => {
    await tutor.cleanup();
    await slack.stop();
  });

  it('keeps serving after both pipes close under load, idles, and stops on SIGTERM', async () => {
    expect(JSON.stringify((await command('topic k8s', 'U1')).args)).toContain('容器编排');
    expect(tutor.logs()).toContain('tutor started');

    // Load, and the reader goes away in the middle of it.
    const load = Array.from({ length: 20 }, (_, i) => command(i % 2 ? 'topic 缓存' : 'leaderboard', `U${i}`));
    tutor.child.stdout.destroy();
    tutor.child.stderr.destroy();
    const answered = await Promise.all(load);
    expect(answered).toHaveLength(20);

    // Commands after the loss are answered, and /healthz says healthy.
    expect(JSON.stringify((await command('topic k8s', 'U99')).args)).toContain('容器编排');
    expect((await healthz(tutor.port)).status).toBe(200);

    // Idle: a process spinning on failed log writes burns tens of ticks a second; an idle one about none.
    const before = cpuTicks(tutor.child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const used = cpuTicks(tutor.child.pid!) - before;
    expect(used, `${used} ticks of CPU in one idle second`).toBeLessThanOrEqual(10);

    const started = Date.now();
    tutor.child.kill('SIGTERM');
    expect(await tutor.exited).toBe(0);
    // The shutdown grace period is 8 s: it must end within it, not be killed.
    expect(Date.now() - started).toBeLessThan(9_000);
  }, 60_000);
});
