/**
 * One language per reply: a graded reply follows the reply's language throughout (feedback and every line
 * around it), other replies the learner's locale, and channel posts the configured locale.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { CONSOLE_HELP, commandHelp } from '../../src/tutor/text-commands.js';
import type { Locale } from '../../src/domain/vocabulary.js';
import type { CommandRequest } from '../../src/tutor/api.js';
import type { CommandName } from '../../src/tutor/commands/spec.js';
import { actor, makeHarness, postToday, PLACE, strongAnswer, strongEnglishAnswer, type Harness } from './harness.js';

const opened: Harness[] = [];
afterEach(async () => {
  for (const harness of opened.splice(0)) await harness.cleanup();
});

async function open(settings: Parameters<typeof makeHarness>[1] = {}): Promise<Harness> {
  const harness = await makeHarness('2026-03-02T10:00:00Z', settings);
  opened.push(harness);
  return harness;
}

const request = (command: CommandName, options: CommandRequest['options'], locale: Locale = 'en'): CommandRequest => ({
  actor: actor('ada', { locale }),
  place: PLACE,
  command,
  options,
});

describe('one language per reply', () => {
  it('answers an English reply in English throughout, whatever the learner’s locale', async () => {
    const h = await open();
    const { challenge } = await postToday(h);
    const title = h.kb.challengeFor(challenge.topicId)!.title;
    const reply = await h.tutor.handleCommand(
      request('answer', { text: strongEnglishAnswer(h.kb, challenge.topicId) }, 'zh'),
    );
    const [shown, detail] = reply.messages;
    expect(shown!.text).toBe('ada scored 94 ✅ on today’s challenge');
    expect(detail!.title).toBe(`Today’s challenge “${title}”: 94/100 ✅`);
    const around = detail!.text.split('\n\n').at(-1)!;
    expect(around).toBe(
      [
        'Attempts left today: 2. Your best score counts: 94.',
        'Points for today: best score 94 = 94 (the streak bonus starts on day 2 of a streak).',
        'Streak: 1 day(s) · longest 1 · freezes 0',
        'Next review of this topic in 8 day(s).',
      ].join('\n'),
    );
  });

  it('shows stored feedback again under a title in the feedback’s language', async () => {
    const h = await open();
    const { challenge } = await postToday(h);
    const answered = await h.tutor.handleThreadAnswer({
      actor: actor('ada', { locale: 'zh' }),
      place: { ...PLACE, threadId: (await h.store.challengeById(challenge.id))!.threadId! },
      text: strongEnglishAnswer(h.kb, challenge.topicId),
    });
    const again = await h.tutor.attemptFeedback(actor('ada', { locale: 'zh' }), answered!.attemptId!);
    expect(again.title).toBe('Your answer: 94/100');
    expect(again.text).toBe(answered!.privateMessage.text.split('\n\n')[0]);
  });

  it('answers a Chinese reply in Chinese throughout, whatever the learner’s locale', async () => {
    const h = await open();
    const { challenge } = await postToday(h);
    const reply = await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    const detail = reply.messages[1]!;
    expect(detail.text.split('\n\n').at(-1)).toBe(
      [
        '今天还可作答 2 次，取最好成绩：93。',
        '今日积分：最好成绩 93 = 93（连续第 2 天起才有连续奖励）。',
        '连续 1 天 · 最长 1 天 · 冻结卡 0',
        '该主题将在 8 天后复习。',
      ].join('\n'),
    );
    expect(detail.text).not.toContain('Attempts left');
  });

  it('posts the daily challenge and its reveal in the configured locale', async () => {
    const h = await open({ locale: 'zh' });
    const { channel, challenge } = await postToday(h);
    const content = h.kb.challengeFor(challenge.topicId)!;
    const post = h.outbox.posts[0]!.message;
    expect(post.title).toBe(`每日挑战：${content.title}`);
    expect(content.title).toBe('Redis Cluster');
    expect(post.text).toContain('**Redis Cluster 如何把数据分布到多个节点？**');
    expect(post.text).not.toContain('How does');
    expect(post.footer).toBe('截止时间 2026-03-03 00:00（UTC）。');
    h.clock.set(new Date('2026-03-03T00:01:00Z'));
    await h.tutor.closeChallenge(channel, (await h.store.challengeById(challenge.id))!, h.outbox);
    const reveal = h.outbox.threadPosts[0]!.message;
    expect(reveal.fields!.map((f) => f.name)).toEqual(['参考答案', '结果']);
    expect(reveal.fields![1]!.value).toBe('今天没有人作答。');
  });
});

describe('points on screen add up', () => {
  it('shows the streak bonus where it is added: best score + bonus = points', async () => {
    const h = await open();
    const first = await postToday(h);
    await h.tutor.handleCommand(request('answer', { text: strongEnglishAnswer(h.kb, first.challenge.topicId) }));
    h.clock.set(new Date('2026-03-03T10:00:00Z'));
    const { challenge } = await postToday(h);
    const weak = await h.tutor.handleCommand(request('answer', { text: 'no idea what this is about, sorry' }));
    expect(weak.messages[1]!.text).toContain(
      'Points for today: best score 0 = 0 (no streak bonus until your best passes).',
    );
    const strong = await h.tutor.handleCommand(
      request('answer', { text: strongEnglishAnswer(h.kb, challenge.topicId) }),
    );
    expect(strong.messages[1]!.text).toContain(
      'Points for today: best score 98 + streak bonus 10 (10% on day 2 of your streak) = 108.',
    );
    const board = await h.tutor.handleCommand(request('leaderboard', { period: 'all' }));
    expect(board.messages[0]!.text).toBe('1. ada: 202 points · streak 2');
  });
});

describe('the points rule', () => {
  it('is written in /help, from the rule’s own constants', () => {
    expect(commandHelp('en', CONSOLE_HELP).split('\n').at(-1)).toBe(
      '**Points:** each day your best score (0–100) counts. When it passes, a streak bonus adds 10% for every streak day after the first, up to +50%; a best that does not pass earns its score without a bonus. Practice earns no points.',
    );
  });
});

describe('model answers of English notes', () => {
  it('are labelled in English, not wrapped in 痛点：… 解法：…', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tutor-english-notes-'));
    try {
      writeFileSync(
        path.join(dir, 'notes.md'),
        [
          '# Web architecture',
          '## Caching',
          '- Problems',
          '  - Every page view reads the same hot rows, so the database is overloaded and pages load slowly',
          '- Solution',
          '  - Put a cache in front of the database and expire entries, so hot reads never reach the database',
        ].join('\n'),
      );
      const kb = await loadKnowledgeBase(dir);
      // Labels (Problems, Solution) feed their parent: the one daily topic is Caching, answered in English.
      const daily = kb.dailyTopics().map((id) => kb.challengeFor(id)!);
      expect(daily.map((c) => [c.title, c.modelAnswer])).toEqual([
        [
          'Caching',
          'Pain: Every page view reads the same hot rows, so the database is overloaded and pages load slowly\n' +
            'Fix: Put a cache in front of the database and expire entries, so hot reads never reach the database',
        ],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
