import { clockFrom, cliLogger, configWithDb, reportCliError } from '../app/cli-support.js';
import { runConsoleSession } from '../app/console-session.js';
import { choosePlatforms } from '../app/platforms.js';
import { runServer } from '../app/server.js';
import type { Subcommand } from './io.js';

export const startCommand: Subcommand = {
  summary: 'Run the tutor: Discord and/or Slack when their tokens are set, else the console tutor',
  usage: `Usage: tutor start

Runs the platforms chosen by the environment: Discord when DISCORD_TOKEN is set, Slack when
SLACK_BOT_TOKEN is set (both can run in one process); with neither, the console tutor on
./data/tutor.db (TUTOR_DB overrides), as \`tutor console\`. SIGTERM or SIGINT stops it gracefully.`,
  async run(_args, io) {
    try {
      const config = configWithDb(io, undefined);
      const clock = clockFrom(undefined); // no --now here: the real clock
      if (choosePlatforms(config)[0] === 'console') {
        await runConsoleSession(config, io, {
          user: io.env.USER || 'me',
          locale: 'en',
          clock,
          logger: cliLogger(io, config),
        });
        return 0;
      }
      return await runServer(config, {
        clock,
        logger: cliLogger(io, config, config.logLevel),
        cwd: io.cwd,
      });
    } catch (error) {
      return reportCliError(io, 'start', error);
    }
  },
};
