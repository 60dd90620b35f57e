/**
 * `tutor start` with platform tokens: the services, the chosen adapters (given a tutor whose calls are tracked
 * so a shutdown can let them finish), the scheduler, `/healthz` when PORT is set, and the process handlers:
 * SIGTERM/SIGINT shut down gracefully, SIGHUP reloads the knowledge, a stray rejection is logged, not fatal.
 * Resolves with the exit code once a signal has shut everything down.
 */
import type { TutorConfig } from '../config/config.js';
import type { Logger } from '../domain/logger.js';
import { SINGLE_PROCESS, slotOwnsChannel, type ProcessSlot } from '../domain/shards.js';
import { warmGradingTools } from '../grading/tools.js';
import { createHealthCheck, healthRoute, startHealthServer } from '../ops/health.js';
import { createInFlight, trackApi } from '../ops/in-flight.js';
import { createShutdown, installProcessHandlers, type Closable } from '../ops/shutdown.js';
import type { PlatformAdapter } from '../platforms/contract.js';
import { createScheduler } from '../scheduler/scheduler.js';
import type { Clock } from '../tutor/clock.js';
import { networkAdapters, slackOwnsPort } from './platforms.js';
import { runPlatforms } from './run.js';
import { openServices } from './services.js';

export async function runServer(
  config: TutorConfig,
  /** `slot`: this process's place when several serve one database (`tutor start` with shards or processes). */
  options: { clock: Clock; logger: Logger; cwd: string; slot?: ProcessSlot },
): Promise<number> {
  const slot = options.slot ?? SINGLE_PROCESS;
  const logger = slot.count > 1 ? options.logger.child({ process: `${slot.index}/${slot.count}` }) : options.logger;
  const services = await openServices(config, options);
  warmGradingTools(services.knowledge.current().graph);
  const closers: Closable[] = [{ name: 'store', close: () => services.close() }];
  try {
    const inFlight = createInFlight();
    const adapters: PlatformAdapter[] = [];
    const check = createHealthCheck({
      store: services.store,
      knowledge: () => services.knowledge.current(),
      platforms: adapters,
    });
    const httpRoutes = slackOwnsPort(config) ? [healthRoute(check, logger)] : [];
    adapters.push(
      ...(await networkAdapters(config, { tutor: trackApi(services.tutor, inFlight), logger, httpRoutes, slot })),
    );
    if (config.port !== undefined && !slackOwnsPort(config)) {
      const health = await startHealthServer({ port: config.port, check, logger });
      closers.unshift({ name: 'health', close: () => health.close() });
      logger.info({ port: health.port }, 'serving /healthz');
    }
    const scheduler = createScheduler({
      tutor: services.tutor,
      store: services.store,
      outboxes: services.outboxes,
      clock: options.clock,
      logger,
      owns: (channel) => slotOwnsChannel(slot, channel),
    });
    await runPlatforms(services, adapters, scheduler);
    const shutdown = createShutdown({ scheduler, adapters, inFlight, logger, closers });
    const exitCode = new Promise<number>((resolve) => {
      installProcessHandlers({ logger, shutdown, reload: () => services.knowledge.reload(), exit: resolve });
    });
    logger.info({ platforms: adapters.map((a) => a.platform) }, 'tutor started');
    return await exitCode;
  } catch (error) {
    for (const closer of closers) await closer.close().catch(() => undefined);
    throw error;
  }
}
