import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import type { CommandRequest } from '../../src/tutor/api.js';
import type { CommandName } from '../../src/tutor/commands/spec.js';
import { POST_LEASE_MS } from '../../src/tutor/daily.js';
import { breadcrumb } from '../../src/tutor/views.js';
import { actor, makeHarness, postToday, openTutor, PLACE, strongAnswer, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
});
afterEach(async () => {
  await h.cleanup();
});

function request(
  command: CommandName,
  options: CommandRequest['options'] = {},
  extra: Partial<CommandRequest> = {},
): CommandRequest {
  return { actor: actor('ada'), place: PLACE, command, options, ...extra };
}

describe('daily challenge', () => {
  it('posts once per channel-day with the topic, breadcrumb, ask, how to answer and close time', async () => {
    const { channel, challenge } = await postToday(h);
    expect(h.outbox.posts).toHaveLength(1);
    const message = h.outbox.posts[0]!.message;
    const content = h.kb.challengeFor(challenge.topicId)!;
    expect(message.title).toContain(content.title);
    expect(message.text).toContain(breadcrumb(content.path));
    expect(breadcrumb(['x'.repeat(30), 'leaf'])).toBe(`${'x'.repeat(23)}… › leaf`);
    // The curated prompt carries a Chinese and an English line: an English post shows the English one only.
    expect(content.prompt).toBe(
      'Redis Cluster 如何把数据分布到多个节点？\nHow does Redis Cluster spread keys over nodes?',
    );
    expect(message.text).toContain('**How does Redis Cluster spread keys over nodes?**');
    expect(message.text).not.toContain('如何把数据分布到多个节点');
    expect(message.text).toContain('/answer');
    expect(message.footer).toBe('Closes at 2026-03-03 00:00 (UTC).');

    expect(await h.tutor.postDailyChallenge(channel, h.outbox)).toMatchObject({ status: 'already-posted' });
    expect(h.outbox.posts).toHaveLength(1);
  });

  it('retries a failed post with backoff, and leaves it unposted (for a later retry) when it keeps failing', async () => {
    const channel = await h.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    h.outbox.failNext(2);
    expect(await h.tutor.postDailyChallenge(channel, h.outbox)).toMatchObject({ status: 'posted' });
    expect(h.outbox.posts).toHaveLength(1);

    const other = await h.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C2' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    h.outbox.failNext(3);
    expect(await h.tutor.postDailyChallenge(other, h.outbox)).toMatchObject({ status: 'failed' });
    expect((await h.store.unpostedChallenges()).map((c) => c.channelId)).toEqual([other.id]);
    const failure = h.logs.find((l) => l.level === 'error' && l.msg.includes('left unposted'));
    expect(failure).toMatchObject({ platform: 'slack', channelId: 'C2', day: '2026-03-02' });

    const pending = await h.tutor.handleCommand(request('challenge', {}, { place: { ...PLACE, channelId: 'C2' } }));
    expect(pending.messages[0]!.text).toContain('being posted');

    // A retry waits for the claim's lease to run out, then one caller (per lease slot) wins it.
    expect(await h.tutor.postDailyChallenge(other, h.outbox)).toMatchObject({ status: 'pending' });
    h.clock.advance(POST_LEASE_MS);
    const rival = await openTutor(h.file, h.clock, { outbox: h.outbox });
    const [mine, theirs] = await Promise.all([
      h.tutor.postDailyChallenge(other, h.outbox),
      rival.tutor.postDailyChallenge(other, h.outbox),
    ]);
    await rival.store.close();
    expect([mine.status, theirs.status].sort()).toEqual(['pending', 'posted']);
    expect(h.outbox.posts.filter((p) => p.channel.channelId === 'C2')).toHaveLength(1);
  });

  it('closes once: the model answer and who answered with best scores, in the thread', async () => {
    const { channel, challenge } = await postToday(h);
    const answer = strongAnswer(h.kb, challenge.topicId);
    await h.tutor.handleCommand(request('answer', { text: 'I am not sure' }));
    await h.tutor.handleCommand(request('answer', { text: answer }));
    await h.tutor.handleCommand(request('answer', { text: 'too short' }, { actor: actor('grace') }));

    h.clock.set(new Date('2026-03-03T00:05:00Z'));
    const record = (await h.store.challengeById(challenge.id))!;
    expect(await h.tutor.closeChallenge(channel, record, h.outbox)).toBe(true);
    expect(await h.tutor.closeChallenge(channel, record, h.outbox)).toBe(false);
    expect(h.outbox.threadPosts).toHaveLength(1);
    const reveal = h.outbox.threadPosts[0]!;
    expect(reveal.threadId).toBe(record.threadId);
    // In the order the challenge was posted: title, topic path, then the labelled model answer, then results.
    const content = h.kb.challengeFor(challenge.topicId)!;
    expect(reveal.message.title).toBe(`Challenge closed: ${content.title}`);
    expect(reveal.message.text).toBe(`_${breadcrumb(content.path)}_`);
    expect(reveal.message.fields!.map((f) => f.name)).toEqual(['Model answer', 'Results']);
    expect(reveal.message.fields![0]!.value).toBe(content.modelAnswer);
    const results = reveal.message.fields!.find((f) => f.name === 'Results')!.value;
    expect(results.split('\n')[0]).toMatch(/^- ada: \d+ ✅ \(2 attempt\(s\)\)$/);
    expect(results).toMatch(/- grace: \d+ ❌ \(1 attempt\(s\)\)/);

    const late = await h.tutor.handleThreadAnswer({
      actor: actor('ada'),
      place: { ...PLACE, threadId: record.threadId! },
      text: answer,
    });
    expect(late?.publicMessage.errorId).toBe('challenge-closed');
  });
});

describe('answers', () => {
  it('grades /answer: a short public score and the detailed feedback privately', async () => {
    const { challenge } = await postToday(h);
    const reply = await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    expect(reply.messages).toHaveLength(2);
    const [publicMessage, privateMessage] = reply.messages;
    // The answer is Chinese, so the whole reply is: the feedback and every line around it.
    expect(publicMessage!.text).toBe('ada 今日挑战得分 93 ✅');
    expect(publicMessage!.private).toBeUndefined();
    expect(privateMessage!.private).toBe(true);
    expect(privateMessage!.title).toBe('今日挑战「Redis Cluster」：93/100 ✅');
    expect(privateMessage!.text).toContain('今天还可作答 2 次，取最好成绩：93。');
    expect(privateMessage!.text).toContain('今日积分：最好成绩 93 = 93（连续第 2 天起才有连续奖励）。');
    expect(privateMessage!.text).toContain('连续 1 天 · 最长 1 天 · 冻结卡 0');
    // Concept names may be Latin terms (Redis Cluster, crc16); the tutor's own words are all Chinese.
    for (const english of ['Score', 'Pain', 'Fix', 'Missing', 'Attempts', 'Points', 'Streak', 'Hint'])
      expect(privateMessage!.text).not.toContain(english);
  });

  it('grades a reply in the challenge thread, and ignores other threads', async () => {
    const { challenge } = await postToday(h);
    const threadId = (await h.store.challengeById(challenge.id))!.threadId!;
    const graded = await h.tutor.handleThreadAnswer({
      actor: actor('ada'),
      place: { ...PLACE, threadId },
      text: strongAnswer(h.kb, challenge.topicId),
    });
    expect(graded).toMatchObject({ reaction: 'pass', privateMessage: { private: true } });
    expect(graded?.attemptId).toBeTypeOf('number');
    const feedback = await h.tutor.attemptFeedback(actor('ada'), graded!.attemptId!);
    expect(feedback.text).toContain('✓');
    expect((await h.tutor.attemptFeedback(actor('grace'), graded!.attemptId!)).errorId).toBe('not-yours');

    expect(
      await h.tutor.handleThreadAnswer({ actor: actor('ada'), place: { ...PLACE, threadId: 'elsewhere' }, text: 'hi' }),
    ).toBeNull();
  });

  it('refuses empty and over-long answers without using an attempt, then caps real attempts', async () => {
    const { challenge } = await postToday(h);
    const empty = await h.tutor.handleCommand(request('answer', { text: '   ' }));
    expect(empty.messages[0]).toMatchObject({ errorId: 'empty-answer' });
    const huge = await h.tutor.handleCommand(request('answer', { text: 'x'.repeat(4001) }));
    expect(huge.messages[0]).toMatchObject({ errorId: 'answer-too-long' });

    for (let i = 0; i < 3; i++) {
      const reply = await h.tutor.handleCommand(request('answer', { text: `attempt ${i}: 缓存会出问题，所以加锁` }));
      expect(reply.messages[0]?.errorId).toBeUndefined();
    }
    const capped = await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    expect(capped.messages).toEqual([expect.objectContaining({ errorId: 'attempt-cap' })]);
    expect(capped.messages[0]!.text).toContain('all 3 attempts');
    const results = await h.store.dayResults(challenge.id);
    expect(results).toEqual([expect.objectContaining({ displayName: 'ada', attempts: 3 })]);
  });

  it('says when the challenge opens when there is none yet, and suggests practice', async () => {
    h.clock.set(new Date('2026-03-02T08:00:00Z'));
    const reply = await h.tutor.handleCommand(request('answer', { text: 'an early answer about caches' }));
    expect(reply.messages[0]).toMatchObject({ errorId: 'no-challenge' });
    expect(reply.messages[0]!.text).toContain('09:00 (UTC)');
    expect(reply.messages[0]!.text).toContain('/practice');
  });

  it('processes a retried delivery (same event id) once', async () => {
    const { challenge } = await postToday(h);
    const text = strongAnswer(h.kb, challenge.topicId);
    const first = await h.tutor.handleCommand(request('answer', { text }, { eventId: 'evt-1' }));
    expect(first.messages).toHaveLength(2);
    expect(await h.tutor.handleCommand(request('answer', { text }, { eventId: 'evt-1' }))).toEqual({ messages: [] });

    const threadId = (await h.store.challengeById(challenge.id))!.threadId!;
    const answer = { actor: actor('grace'), place: { ...PLACE, threadId }, text, eventId: 'evt-2' };
    expect(await h.tutor.handleThreadAnswer(answer)).not.toBeNull();
    expect(await h.tutor.handleThreadAnswer(answer)).toBeNull();
    const results = await h.store.dayResults(challenge.id);
    expect(results.map((r) => [r.displayName, r.attempts])).toEqual(
      expect.arrayContaining([
        ['ada', 1],
        ['grace', 1],
      ]),
    );
  });

  it('passes mention-like text through untouched (renderers neutralize it)', async () => {
    const { challenge } = await postToday(h);
    const loud = actor('@everyone <!channel>');
    const reply = await h.tutor.handleCommand(
      request('answer', { text: `<@U999> ${strongAnswer(h.kb, challenge.topicId)}` }, { actor: loud }),
    );
    expect(reply.messages[0]!.text).toContain('@everyone <!channel> 今日挑战得分');
    h.clock.set(new Date('2026-03-03T00:01:00Z'));
    const channel = (await h.store.findChannel('slack', 'T1', 'C1'))!;
    await h.tutor.closeChallenge(channel, (await h.store.challengeById(challenge.id))!, h.outbox);
    expect(h.outbox.threadPosts[0]!.message.fields!.map((f) => f.value).join('\n')).toContain('@everyone <!channel>');
  });

  it('explains a store that cannot write, while lookups keep working', async () => {
    const { challenge } = await postToday(h);
    const readOnly = openSqliteStore(h.file, { readOnly: true });
    const { tutor } = await openTutor(h.file, h.clock, { store: readOnly });
    try {
      const reply = await tutor.handleCommand(
        request('answer', { text: '缓存雪崩会压垮数据库，所以要加随机过期时间' }),
      );
      expect(reply.messages).toHaveLength(1);
      expect(reply.messages[0]!.errorId).toBe('store-read-only');
      expect(reply.messages[0]!.text).toContain('this answer was not saved');
      const inThread = await tutor.handleThreadAnswer({
        actor: actor('ada'),
        place: { ...PLACE, threadId: (await readOnly.challengeById(challenge.id))!.threadId! },
        text: strongAnswer(h.kb, challenge.topicId),
        eventId: 'evt-ro',
      });
      expect(inThread).toMatchObject({ reaction: 'rejected', privateMessage: { errorId: 'store-read-only' } });
      const lookup = await tutor.handleCommand(request('topic', { query: 'redis' }));
      expect(lookup.messages[0]!.errorId).toBeUndefined();
      expect(lookup.messages[0]!.title).toBeTruthy();
    } finally {
      await readOnly.close();
    }
  });
});

describe('commands', () => {
  it('looks topics up, and offers no unrelated topics for an unknown one', async () => {
    const hit = await h.tutor.handleCommand(request('topic', { query: 'k8s' }));
    expect(hit.messages[0]!.title).toBeTruthy();
    expect(hit.messages[0]!.text).toContain('›');
    const miss = await h.tutor.handleCommand(request('topic', { query: 'qwzxv plorbst' }));
    expect(miss.messages[0]).toMatchObject({ errorId: 'unknown-topic', tone: 'warning' });
    expect(miss.messages[0]!.text).toContain('qwzxv plorbst');
    expect(miss.messages[0]!.fields).toEqual([]);
  });

  it('refuses unknown and invalid options with a clear message', async () => {
    const badPeriod = await h.tutor.handleCommand(request('leaderboard', { period: 'year' }));
    expect(badPeriod.messages[0]).toMatchObject({ errorId: 'invalid-option' });
    expect(badPeriod.messages[0]!.text).toContain('period');
    const unknown = await h.tutor.handleCommand(request('challenge', { colour: 'red' }));
    expect(unknown.messages[0]!.text).toContain('unknown option colour');
    const badTime = await h.tutor.handleCommand(
      request('schedule', { time: '25:00' }, { actor: actor('root', { isAdmin: true }) }),
    );
    expect(badTime.messages[0]).toMatchObject({ errorId: 'invalid-option' });
    const badZone = await h.tutor.handleCommand(
      request('schedule', { time: '08:00', timezone: 'Mars/Olympus' }, { actor: actor('root', { isAdmin: true }) }),
    );
    expect(badZone.messages[0]!.text).toContain('Mars/Olympus');
  });

  it('refuses admin commands to non-admins, and lets admins (flag or configured list) change the schedule', async () => {
    for (const command of ['schedule', 'pause', 'resume', 'post-now', 'reload'] as const) {
      const options = command === 'schedule' ? { time: '08:00' } : {};
      const reply = await h.tutor.handleCommand(request(command, options));
      expect(reply.messages).toEqual([expect.objectContaining({ errorId: 'not-admin', tone: 'warning' })]);
    }
    expect(h.outbox.posts).toHaveLength(0);

    const changes: string[] = [];
    h.tutor.onScheduleChange((c) => changes.push(`${c.scheduleTime} ${c.timeZone} ${c.paused}`));
    const admin = actor('root', { isAdmin: true });
    await h.tutor.handleCommand(request('schedule', { time: '07:30', timezone: 'Asia/Shanghai' }, { actor: admin }));
    await h.tutor.handleCommand(request('pause', {}, { actor: admin }));
    const listed = await makeHarness('2026-03-02T10:00:00Z', { admins: ['U-lin'] });
    try {
      const reply = await listed.tutor.handleCommand(request('resume', {}, { actor: actor('lin') }));
      expect(reply.messages[0]!.tone).toBe('success');
    } finally {
      await listed.cleanup();
    }
    expect(changes).toEqual(['07:30 Asia/Shanghai false', '07:30 Asia/Shanghai true']);
    expect((await h.store.findChannel('slack', 'T1', 'C1'))?.paused).toBe(true);
  });

  it('post-now posts once per day', async () => {
    const admin = actor('root', { isAdmin: true });
    const first = await h.tutor.handleCommand(request('post-now', {}, { actor: admin }));
    expect(first.messages[0]!.tone).toBe('success');
    const second = await h.tutor.handleCommand(request('post-now', {}, { actor: admin }));
    expect(second.messages[0]!.errorId).toBe('already-posted');
    expect(h.outbox.posts).toHaveLength(1);
    const shown = await h.tutor.handleCommand(request('challenge'));
    expect(shown.messages[0]!.title).toBe(h.outbox.posts[0]!.message.title);
  });

  it('a user may join a team and practise before any channel of the workspace is seen', async () => {
    const fresh = { ...PLACE, workspaceId: 'T2' };
    const newcomer = actor('lin', { workspaceId: 'T2' });
    const joined = await h.tutor.handleCommand(
      request('team', { name: 'Owls' }, { actor: newcomer, place: fresh, subcommand: 'join' }),
    );
    expect(joined.messages[0]!.text).toBe('You joined team Owls.');
  });

  it('teams: join, switch, leave, and a team leaderboard', async () => {
    const { challenge } = await postToday(h);
    const joined = await h.tutor.handleCommand(request('team', { name: 'Owls' }, { subcommand: 'join' }));
    expect(joined.messages[0]!.text).toBe('You joined team Owls.');
    const switched = await h.tutor.handleCommand(request('team', { name: 'Larks' }, { subcommand: 'join' }));
    expect(switched.messages[0]!.text).toBe('You left team Owls and joined team Larks.');
    await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    await h.tutor.handleCommand(
      request(
        'answer',
        { text: strongAnswer(h.kb, challenge.topicId) },
        { actor: actor('grace', { platformTeams: ['Owls'] }) },
      ),
    );
    const board = await h.tutor.handleCommand(request('leaderboard', { period: 'week', teams: true }));
    expect(board.messages[0]!.title).toBe('Leaderboard (this week, teams)');
    expect(board.messages[0]!.text).toMatch(/Larks/);
    expect(board.messages[0]!.text).toMatch(/Owls/);
    const left = await h.tutor.handleCommand(request('team', {}, { subcommand: 'leave' }));
    expect(left.messages[0]!.text).toBe('You left team Larks.');
    const people = await h.tutor.handleCommand(request('leaderboard'));
    expect(people.messages[0]!.text).toMatch(/^1\. (ada|grace): \d+ points · streak 1/);
  });

  it('streak of another user by name, and replies in Chinese for a Chinese locale', async () => {
    const { challenge } = await postToday(h);
    await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    const other = await h.tutor.handleCommand(
      request('streak', { user: 'ada' }, { actor: actor('grace', { locale: 'zh' }) }),
    );
    expect(other.messages[0]!.title).toBe('ada 的连续记录');
    expect(other.messages[0]!.text).toContain('当前：1 天');
    const nobody = await h.tutor.handleCommand(request('streak', { user: 'nobody' }));
    expect(nobody.messages[0]!.errorId).toBe('unknown-user');
  });

  it('autocomplete returns at most 25 choices of at most 100 characters', async () => {
    const choices = h.tutor.autocomplete('缓存', 'zh');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('an overview for dashboards: streak, points, team and today', async () => {
    const { challenge } = await postToday(h);
    await h.tutor.handleCommand(request('team', { name: 'Owls' }, { subcommand: 'join' }));
    await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    const overview = await h.tutor.overview(actor('ada'));
    expect(overview.streak.current).toBe(1);
    expect(overview.points.week).toBeGreaterThan(0);
    expect(overview.points.all).toBe(overview.points.week);
    expect(overview.team).toEqual({ name: 'Owls', rank: 1, teams: 1 });
    expect(overview.today).toEqual([
      expect.objectContaining({ channelId: 'C1', answered: true, title: h.kb.challengeFor(challenge.topicId)!.title }),
    ]);
  });

  it('reload reports success, failure, or that it is unavailable', async () => {
    const admin = actor('root', { isAdmin: true });
    const reply = await h.tutor.handleCommand(request('reload', {}, { actor: admin }));
    expect(reply.messages[0]!.errorId).toBe('reload-unavailable');
  });
});
