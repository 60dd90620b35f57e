/** Processed event ids on PostgreSQL, pruned as they expire. */
import { EVENT_PRUNE_EVERY_MS, EVENT_RETENTION_MS } from '../logic/rules.js';
import type { EventStore } from '../ports/events.js';
import type { PgContext } from './context.js';

export function pgEvents(ctx: PgContext): EventStore {
  /** Event time of this process's last pruning of expired event ids. */
  let prunedAt = -Infinity;
  return {
    async claimEvent(platform, eventId, at) {
      return ctx.write(async (sql) => {
        if (Math.abs(at.getTime() - prunedAt) >= EVENT_PRUNE_EVERY_MS) {
          await sql.run('DELETE FROM processed_events WHERE at < $1', [at.getTime() - EVENT_RETENTION_MS]);
          prunedAt = at.getTime();
        }
        // A concurrent claim of the same id waits for this one's commit, then inserts nothing.
        const inserted = await sql.run(
          'INSERT INTO processed_events (platform, event_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [platform, eventId, at.getTime()],
        );
        return inserted === 1;
      });
    },
  };
}
