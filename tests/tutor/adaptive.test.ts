/**
 * Adaptive mode through the tutor and a real store: `/tutor mode adaptive` (admin only) makes the daily pick
 * favour what the channel's learners missed or have due, never inside the rotation window, and the post says
 * why; a rotation channel with the same misses keeps rotating.
 */
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import type { ChannelRecord, Store } from '../../src/store/types.js';
import type { Place } from '../../src/tutor/api.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { t } from '../../src/tutor/i18n.js';
import { createTutor, type Tutor } from '../../src/tutor/tutor.js';
import { recordingLogger, type LogLine } from '../support/recording-logger.js';
import { actor, recordingOutbox, seedKnowledge, SETTINGS, tempDbFile, type RecordingOutbox } from './harness.js';

const ROTATION_DAYS = 3;
const START = '2026-03-02';

let dir: string;
let store: Store;
let clock: ManualClock;
let outbox: RecordingOutbox;
let tutor: Tutor;
let logs: LogLine[];
let kb: Awaited<ReturnType<typeof seedKnowledge>>;

beforeEach(async () => {
  const db = tempDbFile();
  dir = db.dir;
  store = openSqliteStore(db.file);
  clock = new ManualClock(new Date(`${START}T10:00:00Z`));
  outbox = recordingOutbox();
  kb = await seedKnowledge();
  const recorded = recordingLogger();
  logs = recorded.lines;
  tutor = tutorOn(store, recorded.logger);
});

function tutorOn(on: Store, logger: ReturnType<typeof recordingLogger>['logger']): Tutor {
  return createTutor({
    store: on,
    knowledge: () => kb,
    clock,
    logger,
    config: { ...SETTINGS, rotationDays: ROTATION_DAYS, admins: ['boss'] },
  });
}
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const place = (channelId: string): Place => ({ platform: 'slack', workspaceId: 'T1', channelId });

async function setMode(channelId: string, mode: string, who = 'boss') {
  return tutor.handleCommand({ actor: actor(who), place: place(channelId), command: 'mode', options: { mode } });
}

async function channelRecord(channelId: string): Promise<ChannelRecord> {
  return (await store.findChannel('slack', 'T1', channelId)) as ChannelRecord;
}

/** Posts day `i` in a channel; returns the topic and the post's text. */
async function postDay(channelId: string, i: number): Promise<{ topicId: string; text: string }> {
  clock.set(new Date(`${addDays(START, i)}T10:00:00Z`));
  const result = await tutor.postDailyChallenge(await channelRecord(channelId), outbox);
  if (result.status !== 'posted') throw new Error(`day ${i}: ${result.status}`);
  return { topicId: result.challenge.topicId, text: outbox.posts.at(-1)!.message.text ?? '' };
}

async function missToday(channelId: string, names: readonly string[]) {
  for (const name of names) {
    const reply = await tutor.handleCommand({
      actor: actor(name),
      place: place(channelId),
      command: 'answer',
      options: { text: 'I am not sure what this one is about, sorry, no idea at all today.' },
    });
    expect(reply.messages.some((m) => m.tone === 'failure')).toBe(true);
  }
}

describe('/tutor mode', () => {
  it('is for admins; it sets the channel’s mode and says what it does', async () => {
    const refused = await setMode('C1', 'adaptive', 'ada');
    expect(refused.messages.map((m) => m.errorId)).toEqual(['not-admin']);
    const set = await setMode('C1', 'adaptive');
    expect(set.messages).toEqual([{ text: t('en', 'admin.mode-adaptive', { days: ROTATION_DAYS }), tone: 'success' }]);
    expect((await channelRecord('C1')).mode).toBe('adaptive');
    await setMode('C1', 'rotation');
    expect((await channelRecord('C1')).mode).toBe('rotation');
    const wrong = await setMode('C1', 'random');
    expect(wrong.messages.map((m) => m.errorId)).toEqual(['invalid-option']);
  });
});

describe('adaptive daily picks', () => {
  it('brings back a missed topic as soon as the window allows, before never-asked ones, and says why', async () => {
    await setMode('C1', 'adaptive');
    await setMode('C2', 'rotation');
    const first = await postDay('C1', 0);
    const other = await postDay('C2', 0);
    await missToday('C1', ['ada', 'bob']);
    await missToday('C2', ['ada', 'bob']);

    const adaptive: string[] = [];
    const rotation: string[] = [];
    // The window holds a topic while it is among the last ROTATION_DAYS challenges.
    for (let i = 1; i <= ROTATION_DAYS + 1; i++) {
      adaptive.push((await postDay('C1', i)).topicId);
      rotation.push((await postDay('C2', i)).topicId);
    }
    // Inside the window it waits; on the first day out of it, it comes back, ahead of 50-odd unasked topics.
    expect(adaptive.slice(0, ROTATION_DAYS)).not.toContain(first.topicId);
    expect(adaptive[ROTATION_DAYS]).toBe(first.topicId);
    const back = outbox.posts.at(-2)!.message.text ?? '';
    // Its misses are due for review too (FSRS brings a failed topic back), so the post names both reasons.
    const when = t('en', 'adaptive.within-week');
    expect(back).toContain(t('en', 'adaptive.missed-due', { count: 2, when, due: 2 }));
    // A rotation channel with the same misses asks every topic once before any comes again.
    expect(rotation).not.toContain(other.topicId);
    expect(outbox.posts.at(-1)!.message.text).not.toMatch(/Chosen because/);
  });

  it('picks what the channel’s learners have due for review (their failed practice), and says so', async () => {
    const dueTopic = kb.dailyTopics()[20]!;
    const title = kb.challengeFor(dueTopic)!.title;
    await setMode('C1', 'adaptive');
    await setMode('C2', 'rotation');
    await postDay('C1', 0);
    await postDay('C2', 0);
    const learners = ['ada', 'bob', 'cy'];
    // They answer here (so they are this channel's learners), then fail a practice: FSRS brings it back tomorrow.
    await missToday('C1', learners);
    for (const name of learners) {
      await tutor.handleCommand({
        actor: actor(name),
        place: place('C1'),
        command: 'practice',
        options: { topic: title },
      });
      await tutor.handleCommand({
        actor: actor(name),
        place: place('C1'),
        command: 'practice-answer',
        options: { text: 'I am not sure what this one is about, sorry, no idea at all today.' },
      });
    }
    const picked = await postDay('C1', 1);
    expect(picked.topicId).toBe(dueTopic);
    expect(picked.text).toContain(t('en', 'adaptive.due', { due: learners.length }));
    expect((await postDay('C2', 1)).topicId).not.toBe(dueTopic);
  });

  it('still posts, weighing misses only, when the due count fails', async () => {
    const recorded = recordingLogger();
    logs = recorded.lines;
    const failing: Store = {
      ...store,
      dueLearnersByTopic: () => Promise.reject(new Error('reviews unavailable')),
    };
    tutor = tutorOn(failing, recorded.logger);
    await setMode('C1', 'adaptive');
    const first = await postDay('C1', 0);
    await missToday('C1', ['ada']);
    for (let i = 1; i <= ROTATION_DAYS; i++) await postDay('C1', i);
    expect((await postDay('C1', ROTATION_DAYS + 1)).topicId).toBe(first.topicId);
    expect(logs.some((line) => line.msg === 'due reviews unavailable; misses only')).toBe(true);
  });
});
