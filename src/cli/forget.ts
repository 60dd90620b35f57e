/** `tutor forget <user>`: removes a user's answers, scores, streaks and memberships, for privacy requests. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliLogger, configWithDb, reportCliError, UsageError } from '../app/cli-support.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Subcommand } from './io.js';
import { platformOption } from './streak.js';

export const forgetCommand: Subcommand = {
  summary: 'Remove a user’s answers and scores everywhere: tutor forget <user>',
  usage: `Usage: tutor forget <user> [--platform console|discord|slack] [--workspace ID] [--db PATH]

Deletes every row about the user (answers, practice answers, results, streaks, points, team membership and the
user itself) in one transaction, and prints how many rows went. <user> is the platform user id or the display
name. Defaults: --platform console --workspace local (the console tutor's workspace); for Discord the workspace
is the guild id, for Slack the team id (T…).`,
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: {
          platform: { type: 'string', default: 'console' },
          workspace: { type: 'string', default: 'local' },
          db: { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
      const name = positionals.join(' ').trim();
      if (!name) throw new UsageError('which user? tutor forget <user>');
      const platform = platformOption(values.platform);
      const config = configWithDb(io, values.db);
      const store = openSqliteStore(path.resolve(io.cwd, config.dbPath), { logger: cliLogger(io, config) });
      try {
        const user = await store.findUserByName(platform, values.workspace, name);
        if (!user) {
          io.stderr.write(`tutor forget: no user "${name}" on ${platform}/${values.workspace}: nothing removed\n`);
          return 1;
        }
        const rows = await store.forgetUser(platform, values.workspace, user.externalId);
        io.stdout.write(
          `Forgot ${user.displayName} (${user.externalId}) on ${platform}/${values.workspace}: ${rows} row(s) removed\n`,
        );
        return 0;
      } finally {
        await store.close();
      }
    } catch (error) {
      return reportCliError(io, 'forget', error);
    }
  },
};
