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
      return { messages: [{ text: `did ${request.command}`, tone: 'neutral' }] };
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
