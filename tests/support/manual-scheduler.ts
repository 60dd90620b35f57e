/** A real scheduler whose cron never fires: tests drive it with `runDue()` so nothing posts on its own. */
import type { Services } from '../../src/app/services.js';
import type { Logger } from '../../src/domain/logger.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import type { Clock } from '../../src/tutor/clock.js';

export function manualScheduler(
  services: Pick<Services, 'tutor' | 'store' | 'outboxes'>,
  clock: Clock,
  logger: Logger,
): Scheduler {
  return createScheduler({
    tutor: services.tutor,
    store: services.store,
    outboxes: services.outboxes,
    clock,
    logger,
    cron: () => ({ stop: () => {} }),
  });
}
