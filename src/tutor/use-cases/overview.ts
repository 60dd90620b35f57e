/** A learner's standing for dashboards (Slack's App Home): streak, points, team rank, today's challenges. */
import { currentStreakAsOf } from '../../domain/streak.js';
import type { Actor, UserOverview } from '../api.js';
import { userRef, type Core } from '../core.js';

export const EMPTY_OVERVIEW: UserOverview = {
  streak: { current: 0, longest: 0, freezes: 0 },
  points: { week: 0, month: 0, all: 0 },
  team: null,
  today: [],
};

export async function overviewOf(core: Core, actor: Actor): Promise<UserOverview> {
  const { store } = core;
  const now = core.clock.now();
  const user = userRef(actor);
  const channels = (await store.listChannels()).filter(
    (c) => c.platform === actor.platform && c.workspaceExternalId === actor.workspaceId,
  );
  const zone = channels[0]?.timeZone ?? core.config.defaults.timeZone;
  const today = core.dayOf(now, zone);
  const view = await store.streak(user, { recentDays: 0 });
  const workspace = { platform: actor.platform, externalId: actor.workspaceId };
  const teamName = await store.teamOf(user);
  let team: UserOverview['team'] = null;
  if (teamName) {
    const teams = await store.leaderboard({ workspace, period: 'week', today, by: 'points', teams: true, limit: 1000 });
    team = { name: teamName, rank: teams.find((e) => e.name === teamName)?.rank ?? null, teams: teams.length };
  }
  const todayList = await Promise.all(
    channels.map(async (channel) => {
      const record = await store.dailyChallenge(channel.id, core.dayOf(now, channel.timeZone));
      if (!record?.postedAt) return null;
      const mine = (await store.dayResults(record.id)).find((r) => r.userExternalId === actor.userId);
      return {
        channelId: channel.externalId,
        channelName: channel.name,
        title: core.knowledge().challengeFor(record.topicId)?.title ?? record.topicId,
        answered: mine !== undefined,
        bestScore: mine?.bestScore ?? null,
      };
    }),
  );
  return {
    streak: view
      ? { current: currentStreakAsOf(view, today), longest: view.longest, freezes: view.freezes }
      : EMPTY_OVERVIEW.streak,
    points: await store.learnerPoints(user, today),
    team,
    today: todayList.filter((x) => x !== null),
  };
}
