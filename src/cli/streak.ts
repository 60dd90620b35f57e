import { WORKSPACE_OPTIONS, withWorkspace } from '../app/cli-support.js';
import { dayInZone } from '../domain/calendar.js';
import { streakAsOf } from '../tutor/use-cases/streak.js';
import { defineSubcommand, JSON_OPTION, restText } from './options.js';

export const streakCommand = defineSubcommand({
  name: 'streak',
  summary: 'Show a user’s streak: tutor streak <user> [--json]',
  usage: `Usage: tutor streak <user> [--json] [--db PATH] [--now ISO-TIME] [--platform P --workspace ID]

The user's current and longest streak, freezes held and recent counted days, read from the database
(default: the console workspace). --json prints {"user","current","longest","freezes","days":[...]}.`,
  options: { ...JSON_OPTION, ...WORKSPACE_OPTIONS },
  positionals: true,
  async run({ values, positionals }, io) {
    const name = restText(positionals, 'which user? tutor streak <user>');
    return withWorkspace(io, values, async ({ platform, workspace, config, clock, store }) => {
      const user = await store.findUserByName(platform, workspace, name);
      if (!user) {
        io.stderr.write(`tutor streak: no user named "${name}" has answered on ${platform}/${workspace}\n`);
        return 1;
      }
      const standing = await streakAsOf(store, user, dayInZone(clock.now(), config.defaults.timeZone), 30);
      const result = {
        user: user.displayName,
        current: standing?.current ?? 0,
        longest: standing?.view.longest ?? 0,
        freezes: standing?.view.freezes ?? 0,
        days: standing?.view.days ?? [],
      };
      if (values.json) {
        io.stdout.write(`${JSON.stringify(result)}\n`);
      } else {
        io.stdout.write(
          `${result.user}: current ${result.current} day(s), longest ${result.longest}, freezes ${result.freezes}\n` +
            result.days.map((d) => `  ${d.day} ${d.status}\n`).join(''),
        );
      }
      return 0;
    });
  },
});
