/**
 * Which practice challenge each learner has waiting for `/practice-answer`. Behind an interface so the store
 * can keep them (and a restart with them) without the practice use case changing; today they live in memory.
 */
import type { Actor } from './api.js';
import type { Clock } from './clock.js';

/** A practice challenge waits this long for its answer. */
export const PRACTICE_TTL_MS = 60 * 60_000;

export interface PracticeSessions {
  /** The topic waiting for this learner, unless none is or it expired. */
  waiting(actor: Actor): string | null;
  start(actor: Actor, topicId: string): void;
  finish(actor: Actor): void;
}

export function createMemoryPracticeSessions(clock: Clock): PracticeSessions {
  const sessions = new Map<string, { topicId: string; expires: number }>();
  const keyOf = (actor: Actor) => `${actor.platform}\u0000${actor.workspaceId}\u0000${actor.userId}`;
  return {
    waiting(actor) {
      const session = sessions.get(keyOf(actor));
      return session && session.expires >= clock.now().getTime() ? session.topicId : null;
    },
    start(actor, topicId) {
      const now = clock.now().getTime();
      for (const [key, session] of sessions) if (session.expires < now) sessions.delete(key);
      sessions.set(keyOf(actor), { topicId, expires: now + PRACTICE_TTL_MS });
    },
    finish(actor) {
      sessions.delete(keyOf(actor));
    },
  };
}
