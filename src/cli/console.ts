import { clockFrom, cliLogger, configWithDb } from '../app/cli-support.js';
import { runConsoleSession } from '../app/console-session.js';
import { LOCALES } from '../domain/vocabulary.js';
import { defineSubcommand, oneOf } from './options.js';

export const consoleCommand = defineSubcommand({
  name: 'console',
  summary: 'Chat with the tutor in this terminal (or piped stdin) on a local SQLite file',
  usage: `Usage: tutor console [--user NAME] [--now ISO-TIME] [--db PATH] [--locale en|zh]

Chat in one local workspace and channel on ./data/tutor.db (TUTOR_DB or --db overrides).
On a terminal: a prompt with line editing and history; /quit, Ctrl-C or Ctrl-D leaves. Type /help
for the commands; any other line answers the challenge the prompt names ([daily] today's, or
[practice: …] after /practice). Piped stdin is processed line by line, without a prompt, and the
session ends at the end of input.

  --user NAME      who is typing (default: $USER)
  --now ISO-TIME   act at a simulated time, e.g. 2026-03-02T10:00:00+08:00 (the clock runs on from there)
  --db PATH        the SQLite file
  --locale en|zh   language of the replies and the channel's posts (default en); a graded
                   answer is replied to in the answer's language`,
  options: {
    user: { type: 'string' },
    now: { type: 'string' },
    db: { type: 'string' },
    locale: { type: 'string', default: 'en' },
  },
  async run({ values }, io) {
    const locale = oneOf('--locale', values.locale, LOCALES);
    const config = configWithDb(io, values.db);
    await runConsoleSession(config, io, {
      user: values.user?.trim() || io.env.USER || 'me',
      locale,
      clock: clockFrom(values.now),
      logger: cliLogger(io, config),
    });
    return 0;
  },
});
