/**
 * The one place the core catches. Every `TutorApi` method (and the scheduler's two) is wrapped by `atSurface`
 * with what it answers when its work throws, so no method repeats a try/catch and nothing rejects into a
 * platform library. A store error is explained by its stable id ("this answer was not saved, send it again",
 * while lookups, which need no write, keep working); anything else is logged and reported as `internal`.
 */
import type { Logger } from '../domain/logger.js';
import type { Locale } from '../domain/vocabulary.js';
import { StoreError } from '../store/types.js';
import { refusal } from './errors.js';
import type { OutMessage } from './messages.js';

/**
 * `body` with `onFailure`'s answer in place of a throw (or, for an async body, a rejection). Synchronous
 * bodies stay synchronous: autocomplete must answer within Discord's three seconds without a microtask hop.
 */
export function atSurface<Args extends unknown[], Result>(
  body: (...args: Args) => Result,
  onFailure: (error: unknown, ...args: Args) => Awaited<Result>,
): (...args: Args) => Result {
  return (...args) => {
    try {
      const result = body(...args);
      // An async body's Result is a Promise of Awaited<Result>: recovering keeps that type.
      return (
        result instanceof Promise ? result.catch((error: unknown) => onFailure(error, ...args)) : result
      ) as Result;
    } catch (error) {
      return onFailure(error, ...args) as Result;
    }
  };
}

/** What the requester reads when `what` failed; the failure is logged with its context. */
export function failureMessage(locale: Locale, error: unknown, log: Logger, what: string): OutMessage {
  if (error instanceof StoreError) {
    log.warn({ err: error, storeError: error.id }, `${what}: store error`);
    return refusal(locale, error.id, `error.${error.id}`);
  }
  log.error({ err: error }, `${what} failed`);
  return refusal(locale, 'internal', 'error.internal');
}
