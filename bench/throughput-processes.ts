/**
 * The throughput bench's answering processes: `count` forks of `throughput-worker.ts` on one database, each
 * offered an equal share of a step's rate at the same moment. The first process starts alone, so it alone
 * migrates a fresh database and posts the day's challenge that the others then find.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** What the parent asks of a worker, over the IPC channel. */
export const Command = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), perSecond: z.number().positive(), stepMs: z.number().positive() }),
  z.object({ kind: z.literal('stop') }),
]);
export type Command = z.infer<typeof Command>;

/** What a worker answers. */
export const Reply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('step'), latencies: z.array(z.number()), elapsedMs: z.number() }),
]);
export type Reply = z.infer<typeof Reply>;

const WORKER = fileURLToPath(new URL('./throughput-worker.ts', import.meta.url));

export interface Answerers {
  /** Offers `perSecond` answers in all for `stepMs`: every latency, and the wall time of the slowest process. */
  step(perSecond: number, stepMs: number): Promise<{ latencies: number[]; elapsedMs: number }>;
  stop(): Promise<void>;
}

function nextReply(child: ChildProcess): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a throughput worker exited (${code}) before replying`));
    child.once('exit', onExit);
    child.once('message', (raw) => {
      child.off('exit', onExit);
      const reply = Reply.safeParse(raw);
      if (reply.success) resolve(reply.data);
      else reject(new Error(`a throughput worker sent ${JSON.stringify(raw)}`));
    });
  });
}

async function request(child: ChildProcess, command: Command): Promise<Reply> {
  const reply = nextReply(child);
  child.send(command);
  return reply;
}

async function startOne(databaseEnv: Record<string, string>, started: ChildProcess[]): Promise<ChildProcess> {
  // Rows go back on stdout (bench/run.ts reads them there): a worker's stdout is dropped, its stderr kept.
  const child = fork(WORKER, [JSON.stringify(databaseEnv)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  started.push(child);
  const reply = await nextReply(child);
  if (reply.kind !== 'ready') throw new Error(`a throughput worker sent ${reply.kind} before it was ready`);
  return child;
}

export async function startAnswerers(count: number, databaseEnv: Record<string, string>): Promise<Answerers> {
  const started: ChildProcess[] = [];
  let children: ChildProcess[];
  try {
    const first = await startOne(databaseEnv, started);
    const rest = await Promise.all(Array.from({ length: count - 1 }, () => startOne(databaseEnv, started)));
    children = [first, ...rest];
  } catch (error) {
    for (const child of started) child.kill('SIGKILL');
    throw error;
  }
  return {
    async step(perSecond, stepMs) {
      const replies = await Promise.all(
        children.map((child) => request(child, { kind: 'step', perSecond: perSecond / count, stepMs })),
      );
      const steps = replies.flatMap((reply) => (reply.kind === 'step' ? [reply] : []));
      if (steps.length !== count) throw new Error('a throughput worker did not report its step');
      return {
        latencies: steps.flatMap((s) => s.latencies),
        elapsedMs: Math.max(...steps.map((s) => s.elapsedMs)),
      };
    },
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.send({ kind: 'stop' } satisfies Command);
          await exited;
        }),
      );
    },
  };
}
