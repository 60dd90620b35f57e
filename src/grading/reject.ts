/**
 * Replies refused before grading (nothing visible, or too long): the message says why, and the core charges no
 * attempt.
 */
import type { Locale } from '../domain/vocabulary.js';
import { MAX_ANSWER_CHARS, type AnswerRejection } from './types.js';

/**
 * Characters as a reader counts them (code points, so an emoji or a rare Han character is one): the one length
 * rule for every way an answer arrives (`/answer`, a thread reply, `tutor grade`).
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * What shows nothing on screen: white space and separators, control characters (NUL, BEL, escapes), format
 * characters (zero-width spaces and joiners, bidi controls, the BOM, soft hyphens) and the Hangul fillers.
 */
const INVISIBLE = /[\s\p{Z}\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;

/** Whether a reader would see anything at all in `text`. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

export function rejectAnswer(text: string, locale: Locale): AnswerRejection | null {
  if (!hasVisibleText(text)) {
    return {
      id: 'empty-answer',
      message:
        locale === 'zh'
          ? '回答是空的（没有可见的文字）：先写痛点（没有它会出什么问题），再写解法。本次不计入尝试次数。'
          : 'Your answer is empty (nothing visible in it): write the pain (what goes wrong without it), then the fix. This used no attempt.',
    };
  }
  const length = characterCount(text);
  if (length > MAX_ANSWER_CHARS) {
    return {
      id: 'answer-too-long',
      limit: MAX_ANSWER_CHARS,
      message:
        locale === 'zh'
          ? `回答有 ${length} 个字符，超过上限 ${MAX_ANSWER_CHARS}。请精简后重发，本次不计入尝试次数。`
          : `Your answer has ${length.toLocaleString('en-US')} characters; the limit is ${MAX_ANSWER_CHARS.toLocaleString('en-US')}. Shorten it and send it again — this used no attempt.`,
    };
  }
  return null;
}
