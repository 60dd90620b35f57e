/**
 * The running app's lifecycle: platforms connect first (the catch-up posts need their outboxes), then the
 * scheduler starts; on stop, the scheduler stops planning posts before the platforms disconnect.
 */
import type { PlatformAdapter } from '../platforms/contract.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { Services } from './services.js';

export interface RunningPlatforms {
  readonly adapters: readonly PlatformAdapter[];
  stop(): Promise<void>;
}

export async function runPlatforms(
  services: Services,
  adapters: readonly PlatformAdapter[],
  scheduler: Scheduler,
): Promise<RunningPlatforms> {
  const started: PlatformAdapter[] = [];
  const stopAdapters = async () => {
    for (const adapter of [...started].reverse()) {
      await adapter.stop().catch((error: unknown) => {
        services.logger.error({ err: error, platform: adapter.platform }, 'stopping a platform failed');
      });
      delete services.outboxes[adapter.platform];
    }
  };
  try {
    for (const adapter of adapters) {
      services.outboxes[adapter.platform] = adapter.outbox;
      await adapter.start();
      started.push(adapter);
    }
    await scheduler.start();
  } catch (error) {
    await scheduler.stop();
    await stopAdapters();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    adapters,
    stop() {
      stopping ??= (async () => {
        await scheduler.stop();
        await stopAdapters();
      })();
      return stopping;
    },
  };
}
