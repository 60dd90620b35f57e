import { clockFrom, cliLogger, configWithDb, reportCliError } from '../app/cli-support.js';
import { runConsoleSession } from '../app/console-session.js';
import { choosePlatforms } from '../app/platforms.js';
import { parseSlot, planProcesses, runProcesses, SLOT_VARIABLE } from '../app/processes.js';
import { runServer } from '../app/server.js';
import type { Subcommand } from './io.js';

export const startCommand: Subcommand = {
  summary: 'Run the tutor: Discord and/or Slack when their tokens are set, else the console tutor',
  usage: `Usage: tutor start

Runs the platforms chosen by the environment: Discord when DISCORD_TOKEN is set, Slack when
SLACK_BOT_TOKEN is set (both can run in one process); with neither, the console tutor on
./data/tutor.db (TUTOR_DB overrides), as \`tutor console\`. SIGTERM or SIGINT stops it gracefully.

DISCORD_SHARDS=auto|N runs one process per Discord shard, TUTOR_PROCESSES=N (without shards) N
processes; they share PORT and one database, each scheduling its own channels. SIGHUP reloads the notes.`,
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
      const logger = cliLogger(io, config, config.logLevel);
      const slotText = io.env[SLOT_VARIABLE];
      if (slotText === undefined) {
        const plan = await planProcesses(config);
        if (plan.count > 1) return await runProcesses(plan, { logger });
      }
      const slot = slotText === undefined ? undefined : parseSlot(slotText);
      if (slot === null) throw new Error(`${SLOT_VARIABLE} must be index/count, got "${slotText}"`);
      return await runServer(config, { clock, logger, cwd: io.cwd, ...(slot ? { slot } : {}) });
    } catch (error) {
      return reportCliError(io, 'start', error);
    }
  },
};
