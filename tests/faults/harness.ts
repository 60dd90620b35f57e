/**
 * Real parts for the fault suite: SQLite files in temp dirs, the repository's knowledge, the real services,
 * child processes run through tsx. Only the network edge (a platform's outbox) is a recorder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openServices } from '../../src/app/services.js';
import { loadConfig, type TutorConfig } from '../../src/config/config.js';

import { gradeAnswer } from '../../src/grading/grade.js';
import type { Challenge } from '../../src/grading/types.js';
import { silentLogger } from '../../src/domain/logger.js';
import type { Actor, ChannelAddress, Outbox, PostedMessage, ThreadAnswer } from '../../src/tutor/api.js';
import { ManualClock } from '../../src/tutor/clock.js';
import type { OutMessage } from '../../src/tutor/messages.js';
import { manualScheduler } from '../support/manual-scheduler.js';

export const REPO = path.resolve(new URL('../../', import.meta.url).pathname);
export const KNOWLEDGE = path.join(REPO, 'knowledge');

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function faultConfig(db: string, extra: Record<string, string> = {}): TutorConfig {
  return loadConfig({ TUTOR_DB: db, TUTOR_KNOWLEDGE: KNOWLEDGE, ...extra });
}

export interface RecordedPost {
  readonly channel: ChannelAddress;
  readonly message: OutMessage;
}

/** A platform that accepts every post (the network edge of the suite). */
export function recordingOutbox(): Outbox & { posts: RecordedPost[]; threadPosts: RecordedPost[] } {
  let counter = 0;
  const posts: RecordedPost[] = [];
  const threadPosts: RecordedPost[] = [];
  return {
    posts,
    threadPosts,
    async postChallenge(channel, message): Promise<PostedMessage> {
      posts.push({ channel, message });
      const id = `m${++counter}`;
      return { messageId: id, threadId: `thread-${channel.channelId}-${id}` };
    },
    async postInThread(channel, _threadId, message) {
      threadPosts.push({ channel, message });
    },
    // The fault suites set no review reminders.
    async sendPrivate() {},
  };
}

export interface ChildRun {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal that ended it). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

/** Runs a TypeScript script under tests/faults/fixtures in its own Node process (`stdin: true`: a pipe to it). */
export function runFixture(script: string, args: readonly string[], options: { stdin?: boolean } = {}): ChildRun {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'tests/faults/fixtures', script), ...args],
    {
      cwd: REPO,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stdout: () => out, stderr: () => err };
}

export { waitFor } from '../support/wait-for.js';

export const WORKSPACE = 'T1';
export const CHANNEL = 'C1';

export interface GradedAnswer {
  readonly text: string;
  /** The score the real grading gives this text against the posted topic. */
  readonly score: number;
}

/**
 * Replies to `challenge` built from its own content, graded as the tutor grades them: the model answer (a pass),
 * the pain concepts alone, one concept of each group (partial credit), and a reply that scores nothing.
 */
function answersFor(challenge: Challenge, grade: (text: string) => number): GradedAnswer[] {
  const texts = [
    challenge.modelAnswer,
    `痛点：${challenge.pain.map((c) => c.label).join('，')}。`,
    `痛点：${challenge.pain[0]?.label ?? ''}。解法：${challenge.fix[0]?.label ?? ''}。`,
    'no idea, sorry',
  ];
  return texts.map((text) => ({ text, score: grade(text) }));
}

/**
 * A database with one Slack channel whose challenge for the day of `now` is posted. Returns its thread, and
 * replies to it with the scores the grading gives them (`answers[0]` is the model answer, which passes).
 */
export async function postTodaysChallenge(
  db: string,
  now: string,
): Promise<{ threadId: string; challengeId: number; goodAnswer: string; answers: GradedAnswer[] }> {
  const clock = new ManualClock(new Date(now));
  const config = faultConfig(db);
  const services = await openServices(config, { clock, logger: silentLogger });
  try {
    services.outboxes.slack = recordingOutbox();
    const channel = await services.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: WORKSPACE, externalId: CHANNEL },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    const scheduler = manualScheduler(services, clock, silentLogger);
    const report = await scheduler.runDue();
    if (report.posted !== 1) throw new Error(`expected one post, got ${JSON.stringify(report)}`);
    const challenge = await services.store.dailyChallenge(channel.id, now.slice(0, 10));
    if (!challenge?.threadId) throw new Error('the challenge was not posted');
    const knowledge = services.knowledge.current();
    const content = knowledge.challengeFor(challenge.topicId);
    if (!content) throw new Error(`no challenge content for ${challenge.topicId}`);
    const answers = answersFor(
      content,
      (text) => gradeAnswer(content, text, { passMark: config.passMark, glossary: knowledge.graph.glossary }).score,
    );
    return { threadId: challenge.threadId, challengeId: challenge.id, goodAnswer: content.modelAnswer, answers };
  } finally {
    await services.close();
  }
}

export function slackActor(user: string): Actor {
  return { platform: 'slack', workspaceId: WORKSPACE, userId: user, displayName: user, locale: 'en', isAdmin: false };
}

export function threadAnswer(user: string, threadId: string, text: string, eventId?: string): ThreadAnswer {
  return {
    actor: slackActor(user),
    place: { platform: 'slack', workspaceId: WORKSPACE, channelId: CHANNEL, threadId },
    text,
    ...(eventId ? { eventId } : {}),
  };
}
