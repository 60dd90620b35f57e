import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import type { ChannelRecord, Store } from '../../src/store/types.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { createThreadChallenges, REMEMBER_MS } from '../../src/tutor/thread-challenges.js';
import { tempDbFile } from './harness.js';

const PLACE = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1', threadId: 't-1' };

describe('the challenge a thread answers', () => {
  let dir: string;
  let store: Store;
  let reads: number;
  let counted: Store;
  let channel: ChannelRecord;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

  beforeEach(async () => {
    const temp = tempDbFile();
    dir = temp.dir;
    store = openSqliteStore(temp.file);
    reads = 0;
    // Counts the store's reads of the channel: what remembering saves.
    counted = new Proxy(store, {
      get(target, name, receiver) {
        if (name === 'findChannel') reads += 1;
        return Reflect.get(target, name, receiver);
      },
    });
    channel = await store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function postIn(threadId: string) {
    const { challenge } = await store.claimDailyChallenge({
      channelId: channel.id,
      day: '2026-03-02',
      topicId: 'cache',
      at: clock.now(),
    });
    await store.markChallengePosted(challenge.id, { messageId: 'm-1', threadId, at: clock.now() });
    return (await store.challengeById(challenge.id))!;
  }

  it('reads a thread once, then answers from memory until it is due to be read again', async () => {
    const record = await postIn('t-1');
    const threads = createThreadChallenges(counted, clock);
    expect(await threads.find(PLACE)).toEqual({ channel, record });
    expect(await threads.find(PLACE)).toEqual({ channel, record });
    expect(reads).toBe(1);
    const moved = await store.updateChannel(channel.id, { timeZone: 'Asia/Tokyo' });
    clock.advance(REMEMBER_MS);
    expect(await threads.find(PLACE)).toEqual({ channel: moved, record });
    expect(reads).toBe(2);
  });

  it('reads a channel again at once when its settings change here', async () => {
    const record = await postIn('t-1');
    const threads = createThreadChallenges(counted, clock);
    await threads.find(PLACE);
    const moved = await store.updateChannel(channel.id, { timeZone: 'Asia/Tokyo' });
    threads.forgetChannel(channel.id);
    expect(await threads.find(PLACE)).toEqual({ channel: moved, record });
    expect(reads).toBe(2);
  });

  it('does not remember a thread that is no challenge’s: its challenge may be being posted', async () => {
    const threads = createThreadChallenges(counted, clock);
    expect(await threads.find(PLACE)).toBeNull();
    const record = await postIn('t-1');
    expect(await threads.find(PLACE)).toEqual({ channel, record });
    expect(await threads.find({ ...PLACE, threadId: 't-2' })).toBeNull();
    expect(reads).toBe(3);
  });
});
