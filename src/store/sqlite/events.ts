/** Processed event ids on SQLite, pruned as they expire. */
import { EVENT_PRUNE_EVERY_MS, EVENT_RETENTION_MS } from '../logic/rules.js';
import type { EventStore } from '../ports/events.js';
import type { SqliteContext } from './context.js';

export function sqliteEvents(ctx: SqliteContext): EventStore {
  /** Event time of the last pruning of expired event ids. */
  let prunedAt = -Infinity;
  return {
    async claimEvent(platform, eventId, at) {
      return ctx.write(() => {
        // Expired ids go at most once a minute (of event time; a clock set back prunes too), not in every claim:
        // every command claims its event, and a lookup should not pay for a DELETE each time.
        if (Math.abs(at.getTime() - prunedAt) >= EVENT_PRUNE_EVERY_MS) {
          ctx.sql('DELETE FROM processed_events WHERE at < ?').run(at.getTime() - EVENT_RETENTION_MS);
          prunedAt = at.getTime();
        }
        return (
          ctx
            .sql('INSERT OR IGNORE INTO processed_events (platform, event_id, at) VALUES (?, ?, ?)')
            .run(platform, eventId, at.getTime()).changes === 1
        );
      });
    },
  };
}
