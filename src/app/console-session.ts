/**
 * A console tutor session, shared by `tutor console` and `tutor start` without platform tokens:
 * services on the configured database, the console adapter on the given streams, the scheduler (so the
 * day's challenge is posted when due and closed when its day ends), until the input ends or `/quit`.
 */
import type { CliIo } from './io.js';
import type { TutorConfig } from '../config/config.js';
import type { Logger } from '../domain/logger.js';
import type { Locale } from '../domain/vocabulary.js';
import { createConsoleAdapter } from '../platforms/console/console-adapter.js';
import { createScheduler } from '../scheduler/scheduler.js';
import type { Clock } from '../tutor/clock.js';
import { runPlatforms } from './run.js';
import { openServices } from './services.js';

export interface ConsoleSessionOptions {
  readonly user: string;
  readonly locale: Locale;
  readonly clock: Clock;
  readonly logger: Logger;
}

export async function runConsoleSession(config: TutorConfig, io: CliIo, options: ConsoleSessionOptions): Promise<void> {
  const services = await openServices(config, {
    clock: options.clock,
    logger: options.logger,
    cwd: io.cwd,
    locale: options.locale,
  });
  const adapter = createConsoleAdapter({
    tutor: services.tutor,
    input: io.stdin,
    output: io.stdout,
    user: options.user,
    locale: options.locale,
  });
  // SIGTERM or SIGINT (Ctrl-C when stdin is not a terminal) end the session as the end of input does,
  // from the moment it starts (the catch-up post may already be on screen before the prompt).
  const stop = () => void adapter.stop();
  process.once('SIGTERM', stop).once('SIGINT', stop);
  try {
    const scheduler = createScheduler({
      tutor: services.tutor,
      store: services.store,
      outboxes: services.outboxes,
      clock: options.clock,
      logger: options.logger,
    });
    const running = await runPlatforms(services, [adapter], scheduler);
    try {
      await adapter.session();
    } finally {
      await running.stop();
    }
  } finally {
    process.off('SIGTERM', stop).off('SIGINT', stop);
    await services.close();
  }
}
