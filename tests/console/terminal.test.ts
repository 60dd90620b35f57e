/**
 * The console tutor in a real terminal: `tutor console` inside a tmux pseudo-terminal, typed at key by key,
 * the screen read back as a learner sees it. Every wait polls the screen for the text it expects (a positive
 * signal), never a fixed sleep. Without tmux the suite is skipped, saying why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/tutor.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('tests/console/terminal.test.ts skipped: tmux is not installed (apt-get install tmux)');

let dir: string;
let socket: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tutor-terminal-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
});

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'tutor');
const keys = (...keys: string[]) => void tmux('send-keys', '-t', 'tutor', ...keys);
/** Typed literally, character by character, as a person types. */
const type = (text: string) => void tmux('send-keys', '-t', 'tutor', '-l', text);

/** Polls the screen until `check` finds what it waits for; fails with the screen after `timeoutMs`. */
async function waitFor(check: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const waitForText = (needle: string) => waitFor((text) => text.includes(needle), JSON.stringify(needle));
/** Waits until the last line on screen is exactly `line` (the terminal keeps no trailing spaces). */
const waitForLastLine = (line: string) => waitFor((text) => shown(text).at(-1) === line, JSON.stringify(line));

/** The lines of the screen that hold something, trailing spaces dropped. */
const shown = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');

/** Starts `tutor console` in a 120×40 terminal; the shell prints the exit code when it ends. */
function startConsole(args: string[]): void {
  socket = `tutor-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const env = Object.entries(process.env)
    .filter(([key]) => !/^(TUTOR_|DISCORD_|SLACK_|LOG_LEVEL$|PORT$|NO_COLOR$)/.test(key))
    .map(([key, value]) => `${key}=${JSON.stringify(value ?? '')}`);
  const command = [process.execPath, BIN, 'console', ...args].map((a) => JSON.stringify(a)).join(' ');
  // `env -i` plus the filtered environment: the tutor sees no TUTOR_* setting of the caller.
  const shell = `env -i ${env.join(' ')} ${command}; echo "exit code $?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'tutor', '-x', '120', '-y', '40', shell);
}

describe.skipIf(!hasTmux)('console in a real terminal', () => {
  it('prompts, echoes what is typed, edits the line, recalls history, and leaves on Ctrl-D', async () => {
    startConsole(['--db', path.join(dir, 'd.db'), '--now', '2026-03-02T10:00:00Z', '--user', 'ada']);
    const first = await waitForLastLine('ada [daily]>');
    expect(shown(first).slice(0, 3)).toEqual([
      'Daily challenge: Redis Cluster',
      '举动-痛点 › 解法/解决方案 › 快速成长期 应用架构实践 › 后端系统水平扩展 › redis服务水平扩展 › Redis Cluster',
      'How does Redis Cluster spread keys over nodes?',
    ]);

    // Echo before Enter: the typed text is on screen at the prompt.
    type('/topix');
    await waitForLastLine('ada [daily]> /topix');
    // Line editing: Backspace removes the x, then the rest is typed.
    keys('BSpace');
    await waitForLastLine('ada [daily]> /topi');
    type('c redis');
    keys('Enter');
    const topic = await waitFor((text) => /\nredis\n/.test(text) && shown(text).at(-1) === 'ada [daily]>', 'redis');
    expect(topic).toContain('ada [daily]> /topic redis');

    // History: ↑ brings the last line back, ready to edit.
    keys('Up');
    await waitForLastLine('ada [daily]> /topic redis');
    keys('C-u');
    await waitForLastLine('ada [daily]>');

    // A practice: the prompt says where a plain line goes, and the graded reply names it.
    type('/practice redis');
    keys('Enter');
    await waitForLastLine('ada [practice: redis]>');
    type('redis is a cache that keeps hot data in memory');
    keys('Enter');
    const practised = await waitFor(
      (text) => text.includes('Practice “redis”:') && shown(text).at(-1) === 'ada [daily]>',
      'the practice graded',
    );
    const graded = shown(practised);
    const title = graded.findIndex((line) => line.startsWith('Practice “redis”:'));
    expect(graded[title - 1]).toBe('ada [practice: redis]> redis is a cache that keeps hot data in memory');
    expect(graded[title + 1]).toMatch(/^Score: \d+\/100 — /);

    keys('C-d');
    const ended = await waitForText('exit code 0');
    expect(shown(ended).slice(-3)).toEqual(['ada [daily]>', 'Bye.', 'exit code 0']);
  }, 90_000);

  it('speaks the chosen locale from the first post, and leaves cleanly on Ctrl-C', async () => {
    startConsole(['--db', path.join(dir, 'z.db'), '--now', '2026-03-02T10:00:00Z', '--user', 'lin', '--locale', 'zh']);
    const first = await waitForLastLine('lin [每日]>');
    expect(shown(first).slice(0, 3)).toEqual([
      '每日挑战：Redis Cluster',
      '举动-痛点 › 解法/解决方案 › 快速成长期 应用架构实践 › 后端系统水平扩展 › redis服务水平扩展 › Redis Cluster',
      'Redis Cluster 如何把数据分布到多个节点？',
    ]);
    expect(first).not.toMatch(/Daily challenge|Why make|Answer with/);
    type('still typing');
    await waitForLastLine('lin [每日]> still typing');
    keys('C-c');
    const ended = await waitForText('exit code 0');
    expect(shown(ended).slice(-3)).toEqual(['lin [每日]> still typing', '再见。', 'exit code 0']);
  }, 90_000);
});
