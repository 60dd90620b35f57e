/**
 * The Slack adapter end to end over HTTP: signed requests into the real Bolt app, the real tutor and store
 * behind it, and the fake Slack Web API recording what the bot sends back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Challenge } from '../../src/grading/types.js';
import { t } from '../../src/tutor/i18n.js';
import { escapeSlack } from '../../src/platforms/slack/render.js';
import { eventCallback, slashCommandPayload, threadReplyEvent, type SendOptions } from '../fakes/slack/requests.js';
import { rowCounts } from '../support/database.js';
import { waitFor } from '../support/wait-for.js';
import {
  CHANNEL,
  commandReplies,
  everythingSent,
  startSlackHarness,
  visibleText,
  type SlackHarness,
} from './harness.js';

let h: SlackHarness;
/** Ada's public result line for the model answer. */
// Answers here are the (Chinese) model answer, so the public line is in Chinese too.
const PASSED_PUBLIC = escapeSlack(t('zh', 'answer.public', { name: 'Ada', score: 100, mark: t('zh', 'mark.pass') }));
let eventCounter = 0;

beforeEach(async () => {
  h = await startSlackHarness();
});

afterEach(async () => {
  await h.close();
});

/** `/tutor <text>` and its replies on its own response_url, once `count` of them have arrived. */
const run = (text: string, userId = 'U0ADA', count = 1) => commandReplies(h, text, userId, count);

/** Registers the daily channel (a first command there) and lets the scheduler post today's challenge. */
async function postDaily(): Promise<string> {
  await run('challenge');
  const since = h.fake.mark();
  const report = await h.scheduler.runDue(h.clock.now());
  expect(report.posted).toBe(1);
  const post = await h.fake.waitFor(
    'chat.postMessage',
    (a) => a.channel === CHANNEL && a.thread_ts === undefined,
    since,
  );
  const open = await h.services.store.openChallenges();
  expect(open).toHaveLength(1);
  return String(open[0]?.threadId ?? post.args.ts);
}

async function todaysChallenge(): Promise<Challenge> {
  const [open] = await h.services.store.openChallenges();
  const challenge = h.services.knowledge.current().challengeFor(open!.topicId);
  return challenge!;
}

async function modelAnswer(): Promise<string> {
  return (await todaysChallenge()).modelAnswer;
}

function threadReply(threadTs: string, user: string, text: string, eventId = `Ev${++eventCounter}`) {
  const ts = `1700000100.${String(eventCounter).padStart(6, '0')}`;
  return eventCallback(
    h.fake.teamId,
    eventId,
    threadReplyEvent({ channel: CHANNEL, user, text, threadTs, ts, teamId: h.fake.teamId }),
  );
}

describe('daily challenge', () => {
  it('is posted by the scheduler as Block Kit, once per day', async () => {
    await postDaily();
    const posts = h.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    const blocks = posts[0]!.args.blocks as { type: string }[];
    expect(blocks[0]?.type).toBe('header');
    const [open] = await h.services.store.openChallenges();
    const title = h.services.knowledge.current().challengeFor(open!.topicId)!.title;
    expect(String(posts[0]!.args.text)).toContain(escapeSlack(t('en', 'challenge.title', { title })));
    const again = await h.scheduler.runDue(h.clock.now());
    expect(again.posted).toBe(0);
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('survives a 500 from chat.postMessage: logged, retried by the core, posted exactly once', async () => {
    await run('challenge');
    h.fake.failNext('chat.postMessage', { status: 500 });
    const report = await h.scheduler.runDue(h.clock.now());
    expect(report.posted + report.failed).toBe(1);
    const failure = h.logs.find((l) => l.level === 'error' && l.msg === 'slack: posting the challenge failed');
    expect(failure).toMatchObject({ method: 'chat.postMessage', channel: CHANNEL });
    await h.scheduler.runDue(h.clock.now());
    await h.scheduler.runDue(h.clock.now());
    const calls = h.fake.callsOf('chat.postMessage');
    // One failed try and one successful post: the 500 was not retried blindly by the Web API client.
    expect(calls).toHaveLength(2);
    expect(await h.services.store.openChallenges()).toHaveLength(1);
    // Still serving.
    expect((await run('streak')).text).toContain(escapeSlack(t('en', 'streak.none', { name: 'Ada' })));
  });

  it('closes the next day with the model answer in the thread', async () => {
    const thread = await postDaily();
    h.clock.advance(24 * 3_600_000);
    const since = h.fake.mark();
    const report = await h.scheduler.runDue(h.clock.now());
    expect(report.closed).toBe(1);
    const reveal = await h.fake.waitFor('chat.postMessage', (a) => a.thread_ts === thread, since);
    expect(visibleText(reveal.args)).toContain(escapeSlack(t('en', 'reveal.model')));
  });
});

describe('thread answers', () => {
  it('are graded: a reaction, ephemeral detailed feedback, a short public line', async () => {
    const thread = await postDaily();
    const answer = await modelAnswer();
    const since = h.fake.mark();
    expect((await h.sender.event(threadReply(thread, 'U0ADA', answer))).status).toBe(200);
    const feedback = await h.fake.waitFor('chat.postEphemeral', () => true, since);
    expect(feedback.args).toMatchObject({ channel: CHANNEL, user: 'U0ADA', thread_ts: thread });
    const reaction = await h.fake.waitFor('reactions.add', () => true, since);
    expect(reaction.args).toMatchObject({ channel: CHANNEL, name: 'white_check_mark' });
    const pub = await h.fake.waitFor('chat.postMessage', (a) => a.thread_ts === thread, since);
    expect(visibleText(pub.args)).toContain(PASSED_PUBLIC);
    // The public line stays short: the detailed feedback is only in the ephemeral message.
    expect(JSON.stringify(pub.args.blocks).length).toBeLessThan(JSON.stringify(feedback.args.blocks).length);
  });

  it('a wrong answer gets ❌', async () => {
    const thread = await postDaily();
    const since = h.fake.mark();
    await h.sender.event(threadReply(thread, 'U0ADA', 'no idea, sorry'));
    const reaction = await h.fake.waitFor('reactions.add', () => true, since);
    expect(reaction.args.name).toBe('x');
  });

  it('a retried delivery of the same event is processed once', async () => {
    const thread = await postDaily();
    const event = threadReply(thread, 'U0ADA', await modelAnswer(), 'EvRetry');
    const since = h.fake.mark();
    await h.sender.event(event);
    await h.fake.waitFor('chat.postEphemeral', () => true, since);
    await h.fake.waitFor('reactions.add', () => true, since);
    expect((await h.sender.event(event, { retryNum: 1 })).status).toBe(200);
    expect((await h.sender.event(event, { retryNum: 2 })).status).toBe(200);
    const drops = () => h.logs.filter((l) => l.msg === 'slack: dropped a redelivered event');
    await waitFor('both redeliveries dropped', () => drops().length === 2);
    const after = h.fake.calls.slice(since);
    expect(after.filter((c) => c.method === 'chat.postEphemeral')).toHaveLength(1);
    expect(after.filter((c) => c.method === 'reactions.add')).toHaveLength(1);
    expect(h.apiCalls.filter((c) => c.method === 'handleThreadAnswer')).toHaveLength(1);
    expect(drops()).toHaveLength(2);
  });

  it('ignores bot messages, edits and messages outside threads', async () => {
    const thread = await postDaily();
    const since = h.fake.mark();
    const base = threadReply(thread, 'U0ADA', 'an answer');
    const event = base.event as Record<string, unknown>;
    await h.sender.event({ ...base, event_id: 'EvBot', event: { ...event, bot_id: 'B0OTHER' } });
    await h.sender.event({ ...base, event_id: 'EvEdit', event: { ...event, subtype: 'message_changed' } });
    await h.sender.event({ ...base, event_id: 'EvTop', event: { ...event, thread_ts: undefined } });
    // The positive signal: an answer sent after them is graded all the way to its feedback.
    await h.sender.event(threadReply(thread, 'U0LIN', 'no idea, sorry'));
    const feedback = await h.fake.waitFor('chat.postEphemeral', () => true, since);
    expect(feedback.args.user).toBe('U0LIN');
    await h.fake.waitFor('reactions.add', () => true, since);
    expect(h.apiCalls.filter((c) => c.method === 'handleThreadAnswer')).toEqual([
      { method: 'handleThreadAnswer', userId: 'U0LIN', channelId: CHANNEL },
    ]);
    const sent = h.fake.calls.slice(since).filter((c) => c.method !== 'users.info');
    expect(sent.filter((c) => c.method === 'chat.postEphemeral' || c.method === 'reactions.add')).toHaveLength(2);
    expect(sent.filter((c) => c.args.user === 'U0ADA')).toEqual([]);
  });

  it('neutralizes <!channel> and other mentions in everything the bot sends', async () => {
    h.fake.setUser({ id: 'U0EVE', name: '<!here> Eve' });
    const thread = await postDaily();
    const since = h.fake.mark();
    const text = `<!channel> <!everyone> <@U0ADA> <#C0OTHER> <!subteam^S0TEAM> ${await modelAnswer()}`;
    await h.sender.event(threadReply(thread, 'U0EVE', text));
    await h.fake.waitFor('chat.postEphemeral', () => true, since);
    await h.fake.waitFor('chat.postMessage', (a) => a.thread_ts === thread, since);
    await run(`answer <!channel> <@U0ADA> again`, 'U0EVE', 2);
    await run('leaderboard all');
    const sent = everythingSent(h.fake);
    expect(sent).toContain('&lt;!here&gt; Eve');
    for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<@U0ADA>', '<#C0OTHER>', '<!subteam^']) {
      expect(sent).not.toContain(ping);
    }
  });
});

describe('/tutor', () => {
  it('alone and as `help` explains every command, from the spec', async () => {
    for (const text of ['', 'help']) {
      const reply = await run(text);
      expect(reply.types).toEqual(['ephemeral']);
      const shown = reply.text;
      for (const usage of [
        '/tutor topic',
        '/tutor leaderboard',
        '/tutor team join',
        '/tutor schedule',
        '/tutor post-now',
      ]) {
        expect(shown).toContain(usage);
      }
    }
  });

  it('help follows the user’s locale', async () => {
    expect((await run('help', 'U0LIN')).text).toContain(t('zh', 'help.title'));
  });

  it('topic looks a topic up', async () => {
    const [hit] = h.services.knowledge.current().lookup('缓存').results;
    expect(hit).toBeDefined();
    const reply = await run('topic 缓存');
    expect(reply.text).toContain(escapeSlack(hit!.title));
  });

  it('challenge shows today’s challenge once posted', async () => {
    await postDaily();
    const [open] = await h.services.store.openChallenges();
    const title = h.services.knowledge.current().challengeFor(open!.topicId)!.title;
    expect((await run('challenge')).text).toContain(escapeSlack(title));
  });

  it('answer grades an answer to today’s challenge', async () => {
    await postDaily();
    // A short public line, then the detailed feedback for the answerer only.
    const reply = await run(`answer ${await modelAnswer()}`, 'U0ADA', 2);
    expect(reply.types).toEqual(['in_channel', 'ephemeral']);
    expect(reply.text).toContain(PASSED_PUBLIC);
    expect(reply.text).toContain(
      escapeSlack(
        t('zh', 'answer.title', { title: (await todaysChallenge()).title, score: 100, mark: t('zh', 'mark.pass') }),
      ),
    );
  });

  it('practice gives a personal challenge', async () => {
    const reply = await run('practice');
    expect(reply.text).toContain(escapeSlack(t('en', 'practice.how')));
  });

  it('streak shows a streak', async () => {
    await postDaily();
    await run(`answer ${await modelAnswer()}`, 'U0ADA', 2);
    const own = (await run('streak')).text;
    expect(own).toContain(escapeSlack(t('en', 'streak.title', { name: 'Ada' })));
    expect(own).toContain(escapeSlack(t('en', 'streak.summary', { current: 1, longest: 1, freezes: 0 })));
    // Lin asks about Ada, in Lin's language.
    const asked = (await run('streak <@U0ADA>', 'U0LIN')).text;
    expect(asked).toContain(escapeSlack(t('zh', 'streak.title', { name: 'Ada' })));
    expect(asked).toContain(escapeSlack(t('zh', 'streak.summary', { current: 1, longest: 1, freezes: 0 })));
  });

  it('leaderboard ranks people and teams', async () => {
    await postDaily();
    await run('team join Owls');
    await run(`answer ${await modelAnswer()}`, 'U0ADA', 2);
    expect((await run('leaderboard week')).text).toContain(
      escapeSlack(t('en', 'leaderboard.line', { rank: 1, name: 'Ada', points: 100, streak: 1 })),
    );
    expect((await run('leaderboard all teams')).text).toContain(
      escapeSlack(t('en', 'leaderboard.team-line', { rank: 1, name: 'Owls', average: 100, points: 100, members: 1 })),
    );
  });

  it('team join and leave', async () => {
    expect((await run('team join Owls')).text).toContain(escapeSlack(t('en', 'team.joined', { team: 'Owls' })));
    expect((await run('team leave')).text).toContain(escapeSlack(t('en', 'team.left', { team: 'Owls' })));
    expect((await run('team')).text).toContain(escapeSlack(t('en', 'text.subcommand', { choices: 'join, leave' })));
  });

  it('an unknown subcommand is explained, privately', async () => {
    const reply = await run('dance');
    expect(reply.types).toEqual(['ephemeral']);
    expect(reply.text).toContain('/tutor help');
  });

  it('admin commands are refused to a non-admin', async () => {
    for (const text of ['schedule 08:00 Asia/Shanghai', 'pause', 'resume', 'post-now', 'reload']) {
      const reply = await run(text, 'U0ADA');
      expect(reply.types).toEqual(['ephemeral']);
      expect(reply.text).toContain(escapeSlack(t('en', 'admin.refused')));
    }
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('admin commands work for workspace admins, owners and the configured list', async () => {
    const shanghai = { time: '08:00', zone: 'Asia/Shanghai' };
    expect((await run('schedule 08:00 Asia/Shanghai', 'U0BOSS')).text).toContain(
      escapeSlack(t('en', 'admin.scheduled', shanghai)),
    );
    expect((await run('pause', 'U0OWNER')).text).toContain(escapeSlack(t('en', 'admin.paused')));
    expect((await run('resume', 'U0LISTED')).text).toContain(escapeSlack(t('en', 'admin.resumed', shanghai)));
    const warnings = h.services.knowledge.current().warnings.length;
    expect((await run('reload', 'U0BOSS')).text).toContain(escapeSlack(t('en', 'admin.reloaded', { warnings })));
  });

  it('post-now posts today’s challenge, once', async () => {
    await run('resume', 'U0BOSS');
    await run('post-now', 'U0BOSS');
    await h.fake.waitFor('chat.postMessage', (a) => a.channel === CHANNEL);
    await run('post-now', 'U0BOSS');
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });
});

describe('App Home', () => {
  it('publishes the user’s streak, points, today’s challenge and team', async () => {
    await postDaily();
    await run('team join Owls');
    await run(`answer ${await modelAnswer()}`, 'U0ADA', 2);
    const since = h.fake.mark();
    const event = eventCallback(h.fake.teamId, 'EvHome', {
      type: 'app_home_opened',
      user: 'U0ADA',
      channel: 'D0ADA',
      tab: 'home',
      event_ts: '1700000000.1',
    });
    expect((await h.sender.event(event)).status).toBe(200);
    const publish = await h.fake.waitFor('views.publish', () => true, since);
    expect(publish.args.user_id).toBe('U0ADA');
    const view = publish.args.view as {
      type: string;
      blocks: { fields?: { text: string }[]; text?: { text: string } }[];
    };
    expect(view.type).toBe('home');
    // Ada passed today's challenge with the model answer (100) on her first day, in team Owls.
    expect(view.blocks[1]?.fields?.map((f) => f.text)).toEqual([
      '*Streak*\n1 day(s) · longest 1 · freezes 0',
      '*Points*\nweek 100 · month 100 · all time 100',
      '*Team*\nOwls: #1 of 1',
    ]);
    const [open] = await h.services.store.openChallenges();
    const title = h.services.knowledge.current().challengeFor(open!.topicId)!.title;
    expect(view.blocks[3]?.text?.text).toBe(
      `*Today’s challenges*\n• <#${CHANNEL}>: *${escapeSlack(title)}*: answered, best 100`,
    );
  });
});

describe('request verification', () => {
  const now = () => Math.floor(Date.now() / 1000);
  /** `/tutor team join` from Lin in a channel nobody used yet: accepted, it would write and call out. */
  const refusedPayload = () =>
    slashCommandPayload({
      text: 'team join Refused',
      userId: 'U0LIN',
      channelId: 'C0REFUSED',
      teamId: h.fake.teamId,
      responseUrl: h.fake.responseUrl(),
    });

  /**
   * Sends `payload` with `options`, expects 401, and proves it reached nothing: once a later accepted command
   * has been answered all the way through (the positive signal), no TutorApi call, no call to Slack and no row
   * in the database is Lin's or the refused channel's, and the file's row counts are what they were.
   */
  async function expectRefusedAndUnseen(options: SendOptions): Promise<void> {
    await run('streak', 'U0ADA'); // the accepted command's own writes and calls, before the baseline
    const rowsBefore = rowCounts(h.services.config.dbPath);
    const apiBefore = h.apiCalls.length;
    const since = h.fake.mark();
    const payload = refusedPayload();
    expect((await h.sender.command(payload, options)).status).toBe(401);
    await run('streak', 'U0ADA');
    // The channel is registered by then, so the accepted command is one call.
    expect(h.apiCalls.slice(apiBefore)).toEqual([{ method: 'handleCommand', userId: 'U0ADA', channelId: CHANNEL }]);
    const refusedPath = new URL(payload.response_url!).pathname;
    expect(h.fake.calls.slice(since).filter((c) => c.path === refusedPath || c.args.user === 'U0LIN')).toEqual([]);
    expect(h.fake.calls.slice(since).map((c) => c.method)).toEqual(['response_url']);
    // The accepted command's event id is the one new row.
    expect(rowCounts(h.services.config.dbPath)).toEqual({
      ...rowsBefore,
      processed_events: rowsBefore.processed_events! + 1,
    });
    expect(await h.services.store.findChannel('slack', h.fake.teamId, 'C0REFUSED')).toBeNull();
    expect(await h.services.store.findUserByName('slack', h.fake.teamId, 'U0LIN')).toBeNull();
  }

  it('refuses a forged signature with 401, and the request reaches nothing', async () => {
    await expectRefusedAndUnseen({ signWith: 'not-the-secret' });
  });

  it('refuses a stale timestamp with 401, and the request reaches nothing', async () => {
    await expectRefusedAndUnseen({ timestamp: now() - 6 * 60 });
  });

  it('refuses a timestamp more than five minutes in the future with 401, and the request reaches nothing', async () => {
    await expectRefusedAndUnseen({ timestamp: now() + 6 * 60 });
    expect(h.logs.filter((l) => l.msg === 'slack: refused a request timestamped in the future')).toHaveLength(1);
  });

  it('accepts a small clock skew, and that request does reach the tutor, Slack and the store', async () => {
    const rowsBefore = rowCounts(h.services.config.dbPath);
    const payload = refusedPayload();
    expect((await h.sender.command(payload, { timestamp: now() + 60 })).status).toBe(200);
    const reply = await h.fake.waitFor(
      'response_url',
      (_, call) => call.path === new URL(payload.response_url!).pathname,
    );
    // In Lin's language.
    expect(visibleText(reply.args)).toContain(escapeSlack(t('zh', 'team.joined', { team: 'Refused' })));
    expect(h.apiCalls).toEqual([
      { method: 'ensureChannel', channelId: 'C0REFUSED' },
      { method: 'handleCommand', userId: 'U0LIN', channelId: 'C0REFUSED' },
    ]);
    expect(rowCounts(h.services.config.dbPath)).not.toEqual(rowsBefore);
    expect(await h.services.store.findChannel('slack', h.fake.teamId, 'C0REFUSED')).not.toBeNull();
  });
});
