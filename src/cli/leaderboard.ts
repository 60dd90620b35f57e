import { UsageError, WORKSPACE_OPTIONS, withWorkspace } from '../app/cli-support.js';
import { dayInZone } from '../domain/calendar.js';
import { PERIODS } from '../domain/vocabulary.js';
import { defineSubcommand, JSON_OPTION, oneOf } from './options.js';

export const leaderboardCommand = defineSubcommand({
  name: 'leaderboard',
  summary: 'Show rankings: [--period week|month|all] [--teams] [--json]',
  usage: `Usage: tutor leaderboard [--period week|month|all] [--teams] [--by points|streak] [--limit N] [--json]
                        [--db PATH] [--now ISO-TIME] [--platform P --workspace ID]

Rankings of the console workspace by default. --json prints {"period","entries":[{"rank","name","points","streak"}]}
(teams also carry "members" and "averagePoints": they rank by the average).`,
  options: {
    period: { type: 'string', default: 'week' },
    teams: { type: 'boolean', default: false },
    by: { type: 'string', default: 'points' },
    limit: { type: 'string', default: '20' },
    ...JSON_OPTION,
    ...WORKSPACE_OPTIONS,
  },
  async run({ values }, io) {
    const period = oneOf('--period', values.period, PERIODS);
    const by = oneOf('--by', values.by, ['points', 'streak']);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit: a positive whole number, not ${values.limit}`);
    return withWorkspace(io, values, async ({ platform, workspace, config, clock, store }) => {
      const entries = await store.leaderboard({
        workspace: { platform, externalId: workspace },
        period,
        today: dayInZone(clock.now(), config.defaults.timeZone),
        by,
        teams: values.teams,
        limit,
      });
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ period, entries })}\n`);
      } else if (entries.length === 0) {
        io.stdout.write(`Nobody has scored in this period (${period}) yet.\n`);
      } else {
        for (const e of entries) {
          const team = e.members !== undefined ? ` (${e.members} member(s), ${e.averagePoints} per member)` : '';
          io.stdout.write(`${String(e.rank).padStart(3)}. ${e.name}: ${e.points} points, streak ${e.streak}${team}\n`);
        }
      }
      return 0;
    });
  },
});
