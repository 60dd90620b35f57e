/** The few words the Discord adapter says itself (the core's replies carry their own translations). */
import type { Locale } from '../../domain/vocabulary.js';

const STRINGS = {
  en: {
    showFeedback: 'Show my feedback',
    notYourFeedback: 'Only the person who wrote this answer can see its feedback.',
    failed: (errorId: string) => `Something went wrong on our side; please try again. (error ${errorId})`,
    dailyChallenge: 'Daily challenge',
  },
  zh: {
    showFeedback: '查看我的反馈',
    notYourFeedback: '只有写下这个回答的人才能查看它的反馈。',
    failed: (errorId: string) => `我们这边出了问题，请稍后再试。（错误 ${errorId}）`,
    dailyChallenge: '每日挑战',
  },
} as const;

export type AdapterStrings = (typeof STRINGS)[Locale];

export function strings(locale: Locale): AdapterStrings {
  return STRINGS[locale];
}
