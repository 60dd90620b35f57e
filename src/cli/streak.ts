import { parseArgs } from 'node:util';
import {
  clockFrom,
  configWithDb,
  openCliStore,
  platformOption,
  reportCliError,
  UsageError,
  WORKSPACE_OPTIONS,
} from '../app/cli-support.js';
import { dayInZone } from '../domain/calendar.js';
import { currentStreakAsOf } from '../domain/streak.js';
import type { Subcommand } from './io.js';

export const streakCommand: Subcommand = {
  summary: 'Show a user’s streak: tutor streak <user> [--json]',
  usage: `Usage: tutor streak <user> [--json] [--db PATH] [--now ISO-TIME] [--platform P --workspace ID]

The user's current and longest streak, freezes held and recent counted days, read from the database
(default: the console workspace). --json prints {"user","current","longest","freezes","days":[...]}.`,
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: {
          json: { type: 'boolean', default: false },
          ...WORKSPACE_OPTIONS,
        },
        strict: true,
        allowPositionals: true,
      });
      const name = positionals.join(' ').trim();
      if (!name) throw new UsageError('which user? tutor streak <user>');
      const platform = platformOption(values.platform);
      const config = configWithDb(io, values.db);
      const clock = clockFrom(values.now);
      const store = await openCliStore(io, config);
      try {
        const user = await store.findUserByName(platform, values.workspace, name);
        if (!user) {
          io.stderr.write(`tutor streak: no user named "${name}" has answered on ${platform}/${values.workspace}\n`);
          return 1;
        }
        const view = await store.streak(user, { recentDays: 30 });
        const today = dayInZone(clock.now(), config.defaults.timeZone);
        const result = {
          user: user.displayName,
          current: view ? currentStreakAsOf(view, today) : 0,
          longest: view?.longest ?? 0,
          freezes: view?.freezes ?? 0,
          days: view?.days ?? [],
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
      } finally {
        await store.close();
      }
    } catch (error) {
      return reportCliError(io, 'streak', error);
    }
  },
};
