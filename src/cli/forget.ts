/** `tutor forget <user>`: removes a user's answers, scores, streaks and memberships, for privacy requests. */
import { WORKSPACE_OPTIONS, withWorkspace } from '../app/cli-support.js';
import { defineSubcommand, restText } from './options.js';

export const forgetCommand = defineSubcommand({
  name: 'forget',
  summary: 'Remove a user’s answers and scores everywhere: tutor forget <user>',
  usage: `Usage: tutor forget <user> [--platform console|discord|slack] [--workspace ID] [--db PATH]

Deletes every row about the user (answers, practice answers, results, streaks, points, team membership and the
user itself) in one transaction, and prints how many rows went. Nothing of the user stays readable in the
database file or its WAL: the deletion overwrites what it deletes (SQLite's secure_delete), then a checkpoint
empties the WAL. <user> is the platform user id or the display name. Defaults: --platform console --workspace local (the console tutor's workspace); for Discord the workspace
is the guild id, for Slack the team id (T…).`,
  options: { platform: WORKSPACE_OPTIONS.platform, workspace: WORKSPACE_OPTIONS.workspace, db: WORKSPACE_OPTIONS.db },
  positionals: true,
  async run({ values, positionals }, io) {
    const name = restText(positionals, 'which user? tutor forget <user>');
    return withWorkspace(io, values, async ({ platform, workspace, store }) => {
      const user = await store.findUserByName(platform, workspace, name);
      if (!user) {
        io.stderr.write(`tutor forget: no user "${name}" on ${platform}/${workspace}: nothing removed\n`);
        return 1;
      }
      const rows = await store.forgetUser(platform, workspace, user.externalId);
      io.stdout.write(
        `Forgot ${user.displayName} (${user.externalId}) on ${platform}/${workspace}: ${rows} row(s) removed\n`,
      );
      return 0;
    });
  },
});
