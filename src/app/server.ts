/**
 * `tutor start` with platform tokens: the services, the chosen adapters and the scheduler, running until
 * `stopSignal` resolves (SIGTERM/SIGINT from the CLI), then stopped in order and the database closed.
 */
import type { TutorConfig } from '../config/config.js';
import type { Logger } from '../domain/logger.js';
import { createScheduler } from '../scheduler/scheduler.js';
import type { Clock } from '../tutor/clock.js';
import { networkAdapters } from './platforms.js';
import { runPlatforms } from './run.js';
import { openServices } from './services.js';

export async function runServer(
  config: TutorConfig,
  options: { clock: Clock; logger: Logger; cwd: string; stopSignal: Promise<unknown> },
): Promise<void> {
  const services = await openServices(config, options);
  try {
    const scheduler = createScheduler({
      tutor: services.tutor,
      store: services.store,
      outboxes: services.outboxes,
      clock: options.clock,
      logger: options.logger,
    });
    const running = await runPlatforms(services, await networkAdapters(services), scheduler);
    options.logger.info({ platforms: running.adapters.map((a) => a.platform) }, 'tutor started');
    await options.stopSignal;
    options.logger.info('stopping');
    await running.stop();
  } finally {
    await services.close();
  }
}
