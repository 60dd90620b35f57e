/**
 * `tutor start` as several processes on one database (`DISCORD_SHARDS`, or `TUTOR_PROCESSES` above 1): this
 * process becomes a node:cluster primary that forks one worker per slot (`tutor start` again, told its slot in
 * `TUTOR_PROCESS_SLOT`), forks a worker again when it dies, and passes SIGTERM/SIGINT (shut down) and SIGHUP
 * (reload) on to every worker.
 *
 * node:cluster rather than discord.js's ShardingManager: Slack's HTTP receiver and `/healthz` must answer on one
 * PORT whatever process serves the request, which cluster workers get for free (the primary accepts and hands
 * connections round-robin), and ShardingManager's `auto` asks discord.com for the count, ignoring
 * DISCORD_API_BASE. Each worker is a whole tutor: its Discord shard, its share of the schedule, the Slack receiver.
 */
import cluster, { type Worker } from 'node:cluster';
import { z } from 'zod';
import type { TutorConfig } from '../config/config.js';
import type { Logger } from '../domain/logger.js';
import type { ProcessSlot } from '../domain/shards.js';

/** The environment variable that tells a worker its slot, as `index/count`. */
export const SLOT_VARIABLE = 'TUTOR_PROCESS_SLOT';

const slotSchema = z
  .string()
  .regex(/^\d+\/\d+$/)
  .transform((text) => {
    const [index = 0, count = 0] = text.split('/').map(Number);
    return { index, count };
  })
  .refine((slot) => slot.count >= 1 && slot.index < slot.count);

/** A worker's slot from `TUTOR_PROCESS_SLOT`, or `null` when the value is not `index/count`. */
export function parseSlot(text: string): ProcessSlot | null {
  const parsed = slotSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
}

const gatewayBotSchema = z.object({
  shards: z.number().int().min(1),
  session_start_limit: z
    .object({ max_concurrency: z.number().int().min(1) })
    .partial()
    .optional(),
});

export interface ProcessPlan {
  readonly count: number;
  /** Between two workers' starts: Discord lets `max_concurrency` shards identify per 5 s. */
  readonly spawnDelayMs: number;
}

/** Discord's wait between identifies of one `max_concurrency` bucket, plus discord.js's own margin. */
const IDENTIFY_INTERVAL_MS = 5_500;

/** How many processes a configuration runs: the Discord shard count when set (`auto`: Discord's), else TUTOR_PROCESSES. */
export async function planProcesses(
  config: TutorConfig,
  fetchJson: (url: string, init: RequestInit) => Promise<unknown> = defaultFetchJson,
): Promise<ProcessPlan> {
  const discord = config.discord;
  if (!discord) return { count: config.processes, spawnDelayMs: 0 };
  if (discord.shards === undefined) return { count: config.processes, spawnDelayMs: IDENTIFY_INTERVAL_MS };
  if (discord.shards !== 'auto') return { count: discord.shards, spawnDelayMs: IDENTIFY_INTERVAL_MS };
  const base = discord.apiBase ?? 'https://discord.com/api';
  const body = gatewayBotSchema.parse(
    await fetchJson(`${base}/v10/gateway/bot`, { headers: { authorization: `Bot ${discord.token}` } }),
  );
  const concurrency = body.session_start_limit?.max_concurrency ?? 1;
  return { count: body.shards, spawnDelayMs: Math.ceil(IDENTIFY_INTERVAL_MS / concurrency) };
}

async function defaultFetchJson(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`GET ${new URL(url).pathname} answered ${response.status}`);
  return response.json();
}

/** A worker that dies this soon after its start counts as crash-looping: the next fork waits longer. */
const QUICK_DEATH_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The primary's loop: forks `plan.count` workers, re-forks a dead one (1 s, doubling while it keeps dying
 * young), and on SIGTERM/SIGINT passes the signal on and resolves with the exit code once every worker is gone.
 */
export function runProcesses(
  plan: ProcessPlan,
  options: { logger: Logger; args?: readonly string[] },
): Promise<number> {
  const log = options.logger.child({ component: 'processes' });
  const workers = new Map<number, { worker: Worker; startedAt: number; quickDeaths: number }>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  let failed = false;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const fork = (index: number, quickDeaths: number) => {
    if (stopping) return;
    const worker = cluster.fork({ [SLOT_VARIABLE]: `${index}/${plan.count}` });
    workers.set(index, { worker, startedAt: Date.now(), quickDeaths });
    log.info({ slot: index, count: plan.count, pid: worker.process.pid }, 'tutor process started');
    worker.on('exit', (code, signal) => {
      const entry = workers.get(index);
      if (entry?.worker !== worker) return;
      workers.delete(index);
      if (stopping) {
        if (code !== 0) failed = true;
        finish();
        return;
      }
      const young = Date.now() - entry.startedAt < QUICK_DEATH_MS;
      const deaths = young ? entry.quickDeaths + 1 : 0;
      const delay = Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** deaths);
      log.error({ slot: index, code, signal, restartInMs: delay }, 'tutor process died; starting it again');
      later(delay, () => fork(index, deaths));
    });
  };

  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const finish = () => {
    if (stopping && workers.size === 0) resolveExit(failed ? 1 : 0);
  };

  /**
   * SIGTERM (docker, systemd) reaches the primary alone and is passed on. Ctrl-C's SIGINT reaches the whole process
   * group, workers included, so passing it on would be each worker's second signal: its "exit now".
   */
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, processes: workers.size }, 'stopping every tutor process');
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    if (signal === 'SIGTERM') for (const { worker } of workers.values()) worker.process.kill('SIGTERM');
    finish();
  };
  const reload = () => {
    log.info('SIGHUP: every tutor process reloads its knowledge');
    for (const { worker } of workers.values()) worker.process.kill('SIGHUP');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', reload);
  for (let index = 0; index < plan.count; index++) later(index * plan.spawnDelayMs, () => fork(index, 0));
  return exited.finally(() => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    process.off('SIGHUP', reload);
  });
}
