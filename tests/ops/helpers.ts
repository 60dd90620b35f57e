/** Shared by the ops tests: a CLI io that captures output, and a database with a few real answers. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { UserRef } from '../../src/store/types.js';

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

export function captureIo(env: Record<string, string | undefined>, cwd: string): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdin: new PassThrough(), stdout, stderr, env, cwd, out: () => out, err: () => err };
}

export const console_ = (id: string, displayName: string): UserRef => ({
  platform: 'console',
  workspaceExternalId: 'local',
  externalId: id,
  displayName,
});

/** A database where Ada and Bob each answered two days, Ada also practised and joined a team. */
export async function seedDatabase(file: string): Promise<void> {
  const store = openSqliteStore(file);
  try {
    await store.ensureWorkspace('console', 'local', { timeZone: 'UTC' });
    const channel = await store.ensureChannel(
      { platform: 'console', workspaceExternalId: 'local', externalId: 'general' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    for (const day of ['2026-03-01', '2026-03-02']) {
      const at = new Date(`${day}T09:00:00Z`);
      const { challenge } = await store.claimDailyChallenge({ channelId: channel.id, day, topicId: `t-${day}`, at });
      for (const [who, score] of [
        [console_('ada', 'Ada'), 80],
        [console_('bob', 'Bob'), 50],
      ] as const) {
        await store.recordAttempt({
          challengeId: challenge.id,
          user: who,
          text: `answer of ${who.displayName}`,
          score,
          passed: score >= 60,
          concepts: { pain: [], fix: [], negated: [] },
          feedback: 'feedback',
          at: new Date(at.getTime() + 60_000),
          maxAttempts: 3,
        });
      }
    }
    await store.recordPractice({
      user: console_('ada', 'Ada'),
      topicId: 't-practice',
      text: 'practice',
      score: 70,
      passed: true,
      at: new Date('2026-03-02T10:00:00Z'),
    });
    await store.joinTeam(console_('ada', 'Ada'), 'backend');
  } finally {
    await store.close();
  }
}

export interface SmallMount {
  readonly dir: string;
  /** Remounts it read-only: a real read-only file system, which even root cannot write. */
  readOnly(): void;
  unmount(): void;
}

/**
 * A tmpfs of `sizeKb` mounted on a fresh folder (a real small disk: it fills up, and it can be made read-only),
 * or `null` when this machine does not allow mounting (not root, or no CAP_SYS_ADMIN): the reason is printed so
 * a skipped test says why. Unmounted after the file's tests.
 */
export function smallMount(prefix: string, sizeKb: number): SmallMount | null {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    console.warn(`skipped: cannot mount a tmpfs here (${(mount.stderr || String(mount.error)).trim()})`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  afterAll(unmount);
  return {
    dir,
    readOnly() {
      const remount = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      if (remount.status !== 0) throw new Error(`cannot remount ${dir} read-only: ${remount.stderr}`);
    },
    unmount,
  };
}
