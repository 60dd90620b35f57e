/**
 * A learner's progress in spaced review: topics by state, reviews due, the retention estimate, the five
 * weakest concepts and a 12-week activity strip. One report, shown by `/progress` and by
 * `tutor progress` (text or the JSON shape).
 */
import { dayEnd, dayInZone, dayStart } from '../../domain/calendar.js';
import {
  activityStart,
  activityStrip,
  progressState,
  PROGRESS_STATES,
  retentionEstimate,
  type ProgressState,
} from '../../domain/review.js';
import type { Locale } from '../../domain/vocabulary.js';
import type { KnowledgeBase } from '../../challenges/types.js';
import type { Store, UserKey } from '../../store/types.js';
import { t } from '../i18n.js';
import type { OutMessage } from '../messages.js';

export const WEAK_CONCEPTS = 5;

export interface ProgressCard {
  readonly topicId: string;
  readonly title: string;
  readonly path: readonly string[];
  readonly state: ProgressState;
  /** ISO instant. */
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly reps: number;
  readonly lapses: number;
  readonly lastScore: number | null;
}

/** The JSON shape, field for field. */
export interface ProgressJson {
  readonly user: string;
  readonly cards: readonly ProgressCard[];
  readonly due: number;
  /** Mean recall probability (0–1) over reviewed topics; null before the first review. */
  readonly retention: number | null;
  readonly weakConcepts: readonly { concept: string; topicId: string; title: string; missed: number }[];
}

export interface ProgressReport extends ProgressJson {
  /** One line per week, Monday first (`domain/review.activityStrip`). */
  readonly activity: string;
}

const round = (value: number, places: number) => Number(value.toFixed(places));

export async function progressReport(
  store: Store,
  kb: KnowledgeBase,
  user: UserKey & { readonly displayName: string },
  at: { readonly now: Date; readonly zone: string; readonly retention: number },
): Promise<ProgressReport> {
  const { now, zone, retention } = at;
  const [cards, weak] = await Promise.all([store.cards(user), store.weakConcepts(user, WEAK_CONCEPTS)]);
  const today = dayInZone(now, zone);
  // Intervals are whole days: a card due later today is due today.
  const endOfToday = dayEnd(today, zone).getTime();
  const answeredAt = await store.activity(user, dayStart(activityStart(today), zone), now);
  // A topic the notes no longer hold keeps its id as its title.
  const titleOf = (topicId: string) => kb.challengeFor(topicId)?.title ?? topicId;
  const estimate = retentionEstimate(cards, now, retention);
  return {
    user: user.displayName,
    cards: cards.map((card) => ({
      topicId: card.topicId,
      title: titleOf(card.topicId),
      path: kb.challengeFor(card.topicId)?.path ?? [],
      state: progressState(card),
      due: card.due.toISOString(),
      stability: round(card.stability, 2),
      difficulty: round(card.difficulty, 2),
      reps: card.reps,
      lapses: card.lapses,
      lastScore: card.lastScore,
    })),
    due: cards.filter((card) => card.due.getTime() <= endOfToday).length,
    retention: estimate === null ? null : round(estimate, 3),
    weakConcepts: weak.map((w) => ({
      concept: w.concept,
      topicId: w.topicId,
      title: titleOf(w.topicId),
      missed: w.missed,
    })),
    activity: activityStrip(answeredAt, today, zone),
  };
}

export function progressJson(report: ProgressReport): ProgressJson {
  const { user, cards, due, retention, weakConcepts } = report;
  return { user, cards, due, retention, weakConcepts };
}

export function progressCounts(report: ProgressJson): Record<ProgressState, number> {
  const counts = Object.fromEntries(PROGRESS_STATES.map((state) => [state, 0])) as Record<ProgressState, number>;
  for (const card of report.cards) counts[card.state]++;
  return counts;
}

export function progressMessage(locale: Locale, report: ProgressReport): OutMessage {
  if (report.cards.length === 0) {
    return { text: t(locale, 'progress.none', { name: report.user }), tone: 'neutral', private: true };
  }
  const weak =
    report.weakConcepts.length > 0
      ? report.weakConcepts.map((w) => `- ${t(locale, 'progress.weak-line', w)}`).join('\n')
      : t(locale, 'progress.weak-none');
  return {
    title: t(locale, 'progress.title', { name: report.user }),
    text: [
      `${t(locale, 'progress.topics')}: ${t(locale, 'progress.states', progressCounts(report))}`,
      t(locale, 'progress.due', { due: report.due }),
      report.retention === null
        ? t(locale, 'progress.retention-none')
        : t(locale, 'progress.retention', { percent: Math.round(report.retention * 100) }),
    ].join('\n'),
    fields: [
      { name: t(locale, 'progress.weak'), value: weak },
      { name: t(locale, 'progress.activity'), value: `\`\`\`\n${report.activity}\n\`\`\`` },
    ],
    tone: 'neutral',
    private: true,
  };
}

/** The report as plain text lines (the command line's form of `/progress`). */
export function progressText(locale: Locale, report: ProgressReport): string {
  const lines = [
    `${report.user}: ${t(locale, 'progress.states', progressCounts(report))}`,
    t(locale, 'progress.due', { due: report.due }),
    report.retention === null
      ? t(locale, 'progress.retention-none')
      : t(locale, 'progress.retention', { percent: Math.round(report.retention * 100) }),
    `${t(locale, 'progress.weak')}:`,
    ...(report.weakConcepts.length > 0
      ? report.weakConcepts.map((w) => `  ${t(locale, 'progress.weak-line', w)}`)
      : [`  ${t(locale, 'progress.weak-none')}`]),
    `${t(locale, 'progress.activity')}:`,
    ...report.activity.split('\n').map((line) => `  ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}
