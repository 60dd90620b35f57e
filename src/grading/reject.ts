/** Replies refused before grading (empty, or too long): the message says why, and the core charges no attempt. */
import type { Locale } from '../domain/vocabulary.js';
import { MAX_ANSWER_CHARS, type AnswerRejection } from './types.js';

/** Characters as a reader counts them (code points, so an emoji or a rare Han character is one). */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function rejectAnswer(text: string, locale: Locale): AnswerRejection | null {
  if (text.trim().length === 0) {
    return {
      id: 'empty-answer',
      message:
        locale === 'zh'
          ? '回答是空的：先写痛点（没有它会出什么问题），再写解法。本次不计入尝试次数。'
          : 'Your answer is empty: write the pain (what goes wrong without it), then the fix. This used no attempt.',
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
