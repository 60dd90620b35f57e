/**
 * Replies as platform-neutral `OutMessage`s: pure functions from core values to text, so every platform
 * says the same thing. User-written text (names, answers) passes through untouched: neutralizing
 * mentions is each renderer's job, where the platform's syntax is known.
 */
import { STREAK_BONUS_CAP_PERCENT, STREAK_BONUS_PERCENT_PER_DAY, streakBonusPercent } from '../domain/points.js';
import type { Locale, Period } from '../domain/vocabulary.js';
import { detectLocale } from '../text/script.js';
import type { Challenge } from '../grading/types.js';
import type { LookupResult, TopicRef } from '../challenges/types.js';
import type { DayResult, LeaderboardEntry, StreakView } from '../store/types.js';
import { refusal } from './errors.js';
import { t } from './i18n.js';
import type { CommandReply } from './api.js';
import type { OutMessage } from './messages.js';

/** Top-level notes often carry a whole sentence as their title: a crumb is cut so the trail stays one line. */
const CRUMB_CHARS = 24;

export function breadcrumb(path: readonly string[]): string {
  return path
    .map((title) => ([...title].length > CRUMB_CHARS ? `${[...title].slice(0, CRUMB_CHARS - 1).join('')}…` : title))
    .join(' › ');
}

/**
 * The question in the reader's language, in bold line by line (bold markers do not span lines in any
 * renderer). A curated prompt may carry one line per language: only the reader's lines are kept, unless
 * the notes give none in that language.
 */
export function askOf(locale: Locale, challenge: Challenge): string {
  const lines = (challenge.prompt ?? t(locale, 'challenge.ask')).split('\n').map((line) => line.trim());
  const written = lines.filter((line) => line !== '');
  const inLocale = written.filter((line) => detectLocale(line, locale) === locale);
  return (inLocale.length > 0 ? inLocale : written).map((line) => `**${line}**`).join('\n');
}

export function challengeMessage(
  locale: Locale,
  challenge: Challenge,
  close: { time: string; zone: string },
  maxAttempts: number,
): OutMessage {
  return {
    title: t(locale, 'challenge.title', { title: challenge.title }),
    text: [
      `_${breadcrumb(challenge.path)}_`,
      '',
      askOf(locale, challenge),
      '',
      t(locale, 'challenge.how'),
      t(locale, 'challenge.attempts', { max: maxAttempts }),
    ].join('\n'),
    footer: t(locale, 'challenge.closes', close),
    tone: 'neutral',
  };
}

export function practiceMessage(locale: Locale, challenge: Challenge): OutMessage {
  return {
    title: t(locale, 'practice.title', { title: challenge.title }),
    text: [`_${breadcrumb(challenge.path)}_`, '', askOf(locale, challenge), '', t(locale, 'practice.how')].join('\n'),
    tone: 'neutral',
  };
}

export function revealMessage(locale: Locale, challenge: Challenge, results: readonly DayResult[]): OutMessage {
  const ranked = [...results].sort((a, b) => b.bestScore - a.bestScore || a.displayName.localeCompare(b.displayName));
  const lines = ranked.map(
    (r) =>
      `- ${t(locale, 'reveal.line', {
        name: r.displayName,
        score: r.bestScore,
        mark: t(locale, r.passed ? 'mark.pass' : 'mark.fail'),
        attempts: r.attempts,
      })}`,
  );
  // As the challenge was posted: the topic's path under the title, then the labelled model answer and results.
  return {
    title: t(locale, 'reveal.title', { title: challenge.title }),
    text: `_${breadcrumb(challenge.path)}_`,
    fields: [
      { name: t(locale, 'reveal.model'), value: challenge.modelAnswer },
      { name: t(locale, 'reveal.results'), value: lines.length > 0 ? lines.join('\n') : t(locale, 'reveal.nobody') },
    ],
    tone: 'neutral',
  };
}

export function topicMessage(locale: Locale, lookup: LookupResult): OutMessage {
  const [best, ...others] = lookup.results;
  if (!best) {
    return unknownTopic(locale, lookup.query, lookup.nearest);
  }
  const fields = [];
  if (best.children.length > 0) {
    fields.push({ name: t(locale, 'topic.children'), value: best.children.map((c) => `- ${c.title}`).join('\n') });
  }
  // The other results often are related topics too: list each once.
  const seen = new Set<string>([best.id]);
  const related = [...best.related, ...others].filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, 8);
  if (related.length > 0) {
    fields.push({
      name: t(locale, 'topic.related'),
      value: related.map((r) => `- ${r.title} (_${breadcrumb(r.path)}_)`).join('\n'),
    });
  }
  return {
    title: best.title,
    text: [`_${breadcrumb(best.path)}_`, '', best.body || t(locale, 'topic.empty')].join('\n'),
    fields,
    tone: 'neutral',
  };
}

/** No topic matches the query: what does come nearest, for the requester. */
export function unknownTopic(locale: Locale, query: string, nearest: readonly TopicRef[]): OutMessage {
  return { ...refusal(locale, 'unknown-topic', 'topic.none', { query }), fields: nearestFields(locale, nearest) };
}

function nearestFields(locale: Locale, nearest: readonly TopicRef[]) {
  if (nearest.length === 0) return [];
  return [
    {
      name: t(locale, 'topic.nearest'),
      value: nearest.map((n) => `- ${n.title} (_${breadcrumb(n.path)}_)`).join('\n'),
    },
  ];
}

export function streakMessage(locale: Locale, name: string, view: StreakView, current: number): OutMessage {
  const days = view.days.map((d) => `- ${d.day}${t(locale, 'text.colon')}${t(locale, `streak.${d.status}`)}`);
  return {
    title: t(locale, 'streak.title', { name }),
    text: t(locale, 'streak.summary', { current, longest: view.longest, freezes: view.freezes }),
    fields: days.length > 0 ? [{ name: t(locale, 'streak.recent'), value: days.join('\n') }] : [],
    tone: 'neutral',
  };
}

export function leaderboardMessage(
  locale: Locale,
  period: Period,
  teams: boolean,
  entries: readonly LeaderboardEntry[],
): OutMessage {
  const lines = entries.map((e) =>
    teams
      ? t(locale, 'leaderboard.team-line', {
          rank: e.rank,
          name: e.name,
          average: e.averagePoints ?? e.points,
          points: e.points,
          members: e.members ?? 0,
        })
      : t(locale, 'leaderboard.line', { rank: e.rank, name: e.name, points: e.points, streak: e.streak }),
  );
  return {
    title: t(locale, 'leaderboard.title', { period: t(locale, `leaderboard.period.${period}`), teams: teams ? 1 : '' }),
    text: lines.length > 0 ? lines.join('\n') : t(locale, 'leaderboard.empty'),
    tone: 'neutral',
  };
}

/** A short notice that reports no error (those are `refusal`s, with an id, for the requester only). */
export function notice(text: string, tone: OutMessage['tone'] = 'neutral'): OutMessage {
  return { text, tone };
}

export const reply = (...messages: OutMessage[]): CommandReply => ({ messages });

/**
 * How the day's points were reached, so the numbers on screen add up: the best score, plus the streak
 * bonus where it applies (the rule of domain/points).
 */
export function pointsLine(
  locale: Locale,
  outcome: {
    readonly bestScore: number;
    readonly points: number;
    readonly passed: boolean;
    readonly dayStreak: number;
  },
): string {
  const { bestScore: best, points } = outcome;
  if (!outcome.passed) return t(locale, 'answer.points-failed', { best, points });
  const percent = streakBonusPercent(outcome.dayStreak);
  if (percent === 0) return t(locale, 'answer.points-first-day', { best, points });
  return t(locale, 'answer.points-bonus', { best, bonus: points - best, percent, day: outcome.dayStreak, points });
}

/** The points rule, for every platform's help. */
export function pointsRule(locale: Locale): string {
  return t(locale, 'help.points', { perDay: STREAK_BONUS_PERCENT_PER_DAY, cap: STREAK_BONUS_CAP_PERCENT });
}
