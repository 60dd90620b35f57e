/**
 * The App Home tab: the user's streak and points, today's challenge in each of their channels, and their
 * team's standing, from `TutorApi.overview`. Its few labels are Slack-only, so they live here in both languages.
 */
import type { types } from '@slack/bolt';
import type { Locale } from '../../domain/vocabulary.js';
import type { UserOverview } from '../../tutor/api.js';
import { truncate } from '../shared/text-limits.js';
import { escapeSlack, LIMITS } from './render.js';

const LABELS = {
  en: {
    title: 'Your tutor',
    streak: 'Streak',
    streakValue: (s: UserOverview['streak']) => `${s.current} day(s) · longest ${s.longest} · freezes ${s.freezes}`,
    points: 'Points',
    pointsValue: (p: UserOverview['points']) => `week ${p.week} · month ${p.month} · all time ${p.all}`,
    today: 'Today’s challenges',
    noToday: 'No challenge is open in your channels yet today.',
    answered: (score: number | null) => `answered, best ${score ?? 0}`,
    open: 'not answered yet: reply in its thread',
    team: 'Team',
    teamValue: (t: NonNullable<UserOverview['team']>) =>
      t.rank === null ? `${t.name} (not ranked yet)` : `${t.name}: #${t.rank} of ${t.teams}`,
    noTeam: 'No team yet: `/tutor team join <name>`',
    help: 'Type `/tutor help` in any channel for every command.',
  },
  zh: {
    title: '你的学习面板',
    streak: '连续天数',
    streakValue: (s: UserOverview['streak']) => `${s.current} 天 · 最长 ${s.longest} 天 · 冻结卡 ${s.freezes}`,
    points: '积分',
    pointsValue: (p: UserOverview['points']) => `本周 ${p.week} · 本月 ${p.month} · 总计 ${p.all}`,
    today: '今日挑战',
    noToday: '你的频道今天还没有开放的挑战。',
    answered: (score: number | null) => `已回答，最好成绩 ${score ?? 0}`,
    open: '尚未回答：在挑战的讨论串中回复',
    team: '团队',
    teamValue: (t: NonNullable<UserOverview['team']>) =>
      t.rank === null ? `${t.name}（尚未排名）` : `${t.name}：第 ${t.rank} 名，共 ${t.teams} 队`,
    noTeam: '尚未加入团队：`/tutor team join <名称>`',
    help: '在任意频道输入 `/tutor help` 查看全部命令。',
  },
} as const;

/** A Slack channel id links as `<#C…>`; anything else is shown as escaped text. */
function channelRef(channelId: string, channelName: string | null): string {
  if (/^[CG][A-Z0-9]+$/.test(channelId)) return `<#${channelId}>`;
  return escapeSlack(channelName ?? channelId);
}

export function homeView(overview: UserOverview, locale: Locale): types.HomeView {
  const l = LABELS[locale];
  const today = overview.today.map(
    (c) =>
      `• ${channelRef(c.channelId, c.channelName)}: *${escapeSlack(c.title)}*: ${c.answered ? l.answered(c.bestScore) : l.open}`,
  );
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: l.title } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*${l.streak}*\n${l.streakValue(overview.streak)}` },
        { type: 'mrkdwn', text: `*${l.points}*\n${l.pointsValue(overview.points)}` },
        {
          type: 'mrkdwn',
          text: `*${l.team}*\n${overview.team ? escapeSlack(l.teamValue(overview.team)) : l.noTeam}`,
        },
      ],
    },
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`*${l.today}*\n${today.length > 0 ? today.join('\n') : l.noToday}`, LIMITS.sectionText),
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: l.help }] },
  ];
  return { type: 'home', blocks };
}
