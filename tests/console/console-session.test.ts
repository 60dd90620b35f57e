/**
 * The console tutor as a user runs it: `node bin/tutor.js console` with piped stdin over a real database
 * file, across several simulated days, then `tutor streak` and `tutor leaderboard` on the same file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayInZone } from '../../src/domain/calendar.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { seedKnowledge, strongAnswer } from '../tutor/harness.js';

const BIN = path.resolve('bin/tutor.js');
let dir: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tutor-console-'));
  db = path.join(dir, 'tutor.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The caller's environment without tutor settings or tokens, so the defaults (09:00 UTC) apply. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(TUTOR_|DISCORD_|SLACK_|LOG_LEVEL$|PORT$)/.test(key)),
  );
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `tutor <args>`; `script` gets the output so far and returns the lines to type once it has what it
 * waits for (then stdin is closed), or null to keep waiting.
 */
function tutor(
  args: string[],
  script: (stdout: string) => Promise<string | null> | string | null = () => '',
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let typing = false;
    const tryType = async () => {
      if (typing) return;
      typing = true;
      const lines = await script(stdout);
      if (lines === null) typing = false;
      else child.stdin.end(lines);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      tryType().catch(reject);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    tryType().catch(reject);
  });
}

/** A strong answer to the day's challenge, read from the database the session is using. */
async function todaysAnswer(now: string): Promise<string> {
  const store = openSqliteStore(db, { readOnly: true });
  try {
    const channel = await store.findChannel('console', 'local', 'console');
    const challenge = channel ? await store.dailyChallenge(channel.id, dayInZone(new Date(now), 'UTC')) : null;
    if (!challenge) throw new Error(`no challenge on ${now}`);
    return strongAnswer(await seedKnowledge(), challenge.topicId);
  } finally {
    await store.close();
  }
}

/** A day as `user`: once the challenge is shown, type `answer` (a strong one when null) and more lines. */
function day(now: string, user: string, answer: string | null, more: string[] = []): Promise<Run> {
  return tutor(['console', '--db', db, '--now', now, '--user', user], async (out) => {
    if (!out.includes('Daily challenge:')) return null;
    return [answer ?? (await todaysAnswer(now)), ...more, ''].join('\n');
  });
}

describe('console tutor over several simulated days', () => {
  it('posts, grades and counts a scripted session into streaks and leaderboards', async () => {
    const early = await tutor(['console', '--db', db, '--now', '2026-03-02T08:00:00Z', '--user', 'ada'], () =>
      ['/practice redis', '/help', ''].join('\n'),
    );
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('It opens at 09:00 (UTC)');
    expect(early.stdout).toContain('/practice');
    expect(early.stdout).toContain('== Practice: ');
    expect(early.stdout).toContain('`/leaderboard [week|month|all] [teams]`');
    expect(early.stdout).not.toContain('\u001b['); // no colour on a pipe

    const day1 = await day('2026-03-02T10:00:00Z', 'ada', null, ['/team join Owls', '/streak']);
    expect(day1.code).toBe(0);
    expect(day1.stdout).toMatch(/ada 今日挑战得分 \d+ ✅/);
    expect(day1.stdout).toContain('You joined team Owls.');
    expect(day1.stdout).toContain('Current: 1 day(s)');

    // grace states only the pain point: a failing score that still earns its points.
    const grace = await tutor(
      ['console', '--db', db, '--now', '2026-03-02T11:00:00Z', '--user', 'grace'],
      async (out) => {
        if (!out.includes('Daily challenge:')) return null;
        const painOnly = (await todaysAnswer('2026-03-02T11:00:00Z')).split('；')[0];
        return [painOnly, '', '/leaderboard week', '/schedule 25:00', '/quit', '/streak'].join('\n');
      },
    );
    expect(grace.stdout).toMatch(/grace 今日挑战得分 \d+ ❌/);
    expect(grace.stdout).toMatch(/1\. ada: \d+ points · streak 1/);
    expect(grace.stdout).toContain('“25:00” is not a time');
    expect(grace.stdout).not.toContain('== Streak of grace'); // nothing after /quit

    const day2 = await day('2026-03-03T10:00:00Z', 'ada', null);
    expect(day2.stdout).toContain('== Challenge closed: '); // yesterday's reveal, on start
    expect(day2.stdout).toMatch(/- ada: \d+ ✅ \(1 attempt\(s\)\)/);
    expect(day2.stdout).toMatch(/ada 今日挑战得分 \d+ ✅/);

    const day3 = await day('2026-03-04T10:00:00Z', 'ada', 'no idea, sorry');
    expect(day3.stdout).toMatch(/ada scored \d+ ❌ on today’s challenge/);

    const day4 = await day('2026-03-05T10:00:00Z', 'ada', null, ['/answer', '/leaderboard all teams']);
    expect(day4.stdout).toMatch(/ada 今日挑战得分 \d+ ✅/);
    expect(day4.stdout).toContain('连续 1 天 · 最长 2 天');
    expect(day4.stdout).toContain('Owls');

    const streak = await tutor(['streak', 'ada', '--json', '--db', db, '--now', '2026-03-05T12:00:00Z']);
    expect(streak.code).toBe(0);
    expect(JSON.parse(streak.stdout)).toEqual({
      user: 'ada',
      current: 1,
      longest: 2,
      freezes: 0,
      days: [
        { day: '2026-03-05', status: 'passed' },
        { day: '2026-03-04', status: 'failed' },
        { day: '2026-03-03', status: 'passed' },
        { day: '2026-03-02', status: 'passed' },
      ],
    });

    const board = await tutor([
      'leaderboard',
      '--json',
      '--period',
      'all',
      '--db',
      db,
      '--now',
      '2026-03-05T12:00:00Z',
    ]);
    expect(board.code).toBe(0);
    const parsed = JSON.parse(board.stdout) as {
      period: string;
      entries: { rank: number; name: string; points: number }[];
    };
    expect(parsed.period).toBe('all');
    expect(parsed.entries.map((e) => [e.rank, e.name])).toEqual([
      [1, 'ada'],
      [2, 'grace'],
    ]);
    expect(parsed.entries[0]!.points).toBeGreaterThan(parsed.entries[1]!.points);

    const teams = await tutor([
      'leaderboard',
      '--teams',
      '--period',
      'month',
      '--db',
      db,
      '--now',
      '2026-03-05T12:00:00Z',
    ]);
    expect(teams.stdout).toMatch(/1\. Owls: \d+ points/);
  }, 120_000);

  it('ends a session gracefully on SIGTERM while waiting for input, exit code 0', async () => {
    const child = spawn(process.execPath, [BIN, 'console', '--db', db, '--now', '2026-03-06T10:00:00Z'], {
      env: cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Closes at 2026-03-07 00:00 (UTC).')) resolve();
      }),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains bad options on the command line', async () => {
    const bad = await tutor(['console', '--now', 'yesterday', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--now: not an ISO time');
    const unknown = await tutor(['streak', 'nobody', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user named "nobody"');
  });
});
