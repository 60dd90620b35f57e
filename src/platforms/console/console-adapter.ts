/**
 * The console tutor: one local workspace and channel, the user typing on stdin. Like Hubot's Shell it
 * doubles as a test harness: piped stdin is processed line by line, in order, and the session ends at
 * the end of input, so a whole session can be scripted.
 *
 * `/command …` lines go through the shared text-command parser; any other line is an answer.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Locale } from '../../domain/vocabulary.js';
import type { Actor, Outbox, Place, TutorApi } from '../../tutor/api.js';
import type { OutMessage } from '../../tutor/messages.js';
import { commandHelp, parseTextCommand } from '../../tutor/text-commands.js';
import type { ConnectionState, PlatformAdapter } from '../contract.js';
import { renderMessage } from './render.js';

export const CONSOLE_WORKSPACE = 'local';
export const CONSOLE_CHANNEL = 'console';

export interface ConsoleAdapterOptions {
  readonly tutor: TutorApi;
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  readonly user: string;
  readonly locale?: Locale;
}

export interface ConsoleAdapter extends PlatformAdapter {
  /** Shows today's challenge, then processes input until its end or `/quit`. */
  session(): Promise<void>;
}

const EXTRA_HELP: Record<Locale, string> = {
  en: '- `/help`: this help\n- `/quit`: leave\n- any other line: your answer to today’s challenge',
  zh: '- `/help`：显示帮助\n- `/quit`：退出\n- 其他任何一行：作为今天挑战的回答',
};

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const { tutor, input, output, user } = options;
  const locale = options.locale ?? 'en';
  const colour = output.isTTY === true;
  let state: ConnectionState = 'starting';
  let postedDuringStartup = false;

  const actor: Actor = {
    platform: 'console',
    workspaceId: CONSOLE_WORKSPACE,
    userId: user,
    displayName: user,
    locale,
    isAdmin: true,
  };
  const place: Place = {
    platform: 'console',
    workspaceId: CONSOLE_WORKSPACE,
    channelId: CONSOLE_CHANNEL,
    channelName: CONSOLE_CHANNEL,
  };

  const print = (message: OutMessage) => output.write(`${renderMessage(message, { colour })}\n`);

  const outbox: Outbox = {
    async postChallenge(_channel, message) {
      postedDuringStartup = true;
      print(message);
      const id = `console-${randomUUID()}`;
      return { messageId: id, threadId: id };
    },
    async postInThread(_channel, _threadId, message) {
      print(message);
    },
  };

  async function command(line: string): Promise<void> {
    const parsed = parseTextCommand(line, locale, { prefix: '/' });
    if (!parsed.ok) {
      print({ text: parsed.message, tone: 'warning', errorId: parsed.errorId });
      return;
    }
    const reply = await tutor.handleCommand({
      actor,
      place,
      command: parsed.command,
      ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
      options: parsed.options,
    });
    for (const message of reply.messages) print(message);
  }

  /** False when the session should end. */
  async function handleLine(raw: string): Promise<boolean> {
    const line = raw.trim();
    if (line === '') return true;
    if (/^\/(quit|exit)$/i.test(line)) return false;
    if (/^\/help$/i.test(line)) {
      print({ text: `${commandHelp(locale, { prefix: '/' })}\n${EXTRA_HELP[locale]}`, tone: 'neutral' });
    } else if (line.startsWith('/')) {
      await command(line);
    } else {
      await command(`/answer ${line}`);
    }
    return true;
  }

  return {
    platform: 'console',
    outbox,
    async start() {
      await tutor.ensureChannel(place);
      state = 'connected';
    },
    async stop() {
      state = 'stopped';
    },
    connectionState: () => state,
    async session() {
      if (!postedDuringStartup) await command('/challenge');
      const interactive = input.isTTY === true;
      const lines = createInterface({ input, terminal: interactive, crlfDelay: Infinity });
      lines.on('SIGINT', () => lines.close());
      if (interactive) {
        lines.setPrompt(`${user}> `);
        lines.prompt();
      }
      for await (const raw of lines) {
        if (!(await handleLine(raw))) break;
        if (interactive) lines.prompt();
      }
      lines.close();
    },
  };
}
