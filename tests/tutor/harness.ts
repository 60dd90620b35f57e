/**
 * Real parts for core tests: a SQLite file in a temp dir, the knowledge base from ./knowledge, a manual
 * clock. Only the outbox (the network edge) is a recorder, and it can be told to fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import type { KnowledgeBase } from '../../src/challenges/types.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import type { Store } from '../../src/store/types.js';
import type { Actor, ChannelAddress, Outbox, Place, PostedMessage, UserAddress } from '../../src/tutor/api.js';
import { ManualClock } from '../../src/tutor/clock.js';
import type { OutMessage } from '../../src/tutor/messages.js';
import { createTutor, type Tutor, type TutorSettings } from '../../src/tutor/tutor.js';
import { recordingLogger, type LogLine } from '../support/recording-logger.js';

let knowledge: Promise<KnowledgeBase> | undefined;
export function seedKnowledge(): Promise<KnowledgeBase> {
  knowledge ??= loadKnowledgeBase(path.resolve('knowledge'));
  return knowledge;
}

export interface RecordedPost {
  readonly channel: ChannelAddress;
  readonly message: OutMessage;
  readonly threadId: string;
}

export interface RecordingOutbox extends Outbox {
  readonly posts: RecordedPost[];
  readonly threadPosts: { channel: ChannelAddress; threadId: string; message: OutMessage }[];
  readonly privateMessages: { user: UserAddress; message: OutMessage }[];
  /** The next `n` postChallenge calls throw. */
  failNext(n: number): void;
  /** Most posts in flight at once. */
  maxInFlight: number;
}

export function recordingOutbox(options: { delayMs?: number } = {}): RecordingOutbox {
  let failures = 0;
  let inFlight = 0;
  let counter = 0;
  const outbox: RecordingOutbox = {
    posts: [],
    threadPosts: [],
    privateMessages: [],
    maxInFlight: 0,
    failNext(n) {
      failures = n;
    },
    async postChallenge(channel, message): Promise<PostedMessage> {
      inFlight++;
      outbox.maxInFlight = Math.max(outbox.maxInFlight, inFlight);
      try {
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        if (failures > 0) {
          failures--;
          throw new Error('500 Internal Server Error from the platform');
        }
        const threadId = `thread-${channel.channelId}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
        outbox.posts.push({ channel, message, threadId });
        return { messageId: `msg-${threadId}`, threadId };
      } finally {
        inFlight--;
      }
    },
    async postInThread(channel, threadId, message) {
      outbox.threadPosts.push({ channel, threadId, message });
    },
    async sendPrivate(user, message) {
      outbox.privateMessages.push({ user, message });
    },
  };
  return outbox;
}

export const SETTINGS: TutorSettings = {
  passMark: 60,
  maxAttempts: 3,
  rotationDays: 30,
  defaults: { scheduleTime: '09:00', timeZone: 'UTC' },
  admins: [],
  retryDelaysMs: [0, 0],
};

export interface Harness {
  readonly dir: string;
  readonly file: string;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly outbox: RecordingOutbox;
  readonly tutor: Tutor;
  readonly logs: LogLine[];
  readonly kb: KnowledgeBase;
  cleanup(): Promise<void>;
}

export function tempDbFile(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-core-'));
  return { dir, file: path.join(dir, 'tutor.db') };
}

export async function openTutor(
  file: string,
  clock: ManualClock,
  options: { outbox?: RecordingOutbox; settings?: Partial<TutorSettings>; store?: Store } = {},
) {
  const kb = await seedKnowledge();
  const { logger, lines: logs } = recordingLogger();
  const store = options.store ?? openSqliteStore(file);
  const outbox = options.outbox ?? recordingOutbox();
  const tutor = createTutor({
    store,
    knowledge: () => kb,
    clock,
    logger,
    config: { ...SETTINGS, ...options.settings },
    outboxes: { console: outbox, slack: outbox },
  });
  return { store, outbox, tutor, logs, kb };
}

/** Posts today's challenge in a Slack channel C1 scheduled at 09:00 UTC; throws unless it was posted. */
export async function postToday(h: Harness) {
  const channel = await h.store.ensureChannel(
    { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
    { scheduleTime: '09:00', timeZone: 'UTC' },
  );
  const result = await h.tutor.postDailyChallenge(channel, h.outbox);
  if (result.status !== 'posted') throw new Error(`expected a post, got ${result.status}`);
  return { channel, challenge: result.challenge };
}

export async function makeHarness(startIso: string, settings: Partial<TutorSettings> = {}): Promise<Harness> {
  const { dir, file } = tempDbFile();
  const clock = new ManualClock(new Date(startIso));
  const parts = await openTutor(file, clock, { settings });
  return {
    dir,
    file,
    clock,
    ...parts,
    async cleanup() {
      await parts.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PLACE: Place = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', channelName: 'general' };

export function actor(name: string, extra: Partial<Actor> = {}): Actor {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    userId: `U-${name}`,
    displayName: name,
    locale: 'en',
    isAdmin: false,
    ...extra,
  };
}

/** A reply that names every pain concept, then every fix concept, in connected sentences. */
export function strongAnswer(kb: KnowledgeBase, topicId: string): string {
  const challenge = kb.challengeFor(topicId);
  if (!challenge) throw new Error(`no challenge for ${topicId}`);
  const pain = challenge.pain.map((c) => c.label).join('，而且');
  const fix = challenge.fix.map((c) => c.label).join('，并且');
  return `痛点在于${pain}，这会带来很多麻烦；所以解决办法是${fix}，这样问题就解决了。`;
}

/** The same, in English: each concept by an English alias (curated topics carry them). */
export function strongEnglishAnswer(kb: KnowledgeBase, topicId: string): string {
  const challenge = kb.challengeFor(topicId);
  if (!challenge) throw new Error(`no challenge for ${topicId}`);
  const english = (concept: { label: string; aliases: readonly string[] }) => {
    const alias = [concept.label, ...concept.aliases].find((a) => /^[\x20-\x7e]+$/.test(a));
    if (!alias) throw new Error(`no English alias for ${concept.label}`);
    return alias;
  };
  const pain = challenge.pain.map(english).join(', and also ');
  const fix = challenge.fix.map(english).join(', together with ');
  return `The pain is ${pain}, which causes real trouble for the team; so the fix is ${fix}, and that solves it.`;
}
