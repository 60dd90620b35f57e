/**
 * The command line as an operator meets it (issue 12, items 10–13): output into a closed pipe, impossible
 * `--now` dates, read-only commands on a mistyped database path, and a knowledge folder that is not there.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockFrom, parseIsoTime, UsageError } from '../../src/app/cli-support.js';
import { consoleCommand } from '../../src/cli/console.js';
import { forgetCommand } from '../../src/cli/forget.js';
import { leaderboardCommand } from '../../src/cli/leaderboard.js';
import { streakCommand } from '../../src/cli/streak.js';
import { captureIo, seedDatabase, tempDir } from './helpers.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/tutor.js');
const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const dir = tempDir('tutor-cli-');

/** The caller's environment without tutor settings or tokens. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([key]) => !/^(TUTOR_|DISCORD_|SLACK_|LOG_LEVEL$|PORT$)/.test(key));
  return { ...Object.fromEntries(kept), ...extra };
}

describe('output into a closed pipe (tutor console | head -1)', () => {
  it.each([
    [
      'tutor console',
      ['console', '--now', '2026-03-02T10:00:00Z', '--db', path.join(dir, 'pipe.db')],
      {},
      /^== Daily challenge: /,
    ],
    // On the real clock: before 09:00 UTC there is no challenge yet.
    [
      'tutor start without tokens (the console tutor)',
      ['start'],
      { TUTOR_DB: path.join(dir, 'start-pipe.db') },
      /^(== Daily challenge: |No challenge in this channel yet today)/,
    ],
  ] as const)(
    '%s ends quietly with exit 0 once the reader has gone',
    async (_name, args, env, firstLine) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: cleanEnv({ TUTOR_KNOWLEDGE: KNOWLEDGE, ...env }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.on('error', () => undefined); // the child may be gone before every line is written
      const exited = once(child, 'exit');
      // Like `head -1`: read the first line, then close the pipe while the tutor still has lots to say.
      const [first] = (await once(child.stdout, 'data')) as [Buffer];
      expect(first.toString()).toMatch(firstLine);
      child.stdout.destroy();
      // Input stays open, as a terminal's would: only the closed output can end the session.
      child.stdin.write('/topic 缓存\n'.repeat(500));
      const [code, signal] = await exited;
      expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    },
    60_000,
  );
});

describe('--now', () => {
  it('refuses impossible dates instead of rolling them over', () => {
    expect(() => clockFrom('2026-02-30T10:00:00Z')).toThrow(UsageError);
    expect(() => clockFrom('2026-02-30T10:00:00Z')).toThrow(
      '--now: not an ISO time, or no such day: 2026-02-30T10:00:00Z (e.g. 2026-03-01T09:30:00Z)',
    );
    for (const bad of [
      '2025-02-29',
      '2026-04-31T09:00:00Z',
      '2026-13-01',
      '2026-03-01T24:00:00Z',
      '2026-03-01T09:60Z',
    ]) {
      expect(parseIsoTime(bad), bad).toBeNull();
    }
    expect(parseIsoTime('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseIsoTime('2026-03-01T09:30:00+08:00')?.toISOString()).toBe('2026-03-01T01:30:00.000Z');
    expect(clockFrom('2026-02-28T10:00:00Z').now().toISOString()).toBe('2026-02-28T10:00:00.000Z');
  });

  it('is a usage error (exit 2) for a command, with nothing created', async () => {
    const db = path.join(dir, 'never-created.db');
    const io = captureIo({ TUTOR_KNOWLEDGE: KNOWLEDGE }, dir);
    expect(await consoleCommand.run(['--now', '2026-02-30T10:00:00Z', '--db', db], io)).toBe(2);
    expect(io.err()).toBe(
      'tutor console: --now: not an ISO time, or no such day: 2026-02-30T10:00:00Z (e.g. 2026-03-01T09:30:00Z)\n',
    );
    expect(existsSync(db)).toBe(false);
  });
});

describe('commands that only read or remove data', () => {
  it('refuse a missing database, naming the path, and create none', async () => {
    const db = path.join(dir, 'typo', 'tutr.db');
    const message = `no database at ${db} (set TUTOR_DB or --db; \`tutor migrate\` creates one)\n`;
    for (const [name, command, args] of [
      ['streak', streakCommand, ['ada']],
      ['leaderboard', leaderboardCommand, []],
      ['forget', forgetCommand, ['ada']],
    ] as const) {
      const io = captureIo({ TUTOR_DB: db }, dir);
      expect(await command.run(args, io), name).toBe(1);
      expect(io.err()).toBe(`tutor ${name}: ${message}`);
      expect(io.out()).toBe('');
    }
    const viaOption = captureIo({}, dir);
    expect(await streakCommand.run(['ada', '--db', db], viaOption)).toBe(1);
    expect(viaOption.err()).toBe(`tutor streak: ${message}`);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(path.dirname(db))).toBe(false);
  });

  it('tutor streak of an unknown user says so once, with no zero streak beside it', async () => {
    const db = path.join(dir, 'streak.db');
    await seedDatabase(db);
    const io = captureIo({ TUTOR_DB: db }, dir);
    expect(await streakCommand.run(['nobody'], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('tutor streak: no user named "nobody" has answered on console/local\n');
    const json = captureIo({ TUTOR_DB: db }, dir);
    expect(await streakCommand.run(['nobody', '--json'], json)).toBe(1);
    expect(json.out()).toBe('');
    const known = captureIo({ TUTOR_DB: db }, dir);
    expect(await streakCommand.run(['Ada', '--now', '2026-03-02T12:00:00Z'], known)).toBe(0);
    expect(known.out().split('\n')[0]).toBe('Ada: current 2 day(s), longest 2, freezes 0');
  });
});

describe('a knowledge folder that is not there', () => {
  it('is an error naming the path, for a missing folder and for a file, and the console does not run', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, '--缓存: 正文\n');
    for (const [knowledge, what] of [
      [path.join(dir, 'no-such-notes'), 'does not exist'],
      [file, 'is not a folder'],
    ] as const) {
      const db = path.join(dir, `${path.basename(knowledge)}.db`);
      const io = captureIo({ TUTOR_KNOWLEDGE: knowledge }, dir);
      expect(await consoleCommand.run(['--db', db, '--now', '2026-03-02T10:00:00Z'], io)).toBe(1);
      expect(io.err()).toBe(
        `tutor console: the knowledge folder ${knowledge} ${what}: set TUTOR_KNOWLEDGE (or --knowledge)\n`,
      );
      expect(io.out()).toBe('');
      expect(existsSync(db)).toBe(false);
    }
  });

  it('an empty folder (no topic to post) stops the console with the reason, not "it opens at 09:00"', async () => {
    const empty = path.join(dir, 'empty-notes');
    mkdirSync(empty);
    const io = captureIo({ TUTOR_KNOWLEDGE: empty }, dir);
    expect(await consoleCommand.run(['--db', path.join(dir, 'empty.db'), '--now', '2026-03-02T10:00:00Z'], io)).toBe(1);
    expect(io.err()).toBe(
      `tutor console: the knowledge folder ${empty} has no topic fit for a daily challenge (0 topics loaded): ` +
        'add notes with a pain point and a fix (tutor knowledge check lists what was read)\n',
    );
    expect(io.out()).toBe('');
  });
});
