/**
 * The console tutor: one local workspace and channel, the user typing in a terminal. On a terminal it is a
 * REPL (node:readline in terminal mode: a prompt, echo, line editing, history; Ctrl-C or Ctrl-D leaves).
 * Like Hubot's Shell it doubles as a test harness: piped stdin is processed line by line, in order, with no
 * prompt, and the session ends at the end of input, so a whole session can be scripted.
 *
 * `/command …` lines go through the shared text-command parser. A plain line is an answer, routed
 * visibly: to the practice challenge while one waits (the prompt says so), else to today's challenge.
 */
import { randomUUID } from 'node:crypto';
import { clearScreenDown, createInterface, cursorTo, moveCursor, type Interface } from 'node:readline';
import type { Locale } from '../../domain/vocabulary.js';
import type { Actor, CommandReply, Outbox, Place, TutorApi } from '../../tutor/api.js';
import type { OutMessage } from '../../tutor/messages.js';
import { CONSOLE_HELP, commandHelp, parseTextCommand } from '../../tutor/text-commands.js';
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
  /** Shows today's challenge, then processes input until its end, `/quit`, Ctrl-C or Ctrl-D. */
  session(): Promise<void>;
}

/** Where a plain line goes: today's challenge, or the practice challenge waiting for this user. */
type Route = { readonly to: 'daily' } | { readonly to: 'practice'; readonly title: string };

const PROMPT_TITLE_CHARS = 20;

const CONSOLE_TEXT: Record<
  Locale,
  { readonly help: string; prompt(user: string, route: Route): string; readonly bye: string }
> = {
  en: {
    help: [
      '**On the console**',
      '- a plain line answers the challenge the prompt names: `[practice: …]` after `/practice` (until you answer it or type `/challenge`), else `[daily]`, today’s challenge',
      '- `/help`: this help · `/quit`, Ctrl-C or Ctrl-D: leave · ↑/↓: earlier lines',
    ].join('\n'),
    prompt: (user, route) => `${user} [${route.to === 'daily' ? 'daily' : `practice: ${route.title}`}]> `,
    bye: 'Bye.',
  },
  zh: {
    help: [
      '**控制台**',
      '- 直接输入的一行回答提示符所示的挑战：`/practice` 之后是 `[练习：…]`（直到你作答或输入 `/challenge`），否则是 `[每日]`，即今天的挑战',
      '- `/help`：显示帮助 · `/quit`、Ctrl-C 或 Ctrl-D：退出 · ↑/↓：之前输入的行',
    ].join('\n'),
    prompt: (user, route) => `${user} [${route.to === 'daily' ? '每日' : `练习：${route.title}`}]> `,
    bye: '再见。',
  },
};

function shortTitle(title: string): string {
  const chars = [...title];
  return chars.length > PROMPT_TITLE_CHARS ? `${chars.slice(0, PROMPT_TITLE_CHARS - 1).join('')}…` : title;
}

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const { tutor, input, output, user } = options;
  const locale = options.locale ?? 'en';
  const text = CONSOLE_TEXT[locale];
  const colour = output.isTTY === true;
  let state: ConnectionState = 'starting';
  let postedDuringStartup = false;
  let route: Route = { to: 'daily' };
  /** The line reader while a session runs (`stop` closes it); on a terminal, also the line editor. */
  let reader: Interface | null = null;
  /** True while the prompt waits for a line: output arriving then (a scheduled post) is printed above it. */
  let prompting = false;

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

  function print(message: OutMessage): void {
    const rendered = `${renderMessage(message, { colour })}\n`;
    if (reader?.terminal && prompting) {
      // Clear the prompt and the typed line (it may wrap over several rows), print, then draw the prompt
      // again with whatever was being typed.
      moveCursor(output, 0, -reader.getCursorPos().rows);
      cursorTo(output, 0);
      clearScreenDown(output);
      output.write(rendered);
      reader.prompt(true);
    } else {
      output.write(rendered);
    }
  }

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
    async sendPrivate(_user, message) {
      print(message);
    },
  };

  function follow(reply: CommandReply): void {
    if (reply.practice === undefined) return;
    route = reply.practice ? { to: 'practice', title: shortTitle(reply.practice.title) } : { to: 'daily' };
  }

  async function command(line: string): Promise<void> {
    const parsed = parseTextCommand(line, locale, CONSOLE_HELP);
    if (!parsed.ok) {
      print({ text: parsed.message, tone: 'warning', errorId: parsed.errorId });
      return;
    }
    // Asking for today's challenge (or answering it) turns plain lines back to it; a practice stays answerable.
    if (parsed.command === 'challenge' || parsed.command === 'answer') route = { to: 'daily' };
    const reply = await tutor.handleCommand({
      actor,
      place,
      command: parsed.command,
      ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
      options: parsed.options,
    });
    follow(reply);
    for (const message of reply.messages) print(message);
  }

  /** False when the session should end. */
  async function handleLine(raw: string): Promise<boolean> {
    const line = raw.trim();
    if (line === '') return true;
    if (/^\/(quit|exit)$/i.test(line)) return false;
    if (/^\/(tutor\s+)?help$/i.test(line)) {
      print({ text: `${commandHelp(locale, CONSOLE_HELP)}\n\n${text.help}`, tone: 'neutral' });
    } else if (line.startsWith('/')) {
      await command(line);
    } else {
      await command(`/${route.to === 'practice' ? 'practice-answer' : 'answer'} ${line}`);
    }
    return true;
  }

  function lineReader(): Interface {
    const terminal = input.isTTY === true && output.isTTY === true;
    if (!terminal) return createInterface({ input, terminal: false, crlfDelay: Infinity });
    const lines = createInterface({ input, output, terminal: true, historySize: 200, removeHistoryDuplicates: true });
    lines.on('SIGINT', () => lines.close());
    return lines;
  }

  return {
    platform: 'console',
    outbox,
    async start() {
      await tutor.ensureChannel(place);
      state = 'connected';
    },
    /** Ends a running session as the end of input would (a signal's graceful stop). */
    async stop() {
      state = 'stopped';
      reader?.close();
    },
    connectionState: () => state,
    async session() {
      if (!postedDuringStartup) await command('/challenge');
      // Stopped before any input was read (a signal during start-up): nothing to wait for.
      if (state === 'stopped') return;
      const lines = lineReader();
      reader = lines;
      const interactive = lines.terminal;
      let closedAtPrompt = false;
      lines.once('close', () => (closedAtPrompt = prompting));
      const ask = () => {
        if (!interactive) return;
        lines.setPrompt(text.prompt(user, route));
        prompting = true;
        lines.prompt();
      };
      ask();
      try {
        for await (const raw of lines) {
          prompting = false;
          if (!(await handleLine(raw))) break;
          ask();
        }
      } finally {
        prompting = false;
        reader = null;
        lines.close();
      }
      // Ctrl-C or Ctrl-D leave the cursor after the prompt: end that line so the shell's prompt starts clean.
      if (interactive) output.write(`${closedAtPrompt ? '\n' : ''}${text.bye}\n`);
    },
  };
}
