/**
 * Review reminders: at the channel's daily time, one private message a day to each learner who opted in
 * there and has a review due, and to nobody else.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/domain/logger.js';
import type { ReviewRating } from '../../src/domain/review.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { actor, openTutor, PLACE, recordingOutbox, tempDbFile } from '../tutor/harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const { dir, file } = tempDbFile();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
  const outbox = recordingOutbox();
  const parts = await openTutor(file, clock, { outbox });
  cleanups.push(() => parts.store.close());
  const scheduler = createScheduler({
    tutor: parts.tutor,
    store: parts.store,
    outboxes: { slack: outbox },
    clock,
    logger: silentLogger,
    cron: () => ({ stop() {} }),
  });
  cleanups.push(() => scheduler.stop());
  return { ...parts, clock, outbox, scheduler };
}

describe('review reminders', () => {
  it('go at the channel’s time, once a day, only to opted-in learners with a review due', async () => {
    const { store, tutor, clock, outbox, scheduler, kb } = await setup();
    const topic = kb.dailyTopics()[0]!;
    const review = (name: string, rating: ReviewRating, iso: string) => {
      const { userId, displayName } = actor(name);
      return store.recordReview({
        user: { platform: 'slack', workspaceExternalId: 'T1', externalId: userId, displayName },
        topicId: topic,
        kind: 'practice',
        score: rating === 'again' ? 20 : 95,
        rating,
        missed: [],
        at: new Date(iso),
        dedupeKey: `${name}:${iso}`,
        retention: 0.9,
      });
    };
    await store.ensureWorkspace('slack', 'T1', { timeZone: 'UTC' });
    await review('ada', 'again', '2026-02-27T09:00:00Z'); // due, opted in
    await review('bob', 'easy', '2026-03-01T09:00:00Z'); // opted in, nothing due for days
    await review('cyd', 'again', '2026-02-27T09:00:00Z'); // due, never opted in
    await review('dan', 'again', '2026-02-27T09:00:00Z'); // due, opted in then out
    const remind = (name: string, state: 'on' | 'off') =>
      tutor.handleCommand({
        actor: actor(name),
        place: PLACE,
        command: 'review',
        subcommand: 'remind',
        options: { state },
      });
    const on = await remind('ada', 'on');
    expect(on.messages[0]).toMatchObject({
      private: true,
      text: 'Review reminders are on here: one private message a day at 09:00 (UTC) when a review is due.',
    });
    await remind('bob', 'on');
    await remind('dan', 'on');
    await remind('dan', 'off');

    await scheduler.runDue(clock.now());
    expect(outbox.privateMessages).toEqual([]);

    clock.set(new Date('2026-03-02T09:00:00Z'));
    await scheduler.runDue(clock.now());
    clock.set(new Date('2026-03-02T09:01:00Z'));
    await scheduler.runDue(clock.now());
    expect(outbox.privateMessages.map((m) => m.user)).toEqual([
      { platform: 'slack', workspaceId: 'T1', userId: 'U-ada' },
    ]);
    const title = kb.challengeFor(topic)!.title;
    expect(outbox.privateMessages[0]!.message).toMatchObject({ title: 'Time to review', private: true });
    expect(outbox.privateMessages[0]!.message.text).toContain(`“${title}”`);

    // The next day, still due: reminded again, once.
    clock.set(new Date('2026-03-03T09:30:00Z'));
    await scheduler.runDue(clock.now());
    await scheduler.runDue(clock.now());
    expect(outbox.privateMessages.map((m) => m.user.userId)).toEqual(['U-ada', 'U-ada']);

    // Turned off: nothing more.
    await remind('ada', 'off');
    clock.set(new Date('2026-03-04T09:30:00Z'));
    await scheduler.runDue(clock.now());
    expect(outbox.privateMessages).toHaveLength(2);
  });
});
