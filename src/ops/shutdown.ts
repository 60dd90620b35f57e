/**
 * Graceful shutdown, knowledge reload on SIGHUP, and process-level safety nets, for `tutor start`.
 *
 * Shutdown order, and why: the scheduler stops first and its running fan-out finishes while the platforms can
 * still post (an interrupted post would only be retried on the next start, but finishing it is kinder); then
 * the adapters stop taking events and finish their handlers; then tracked in-flight work (grading, recording)
 * drains; then the health server and the database close. Every step shares one grace period, so a hung
 * step cannot hold the exit past it (Docker sends SIGKILL after its stop timeout: 10 s by default).
 */
import type { Logger } from '../domain/logger.js';
import type { InFlight } from './in-flight.js';

export interface Closable {
  readonly name: string;
  close(): Promise<void>;
}

export interface ShutdownParts {
  readonly scheduler?: { stop(): Promise<void> };
  readonly adapters: readonly { readonly platform: string; stop(): Promise<void> }[];
  readonly inFlight: InFlight;
  /** Closed last, in order (e.g. the health server, then the store). */
  readonly closers: readonly Closable[];
  readonly logger: Logger;
  /** Total time the shutdown may take (default 8 s, under Docker's default 10 s stop timeout). */
  readonly graceMs?: number;
}

export const DEFAULT_GRACE_MS = 8000;

/** Returns a shutdown function; calling it again returns the same run. Resolves to the exit code (0 when clean). */
export function createShutdown(parts: ShutdownParts): (reason: string) => Promise<number> {
  let running: Promise<number> | null = null;
  return (reason) => {
    running ??= run(parts, reason);
    return running;
  };
}

async function run(parts: ShutdownParts, reason: string): Promise<number> {
  const log = parts.logger.child({ component: 'shutdown' });
  const deadline = Date.now() + (parts.graceMs ?? DEFAULT_GRACE_MS);
  const left = () => Math.max(0, deadline - Date.now());
  let clean = true;
  const step = async (name: string, work: () => Promise<unknown>) => {
    const outcome = await withTimeout(work(), left()).catch((error: unknown) => {
      log.error({ err: error, step: name }, 'shutdown step failed');
      return 'failed' as const;
    });
    if (outcome === 'timeout') log.warn({ step: name }, 'shutdown step timed out');
    if (outcome !== 'done') clean = false;
  };

  log.info({ reason, inFlight: parts.inFlight.size }, 'shutting down');
  if (parts.scheduler) {
    const scheduler = parts.scheduler;
    await step('scheduler', () => scheduler.stop());
  }
  await Promise.all(parts.adapters.map((adapter) => step(`adapter:${adapter.platform}`, () => adapter.stop())));
  const drained = await parts.inFlight.drain(left());
  if (!drained) {
    clean = false;
    log.warn({ inFlight: parts.inFlight.size }, 'in-flight work still running at the end of the grace period');
  }
  for (const closer of parts.closers) await step(closer.name, () => closer.close());
  log.info({ clean }, 'stopped');
  return clean ? 0 : 1;
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type ReloadResult = { ok: true; warnings: number } | { ok: false; error: string };

/** The part of `process` the handlers use: a test passes an EventEmitter. */
export interface ProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface ProcessHandlerOptions {
  readonly logger: Logger;
  readonly shutdown: (reason: string) => Promise<number>;
  /** Knowledge reload (SIGHUP): a failure keeps the previous graph in service; the error names file:line. */
  readonly reload: () => Promise<ReloadResult>;
  readonly process?: ProcessLike;
  readonly exit?: (code: number) => void;
  /** More uncaught exceptions than this within a minute means the process is broken: shut down (default 10). */
  readonly maxUncaughtPerMinute?: number;
}

/**
 * SIGTERM/SIGINT → graceful shutdown then exit (a second signal exits at once); SIGHUP → knowledge reload;
 * unhandled rejections and uncaught exceptions are logged and the process carries on, so one bad event never
 * kills it, unless exceptions keep coming. Returns a function that removes the handlers.
 */
export function installProcessHandlers(options: ProcessHandlerOptions): () => void {
  const proc: ProcessLike = options.process ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = options.logger.child({ component: 'process' });
  const maxUncaught = options.maxUncaughtPerMinute ?? 10;
  let stopping = false;
  let reloading: Promise<void> | null = null;
  let uncaught: number[] = [];

  /** `minCode` keeps a shutdown forced by errors from exiting 0. */
  const stop = (reason: string, minCode = 0) => {
    if (stopping) {
      log.warn({ signal: reason }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    options.shutdown(reason).then(
      (code) => exit(Math.max(code, minCode)),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };

  const handlers: Record<string, (...args: unknown[]) => void> = {
    SIGTERM: () => stop('SIGTERM'),
    SIGINT: () => stop('SIGINT'),
    SIGHUP: () => {
      if (reloading) {
        log.info('knowledge reload already running');
        return;
      }
      log.info('SIGHUP: reloading knowledge');
      reloading = options
        .reload()
        .then(
          (result) => {
            if (result.ok) log.info({ warnings: result.warnings }, 'knowledge reloaded');
            else log.error({ error: result.error }, 'knowledge reload failed; the previous knowledge stays in service');
          },
          (error: unknown) => {
            log.error({ err: error }, 'knowledge reload failed; the previous knowledge stays in service');
          },
        )
        .finally(() => {
          reloading = null;
        });
    },
    unhandledRejection: (reason) => {
      log.error({ err: reason }, 'unhandled promise rejection (continuing)');
    },
    uncaughtException: (error) => {
      const now = Date.now();
      uncaught = [...uncaught.filter((t) => now - t < 60_000), now];
      if (uncaught.length > maxUncaught) {
        log.error({ err: error, count: uncaught.length }, 'uncaught exceptions keep coming: shutting down');
        stop('uncaughtException', 1);
        return;
      }
      log.error({ err: error }, 'uncaught exception (continuing)');
    },
  };

  for (const [event, handler] of Object.entries(handlers)) proc.on(event, handler);
  return () => {
    for (const [event, handler] of Object.entries(handlers)) proc.off(event, handler);
  };
}
