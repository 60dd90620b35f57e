/** `/leaderboard [week|month|all] [teams]`: rankings by points and streak. */
import { z } from 'zod';
import { PERIODS } from '../../domain/vocabulary.js';
import { syncPlatformTeam, zoneOf } from '../core.js';
import { leaderboardMessage, reply } from '../views.js';
import { defineCommand } from './define.js';
import { flag } from './options.js';

export const leaderboard = defineCommand({
  spec: {
    name: 'leaderboard',
    group: 'learner',
    visibility: 'public',
    preconditions: [],
    description: { en: 'Rankings by points and streak', zh: '积分与连续天数排行榜' },
    options: [
      {
        name: 'period',
        type: 'string',
        choices: PERIODS,
        description: { en: 'week, month or all (default week)', zh: 'week、month 或 all（默认 week）' },
      },
      { name: 'teams', type: 'boolean', description: { en: 'Rank teams instead of people', zh: '按团队排名' } },
    ],
  },
  schema: z.strictObject({ period: z.enum(PERIODS).default('week'), teams: flag.default(false) }),
  async handle({ request, actor, locale, options }, core) {
    // A ranking is still worth showing when the platform team could not be synced.
    if (options.teams) await syncPlatformTeam(core, actor).catch(() => undefined);
    const entries = await core.store.leaderboard({
      workspace: { platform: actor.platform, externalId: actor.workspaceId },
      period: options.period,
      today: core.dayOf(core.clock.now(), await zoneOf(core, request.place)),
      by: 'points',
      teams: options.teams,
      limit: 10,
    });
    return reply(leaderboardMessage(locale, options.period, options.teams, entries));
  },
});
