/** A real SQLite file in a fresh temp dir, plus shorthands for channels, challenges and answers. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { dayInZone, localTimeToInstant } from '../../src/domain/calendar.js';
import type { Platform } from '../../src/domain/vocabulary.js';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from '../../src/store/sqlite/store.js';
import type { AttemptOutcome, ChannelRecord, UserRef } from '../../src/store/types.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tutor-store-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function openStore(file: string, options?: SqliteStoreOptions): SqliteStore {
  const store = openSqliteStore(file, options);
  cleanups.push(() => store.close());
  return store;
}

export const PLATFORM: Platform = 'console';
export const WORKSPACE = 'ws';

export function user(id: string, displayName = id): UserRef {
  return { platform: PLATFORM, workspaceExternalId: WORKSPACE, externalId: id, displayName };
}

export const NO_CONCEPTS = { pain: [], fix: [], negated: [] };

/** One workspace and channel in `zone`; answers are given at local times on challenge days. */
export class Fixture {
  private constructor(
    readonly store: SqliteStore,
    readonly channel: ChannelRecord,
    readonly file: string,
  ) {}

  static async create(zone = 'UTC', file = path.join(tempDir(), 'tutor.db'), channelId = 'general') {
    const store = openStore(file);
    await store.ensureWorkspace(PLATFORM, WORKSPACE, { timeZone: zone });
    const channel = await store.ensureChannel(
      { platform: PLATFORM, workspaceExternalId: WORKSPACE, externalId: channelId },
      { scheduleTime: '09:00', timeZone: zone },
    );
    return new Fixture(store, channel, file);
  }

  async challenge(day: string, topicId = `topic-${day}`) {
    const at = localTimeToInstant(day, this.channel.scheduleTime, this.channel.timeZone);
    return (await this.store.claimDailyChallenge({ channelId: this.channel.id, day, topicId, at })).challenge;
  }

  /** Answers the challenge of the day `at` falls on in the channel's zone (claiming it if needed). */
  async answerAt(
    who: UserRef,
    at: Date,
    score: number,
    options: { passMark?: number; maxAttempts?: number; eventKey?: string } = {},
  ): Promise<AttemptOutcome> {
    const challenge = await this.challenge(dayInZone(at, this.channel.timeZone));
    return this.store.recordAttempt({
      challengeId: challenge.id,
      user: who,
      text: `answer scoring ${score}`,
      score,
      passed: score >= (options.passMark ?? 60),
      concepts: NO_CONCEPTS,
      feedback: `feedback ${score}`,
      at,
      maxAttempts: options.maxAttempts ?? 3,
      eventKey: options.eventKey,
    });
  }

  /** Answers at local `time` (default noon) on `day`. */
  answer(who: UserRef, day: string, score: number, options: { time?: string; maxAttempts?: number } = {}) {
    return this.answerAt(who, localTimeToInstant(day, options.time ?? '12:00', this.channel.timeZone), score, options);
  }
}

export function recorded(outcome: AttemptOutcome) {
  if (outcome.status !== 'recorded') throw new Error(`expected a recorded attempt, got ${outcome.status}`);
  return outcome;
}
