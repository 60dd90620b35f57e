/**
 * Work that must finish before the process exits (grading an answer, recording it, posting a reply):
 * tracked so a graceful shutdown can wait for it, with a bound so a hung call cannot hold the exit forever.
 */
import type { TutorApi } from '../tutor/api.js';

export interface InFlight {
  /** Registers `work` and returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  readonly size: number;
  /** Resolves true once everything tracked (including work started meanwhile) settled, false on timeout. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(settled);
      void settled.then(() => pending.delete(settled));
      return work;
    },
    get size() {
      return pending.size;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
      });
      const allSettled = (async () => {
        while (pending.size > 0) await Promise.all(pending);
        return true as const;
      })();
      try {
        return await Promise.race([allSettled, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The same API with every asynchronous call tracked: hand this to the adapters. */
export function trackApi(api: TutorApi, inFlight: InFlight): TutorApi {
  return {
    handleCommand: (request) => inFlight.track(api.handleCommand(request)),
    handleThreadAnswer: (answer) => inFlight.track(api.handleThreadAnswer(answer)),
    autocomplete: (fragment, locale) => api.autocomplete(fragment, locale),
    attemptFeedback: (actor, attemptId) => inFlight.track(api.attemptFeedback(actor, attemptId)),
    ensureChannel: (place) => inFlight.track(api.ensureChannel(place)),
    overview: (actor) => inFlight.track(api.overview(actor)),
  };
}
