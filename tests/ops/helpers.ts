/** Shared by the ops tests: a CLI io that captures output, and a database with a few real answers. */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
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

/**
 * Overwrites the root page of `table` (past its page header) with junk: the file still opens and most
 * commands still read, but `PRAGMA quick_check` and any use of that table find the damage.
 */
export function corruptTable(file: string, table: string): void {
  const db = new Database(file);
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as {
    rootpage: number;
  };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize - 100, 0xab), 0, pageSize - 100, (rootpage - 1) * pageSize + 100);
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `tutor <args>` as an unprivileged user (root ignores file modes, so a chmod 0444 file is only read-only
 * to someone else), or `null` with the reason printed when this machine cannot switch users.
 */
export function tutorAsNobody(
  args: readonly string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } | null {
  const bin = path.resolve(import.meta.dirname, '../../bin/tutor.js');
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...env };
  const command =
    process.getuid?.() === 0
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args]
      : [process.execPath, bin, ...args];
  const spawn = (argv: readonly string[]) =>
    spawnSync(argv[0]!, argv.slice(1), { env: base, encoding: 'utf8', timeout: 60_000 });
  // The other user must be able to read the checkout itself: a clone inside a private folder is not.
  const probe = spawn([...command.slice(0, command.length - args.length), '--help']);
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? String(probe.error) : `it cannot run the tutor from ${bin}: ${probe.stderr.trim()}`;
    console.warn(`skipped: cannot run as an unprivileged user here (${why.split('\n')[0]})`);
    return null;
  }
  const run = spawn(command);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
