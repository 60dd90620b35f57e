/**
 * The work an adapter does for one platform event, run so that a failure never reaches the platform library
 * (discord.js, Bolt) and `stop()` can wait for what is still running. How a failure is logged stays the
 * adapter's: each platform words its log lines and tells its users in its own way.
 */

/** A failed event: the handler's own failure, or the failure to tell the user about it afterwards. */
export interface FailedEvent {
  /** What the adapter was doing, e.g. `interaction` or `grading a thread reply`. */
  readonly event: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly stage: 'handler' | 'telling-the-user';
  readonly error: unknown;
}

export class GuardedTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly report: (failure: FailedEvent) => void) {}

  /**
   * Runs `work` for one event. The returned promise never rejects: a failure is reported, then `tellUser` (if
   * given) runs, and its own failure is reported too. Listeners that must finish their work before returning
   * (Bolt's) await it; others (discord.js's) leave it running.
   */
  run(
    event: string,
    context: Readonly<Record<string, unknown>>,
    work: () => Promise<void>,
    tellUser?: () => Promise<void>,
  ): Promise<void> {
    const task = startSafely(work)
      .catch(async (error: unknown) => {
        this.report({ event, context, stage: 'handler', error });
        if (!tellUser) return;
        await startSafely(tellUser).catch((second: unknown) =>
          this.report({ event, context, stage: 'telling-the-user', error: second }),
        );
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
    return task;
  }

  /** How many events are being handled now. */
  get size(): number {
    return this.running.size;
  }

  /** Resolves once every event handled now, and every one started while waiting, has finished. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** `work()` as a promise even when it throws before its first `await` (a non-async function). */
function startSafely(work: () => Promise<void>): Promise<void> {
  try {
    return work();
  } catch (error) {
    return Promise.reject(error);
  }
}
