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
import { PERIODS, type Period } from '../domain/vocabulary.js';
import type { Subcommand } from './io.js';

export const leaderboardCommand: Subcommand = {
  summary: 'Show rankings: [--period week|month|all] [--teams] [--json]',
  usage: `Usage: tutor leaderboard [--period week|month|all] [--teams] [--by points|streak] [--limit N] [--json]
                        [--db PATH] [--now ISO-TIME] [--platform P --workspace ID]

Rankings of the console workspace by default. --json prints {"period","entries":[{"rank","name","points","streak"}]}
(teams also carry "members" and "averagePoints": they rank by the average).`,
  async run(args, io) {
    try {
      const { values } = parseArgs({
        args: [...args],
        options: {
          period: { type: 'string', default: 'week' },
          teams: { type: 'boolean', default: false },
          by: { type: 'string', default: 'points' },
          limit: { type: 'string', default: '20' },
          json: { type: 'boolean', default: false },
          ...WORKSPACE_OPTIONS,
        },
        strict: true,
        allowPositionals: false,
      });
      if (!(PERIODS as readonly string[]).includes(values.period)) {
        throw new UsageError(`--period: one of ${PERIODS.join(', ')}, not ${values.period}`);
      }
      if (values.by !== 'points' && values.by !== 'streak')
        throw new UsageError(`--by: points or streak, not ${values.by}`);
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit: a positive whole number, not ${values.limit}`);
      const platform = platformOption(values.platform);
      const config = configWithDb(io, values.db);
      const clock = clockFrom(values.now);
      const store = await openCliStore(io, config);
      try {
        const period = values.period as Period;
        const entries = await store.leaderboard({
          workspace: { platform, externalId: values.workspace },
          period,
          today: dayInZone(clock.now(), config.defaults.timeZone),
          by: values.by,
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
            io.stdout.write(
              `${String(e.rank).padStart(3)}. ${e.name}: ${e.points} points, streak ${e.streak}${team}\n`,
            );
          }
        }
        return 0;
      } finally {
        await store.close();
      }
    } catch (error) {
      return reportCliError(io, 'leaderboard', error);
    }
  },
};
