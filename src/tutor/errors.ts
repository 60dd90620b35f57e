/**
 * Every error id the core can report, in one `as const` list, and what each one says. A message carrying an
 * `errorId` is a refusal or a failure the requester should read (adapters show it privately); the id itself
 * is stable, for logs, tests and platforms, while the words live in i18n.
 *
 * The compiler holds the three together: an id without an entry in `ERRORS` is a type error, an entry naming
 * a message key i18n does not have is a type error, and `refusal(locale, id, key)` only accepts a key declared
 * for that id. The store's `StoreErrorId` and grading's rejection ids must be members of `ErrorId` (they are
 * passed where an `ErrorId` is expected), so an id added below the core without a message does not compile.
 */
import type { Locale } from '../domain/vocabulary.js';
import { t, type MessageKey, type MessageParams } from './i18n.js';
import type { OutMessage, Tone } from './messages.js';

export const ERROR_IDS = [
  // the request itself
  'unknown-command',
  'invalid-option',
  // preconditions of a command
  'not-admin',
  'no-channel',
  'no-challenge',
  'no-practice',
  'no-review',
  'no-chain',
  // answers
  'empty-answer',
  'answer-too-long',
  'challenge-closed',
  'attempt-cap',
  'duplicate',
  'unknown-attempt',
  'not-yours',
  // lookups
  'unknown-topic',
  'unknown-user',
  'no-topics',
  // admin actions
  'reload-unavailable',
  'reload-failed',
  'already-posted',
  'post-pending',
  'post-failed',
  'no-outbox',
  // the store (`StoreError.id`) and anything unexpected
  'store-busy',
  'store-read-only',
  'store-full',
  'store-corrupt',
  'store-failed',
  'internal',
] as const;

export type ErrorId = (typeof ERROR_IDS)[number];

interface ErrorSpec {
  readonly tone: Tone;
  /**
   * The i18n keys this id may be explained with (a refusal can have several reasons, e.g. `no-challenge`:
   * paused, being posted, not yet due). Empty for an id whose words come from the rule that found it
   * (grading's answer rejections, which count the characters for the reader).
   */
  readonly messages: readonly MessageKey[];
}

export const ERRORS = {
  'unknown-command': { tone: 'warning', messages: ['error.invalid-option', 'text.unknown-command'] },
  'invalid-option': {
    tone: 'warning',
    messages: ['error.invalid-option', 'team.choose', 'admin.bad-time', 'admin.bad-zone'],
  },
  'not-admin': { tone: 'warning', messages: ['admin.refused'] },
  'no-channel': { tone: 'warning', messages: ['error.no-channel'] },
  'no-challenge': {
    tone: 'neutral',
    messages: ['challenge.none', 'challenge.overdue', 'challenge.paused', 'challenge.posting'],
  },
  'no-practice': { tone: 'warning', messages: ['practice.none'] },
  'no-review': { tone: 'warning', messages: ['review.none-waiting'] },
  'no-chain': { tone: 'neutral', messages: ['chain.none'] },
  'empty-answer': { tone: 'warning', messages: [] },
  'answer-too-long': { tone: 'warning', messages: [] },
  'challenge-closed': { tone: 'warning', messages: ['challenge.closed'] },
  'attempt-cap': { tone: 'warning', messages: ['answer.cap'] },
  duplicate: { tone: 'neutral', messages: ['answer.duplicate'] },
  'unknown-attempt': { tone: 'warning', messages: ['answer.unknown-attempt'] },
  'not-yours': { tone: 'warning', messages: ['answer.not-yours'] },
  'unknown-topic': { tone: 'warning', messages: ['topic.none'] },
  'unknown-user': { tone: 'warning', messages: ['streak.unknown-user'] },
  'no-topics': { tone: 'warning', messages: ['challenge.no-topics'] },
  'reload-unavailable': { tone: 'warning', messages: ['admin.reload-unavailable'] },
  'reload-failed': { tone: 'error', messages: ['admin.reload-failed'] },
  'already-posted': { tone: 'neutral', messages: ['challenge.already-posted'] },
  'post-pending': { tone: 'neutral', messages: ['challenge.posting'] },
  'post-failed': { tone: 'error', messages: ['challenge.post-failed'] },
  'no-outbox': { tone: 'warning', messages: ['challenge.no-outbox'] },
  'store-busy': { tone: 'error', messages: ['error.store-busy'] },
  'store-read-only': { tone: 'error', messages: ['error.store-read-only'] },
  'store-full': { tone: 'error', messages: ['error.store-full'] },
  'store-corrupt': { tone: 'error', messages: ['error.store-corrupt'] },
  'store-failed': { tone: 'error', messages: ['error.store-failed'] },
  internal: { tone: 'error', messages: ['error.internal'] },
} as const satisfies { readonly [Id in ErrorId]: ErrorSpec };

/** The message keys declared for an id. */
export type ErrorMessageKey<Id extends ErrorId> = (typeof ERRORS)[Id]['messages'][number];

/** An id explained in the requester's language: private, in the id's tone. */
export function refusal<Id extends ErrorId>(
  locale: Locale,
  id: Id,
  key: ErrorMessageKey<Id>,
  params: MessageParams = {},
): OutMessage {
  return errorMessage(id, t(locale, key, params));
}

/** An id with words written elsewhere (grading's rejections, the text-command parser's usage lines). */
export function errorMessage(id: ErrorId, text: string): OutMessage {
  return { text, tone: ERRORS[id].tone, errorId: id, private: true };
}
