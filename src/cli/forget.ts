/** `tutor forget <user>`: removes a user's answers, scores, streaks and memberships, for privacy requests. */
import { parseArgs } from 'node:util';
import {
  configWithDb,
  openCliStore,
  platformOption,
  reportCliError,
  UsageError,
  WORKSPACE_OPTIONS,
} from '../app/cli-support.js';
import type { Subcommand } from './io.js';

export const forgetCommand: Subcommand = {
  summary: 'Remove a user’s answers and scores everywhere: tutor forget <user>',
  usage: `Usage: tutor forget <user> [--platform console|discord|slack] [--workspace ID] [--db PATH]

Deletes every row about the user (answers, practice answers, results, streaks, points, team membership and the
user itself) in one transaction, and prints how many rows went. Nothing of the user stays readable in the
database file or its WAL: the deletion overwrites what it deletes (SQLite's secure_delete), then a checkpoint
empties the WAL. <user> is the platform user id or the display name. Defaults: --platform console --workspace local (the console tutor's workspace); for Discord the workspace
is the guild id, for Slack the team id (T…).`,
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: {
          platform: WORKSPACE_OPTIONS.platform,
          workspace: WORKSPACE_OPTIONS.workspace,
          db: WORKSPACE_OPTIONS.db,
        },
        strict: true,
        allowPositionals: true,
      });
      const name = positionals.join(' ').trim();
      if (!name) throw new UsageError('which user? tutor forget <user>');
      const platform = platformOption(values.platform);
      const config = configWithDb(io, values.db);
      const store = await openCliStore(io, config);
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
