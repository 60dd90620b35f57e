import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/platforms/console/console-adapter.js';
import { renderMessage } from '../../src/platforms/console/render.js';
import type { CommandRequest, TutorApi } from '../../src/tutor/api.js';

describe('renderMessage', () => {
  const message = {
    title: 'Daily challenge: 缓存',
    text: '_架构 › 缓存_\n\n**State the pain point, then the fix.**\nkeep snake_case_names and `code`',
    fields: [{ name: 'Results', value: '- ada: 80 ✅' }],
    footer: 'Closes at 2026-03-03 00:00 (UTC).',
    tone: 'success' as const,
  };

  it('prints plain text without markers or escape codes when not on a terminal', () => {
    expect(renderMessage(message, { colour: false })).toBe(
      [
        '== Daily challenge: 缓存 ==',
        '架构 › 缓存',
        '',
        'State the pain point, then the fix.',
        'keep snake_case_names and `code`',
        '',
        'Results:',
        '- ada: 80 ✅',
        '',
        'Closes at 2026-03-03 00:00 (UTC).',
        '',
      ].join('\n'),
    );
  });

  it('uses ANSI bold and tone colours on a terminal', () => {
    const coloured = renderMessage(message, { colour: true });
    expect(coloured).toContain('\u001b[1m\u001b[32mDaily challenge: 缓存\u001b[0m');
    expect(coloured).toContain('\u001b[1mState the pain point, then the fix.\u001b[0m');
  });

  it('drops terminal control sequences and invisible controls from message text', () => {
    const echoed = 'No topic matches “\u001b[31mred\u001b[0m\u001b]0;owned\u0007\u001b[2J\u202eevil\u0000\r”.';
    expect(renderMessage({ title: 'x\u001b[5my', text: echoed, tone: 'warning' }, { colour: false })).toBe(
      '== xy ==\nNo topic matches “redevil”.\n',
    );
    // On a terminal the only escapes left are the renderer's own colours.
    const coloured = renderMessage({ text: echoed, tone: 'warning' }, { colour: true });
    expect(coloured).toBe('\u001b[33mNo topic matches “redevil”.\u001b[0m\n');
  });

  it('leaves mention-like text as typed', () => {
    expect(renderMessage({ text: '@everyone <!channel> <@U1>', tone: 'neutral' }, { colour: false })).toBe(
      '@everyone <!channel> <@U1>\n',
    );
  });
});

/** A TutorApi that records what the adapter asks of it (the adapter's own logic is under test here). */
function recordingTutor(): TutorApi & { requests: CommandRequest[] } {
  const requests: CommandRequest[] = [];
  return {
    requests,
    async handleCommand(request) {
      requests.push(request);
      const messages = [{ text: `did ${request.command}`, tone: 'neutral' as const }];
      // As the core does: a practice waits after /practice, and no longer once answered.
      if (request.command === 'practice') return { messages, practice: { title: 'Redis Cluster 的分片与高可用方案' } };
      if (request.command === 'practice-answer') return { messages, practice: null };
      return { messages };
    },
    async handleThreadAnswer() {
      return null;
    },
    autocomplete: () => [],
    async attemptFeedback() {
      return { text: '', tone: 'neutral' };
    },
    async ensureChannel() {},
    async overview() {
      return {
        streak: { current: 0, longest: 0, freezes: 0 },
        points: { week: 0, month: 0, all: 0 },
        team: null,
        today: [],
      };
    },
  };
}

async function session(lines: string) {
  const tutor = recordingTutor();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const adapter = createConsoleAdapter({ tutor, input, output, user: 'ada' });
  await adapter.start();
  expect(adapter.connectionState()).toBe('connected');
  input.end(lines);
  await adapter.session();
  return { tutor, printed };
}

describe('console adapter', () => {
  it('processes piped lines in order: commands, plain answers, help, and stops at /quit', async () => {
    const { tutor, printed } = await session(
      ['/leaderboard week teams', 'a plain answer', '', '/team join Night Owls', '/help', '/quit', '/streak'].join(
        '\n',
      ),
    );
    expect(tutor.requests.map((r) => [r.command, r.subcommand, r.options])).toEqual([
      ['challenge', undefined, {}],
      ['leaderboard', undefined, { period: 'week', teams: true }],
      ['answer', undefined, { text: 'a plain answer' }],
      ['team', 'join', { name: 'Night Owls' }],
    ]);
    expect(tutor.requests[0]!.actor).toMatchObject({ platform: 'console', userId: 'ada', isAdmin: true });
    expect(tutor.requests[0]!.place).toMatchObject({ workspaceId: 'local', channelId: 'console' });
    expect(printed).toContain('`/practice [topic]`');
    expect(printed).toContain('`/quit`');
  });

  it('routes a plain line to the waiting practice, then back to the daily; /answer is always the daily', async () => {
    const { tutor, printed } = await session(
      [
        'to the daily',
        '/practice redis',
        'to the practice',
        'to the daily again',
        '/practice',
        '/answer explicitly the daily',
        'still the daily after /answer',
        '/practice',
        '/challenge',
        'the daily after /challenge',
        '/tutor schedule 08:30 Asia/Shanghai',
        '/help',
      ].join('\n'),
    );
    expect(tutor.requests.map((r) => [r.command, r.options.text ?? r.options.topic ?? r.options.time])).toEqual([
      ['challenge', undefined],
      ['answer', 'to the daily'],
      ['practice', 'redis'],
      ['practice-answer', 'to the practice'],
      ['answer', 'to the daily again'],
      ['practice', undefined],
      ['answer', 'explicitly the daily'],
      ['answer', 'still the daily after /answer'],
      ['practice', undefined],
      ['challenge', undefined],
      ['answer', 'the daily after /challenge'],
      ['schedule', '08:30'],
    ]);
    expect(printed).toContain(
      '- a plain line answers the challenge the prompt names: `[practice: …]` after `/practice`',
    );
  });

  it('shows the help for /help and the Slack form /tutor help alike, without calling the core', async () => {
    const { tutor, printed } = await session('/help\n/tutor help\n');
    expect(tutor.requests.map((r) => r.command)).toEqual(['challenge']);
    expect(printed.split('- `/tutor schedule <HH:MM> [zone]`: Set this channel').length).toBe(3);
  });

  it('ends a session on stop, before or while it waits for input that never comes', async () => {
    for (const stopFirst of [true, false]) {
      const tutor = recordingTutor();
      const input = new PassThrough(); // never ended
      const adapter = createConsoleAdapter({ tutor, input, output: new PassThrough(), user: 'ada' });
      await adapter.start();
      if (stopFirst) await adapter.stop();
      const running = adapter.session();
      if (!stopFirst) {
        input.write('first line\n');
        while (tutor.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
        await adapter.stop();
      }
      await running;
      expect(adapter.connectionState()).toBe('stopped');
      expect(tutor.requests.map((r) => r.command)).toEqual(stopFirst ? ['challenge'] : ['challenge', 'answer']);
    }
  });

  it('explains an unknown command without calling the core', async () => {
    const { tutor, printed } = await session('/dance\n');
    expect(tutor.requests).toHaveLength(1); // the opening /challenge only
    expect(printed).toContain('Unknown command “dance”. Try /help.');
  });

  it('does not repeat the challenge on start when its outbox just posted it', async () => {
    const tutor = recordingTutor();
    const input = new PassThrough();
    const output = new PassThrough();
    const adapter = createConsoleAdapter({ tutor, input, output, user: 'ada' });
    await adapter.start();
    await adapter.outbox.postChallenge(
      { platform: 'console', workspaceId: 'local', channelId: 'console' },
      { text: 'today', tone: 'neutral' },
    );
    input.end('');
    await adapter.session();
    expect(tutor.requests).toHaveLength(0);
  });
});

/** A stream pair a terminal session accepts: readline runs in terminal mode over anything marked as a TTY. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const until = async (check: (text: string) => boolean) => {
    while (!check(printed)) await new Promise((resolve) => setImmediate(resolve));
  };
  return { input, output, printed: () => printed, until };
}

describe('console adapter on a terminal', () => {
  it('prints a post that arrives while the learner types above the prompt, keeping the typed text', async () => {
    const tutor = recordingTutor();
    const term = fakeTerminal();
    const adapter = createConsoleAdapter({ tutor, input: term.input, output: term.output, user: 'ada' });
    await adapter.start();
    const running = adapter.session();
    await term.until((text) => text.includes('ada [daily]> '));
    term.input.write('half typ');
    await term.until((text) => text.endsWith('half typ'));
    const before = term.printed().length;
    await adapter.outbox.postChallenge(
      { platform: 'console', workspaceId: 'local', channelId: 'console' },
      { title: 'Daily challenge: 缓存', text: 'State the pain point, then the fix.', tone: 'neutral' },
    );
    const after = term.printed().slice(before);
    // Back to the prompt's first column, clear from there down, then the post.
    expect(after.startsWith('\u001b[1G\u001b[0J\u001b[1m\u001b[36mDaily challenge: 缓存\u001b[0m\n')).toBe(true);
    expect(after).toContain('State the pain point, then the fix.');
    // The prompt comes back below the post with the half-typed line intact.
    expect(after.slice(after.lastIndexOf('ada [daily]> '))).toMatch(/^ada \[daily\]> half typ/);
    term.input.write('ed\r');
    await term.until(() => tutor.requests.length === 2);
    expect(tutor.requests[1]).toMatchObject({ command: 'answer', options: { text: 'half typed' } });
    term.input.end();
    await running;
    expect(term.printed().endsWith('Bye.\n')).toBe(true);
  });

  it('clears a typed line that wraps over two rows before printing above it', async () => {
    const tutor = recordingTutor();
    const term = fakeTerminal();
    const adapter = createConsoleAdapter({ tutor, input: term.input, output: term.output, user: 'ada' });
    await adapter.start();
    const running = adapter.session();
    await term.until((text) => text.includes('ada [daily]> '));
    const long = 'x'.repeat(120); // 13 + 120 characters on a 100-column terminal: two rows
    term.input.write(long);
    await term.until((text) => text.endsWith('x'.repeat(20)));
    const before = term.printed().length;
    await adapter.outbox.postInThread({ platform: 'console', workspaceId: 'local', channelId: 'console' }, 'thread', {
      text: 'Challenge closed',
      tone: 'neutral',
    });
    expect(term.printed().slice(before).startsWith('\u001b[1A\u001b[1G\u001b[0JChallenge closed\n')).toBe(true);
    term.input.end();
    await running;
  });
});
