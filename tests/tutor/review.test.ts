/**
 * Spaced review through the core: every graded answer reviews the learner's card, `/review next` asks the
 * most overdue topic privately, `/review answer` grades and reschedules it, `/progress` reports, and no
 * review ever touches a streak or a leaderboard.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRequest } from '../../src/tutor/api.js';
import type { CommandName } from '../../src/tutor/commands/spec.js';
import { progressJson, progressReport } from '../../src/tutor/use-cases/progress.js';
import { actor, makeHarness, PLACE, postToday, strongAnswer, type Harness } from './harness.js';

const DAY = 86_400_000;
let h: Harness;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
});
afterEach(async () => {
  await h.cleanup();
});

const request = (
  command: CommandName,
  options: CommandRequest['options'] = {},
  extra: Partial<CommandRequest> = {},
): CommandRequest => ({ actor: actor('ada'), place: PLACE, command, options, ...extra });
const ada = { platform: 'slack' as const, workspaceExternalId: 'T1', externalId: 'U-ada' };

describe('spaced review', () => {
  it('reviews the card of a daily answer once, even when the event is redelivered', async () => {
    const { challenge } = await postToday(h);
    const text = strongAnswer(h.kb, challenge.topicId);
    const first = await h.tutor.handleThreadAnswer({
      actor: actor('ada'),
      place: { ...PLACE, threadId: (await h.store.challengeById(challenge.id))!.threadId! },
      text,
      eventId: 'Ev1',
    });
    expect(first?.privateMessage.text).toMatch(/该主题将在 \d+ 天后复习。$/);
    await h.tutor.handleThreadAnswer({
      actor: actor('ada'),
      place: { ...PLACE, threadId: (await h.store.challengeById(challenge.id))!.threadId! },
      text,
      eventId: 'Ev1',
    });
    const cards = await h.store.cards(ada);
    expect(cards.map((c) => [c.topicId, c.reps, c.lastScore])).toEqual([[challenge.topicId, 1, 93]]);
  });

  it('with nothing due, says when the next review is due and offers /practice', async () => {
    const empty = await h.tutor.handleCommand(request('review', {}, { subcommand: 'next' }));
    expect(empty.messages[0]).toMatchObject({ private: true });
    expect(empty.messages[0]!.text).toMatch(/^Nothing to review yet/);

    const { challenge } = await postToday(h);
    await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    const card = (await h.store.cards(ada))[0]!;
    const reply = await h.tutor.handleCommand(request('review', {}, { subcommand: 'next' }));
    const days = Math.round((card.due.getTime() - h.clock.now().getTime()) / DAY);
    expect(reply.messages[0]!.text).toBe(
      `Nothing to review now: your next review is due ${card.due.toISOString().slice(0, 10)} (in ${days} day(s)). Meanwhile, try \`/practice\`.`,
    );
  });

  it('asks the most overdue topic privately, grades the answer and says when it comes back', async () => {
    const { challenge } = await postToday(h);
    await h.tutor.handleCommand(request('answer', { text: 'no idea at all, sorry' }));
    const title = h.kb.challengeFor(challenge.topicId)!.title;
    h.clock.advance(2 * DAY);

    const asked = await h.tutor.handleCommand(request('review', {}, { subcommand: 'next' }));
    expect(asked.messages).toHaveLength(1);
    expect(asked.messages[0]).toMatchObject({ title: `Review: ${title}`, private: true });
    expect(asked.messages[0]!.text).toContain('`/review answer <text>`');

    const answered = await h.tutor.handleCommand(
      request('review', { text: strongAnswer(h.kb, challenge.topicId) }, { subcommand: 'answer' }),
    );
    const message = answered.messages[0]!;
    expect(message).toMatchObject({ title: `复习「${title}」：93/100 ✅`, private: true, tone: 'success' });
    const card = (await h.store.cards(ada))[0]!;
    const days = Math.round((card.due.getTime() - h.clock.now().getTime()) / DAY);
    expect(days).toBeGreaterThan(0);
    expect(message.text.split('\n').at(-1)).toBe(`该主题将在 ${days} 天后复习。`);
    expect(card).toMatchObject({ reps: 2, lastScore: 93, lastRating: 'easy' });

    const again = await h.tutor.handleCommand(request('review', { text: 'more' }, { subcommand: 'answer' }));
    expect(again.messages.map((m) => m.errorId)).toEqual(['no-review']);
  });

  it('never changes a streak or a leaderboard', async () => {
    const { challenge } = await postToday(h);
    await h.tutor.handleCommand(request('answer', { text: strongAnswer(h.kb, challenge.topicId) }));
    const today = '2026-03-02';
    const standing = async () => ({
      streak: await h.store.streak(ada, { recentDays: 14, today }),
      points: await h.store.learnerPoints(ada, today),
      board: await h.store.leaderboard({
        workspace: { platform: 'slack', externalId: 'T1' },
        period: 'all',
        today,
        by: 'points',
        teams: false,
        limit: 10,
      }),
    });
    const before = await standing();
    expect(before.points.all).toBeGreaterThan(0);

    for (const text of ['wrong', strongAnswer(h.kb, challenge.topicId), 'still wrong']) {
      h.clock.set((await h.store.nextDue(ada))!);
      await h.tutor.handleCommand(request('review', {}, { subcommand: 'next' }));
      const graded = await h.tutor.handleCommand(request('review', { text }, { subcommand: 'answer' }));
      expect(graded.messages[0]!.errorId).toBeUndefined();
    }
    expect((await h.store.cards(ada))[0]!.reps).toBe(4);
    expect(await standing()).toEqual(before);
  });

  it('reports progress: states, due, retention, weakest concepts and activity', async () => {
    const { challenge } = await postToday(h);
    await h.tutor.handleCommand(request('answer', { text: 'no idea at all, sorry' }));
    await h.tutor.handleCommand(request('practice', { topic: 'redis' }));
    h.clock.advance(DAY);

    const shown = await h.tutor.handleCommand(request('progress'));
    expect(shown.messages[0]).toMatchObject({ title: 'Progress of ada', private: true });
    expect(shown.messages[0]!.text).toContain('new 1 · learning 1 · review 0 · mastered 0');

    const report = await progressReport(
      h.store,
      h.kb,
      { ...ada, displayName: 'ada' },
      {
        now: h.clock.now(),
        zone: 'UTC',
        retention: 0.9,
      },
    );
    const json = progressJson(report);
    expect(Object.keys(json)).toEqual(['user', 'cards', 'due', 'retention', 'weakConcepts']);
    expect(json.due).toBe(2);
    expect(json.retention).toBeGreaterThan(0);
    const failed = json.cards.find((c) => c.topicId === challenge.topicId)!;
    expect(failed).toMatchObject({ state: 'learning', reps: 1, lapses: 0, lastScore: expect.any(Number) });
    expect(Object.keys(failed)).toEqual([
      'topicId',
      'title',
      'path',
      'state',
      'due',
      'stability',
      'difficulty',
      'reps',
      'lapses',
      'lastScore',
    ]);
    expect(json.weakConcepts.length).toBeGreaterThan(0);
    expect(json.weakConcepts.length).toBeLessThanOrEqual(5);
    expect(json.weakConcepts.every((w) => w.topicId === challenge.topicId && w.missed === 1)).toBe(true);
    expect(report.activity.split('\n')).toHaveLength(12);
    expect(report.activity.split('\n').at(-1)).toBe('░·');
  });
});
