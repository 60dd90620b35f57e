/**
 * One answering process of the throughput bench (`throughput-processes.ts` forks it): a tutor on the database its
 * argument names, warmed up, then one open-loop step per request from the parent over the IPC channel. The load
 * is generated inside the tutor's own process, as in the one-process bench, so several such processes measure
 * the database they share rather than a driver's sockets.
 */
import path from 'node:path';
import { z } from 'zod';
import { Command, type Reply } from './throughput-processes.js';
import { answeringTutor, openLoop } from './throughput-support.js';

const WARM_UP_PER_SECOND = 20;
/** Answers at once before the warm-up: enough to open every pooled PostgreSQL connection (10 by default). */
const WARM_UP_BURST = 20;

function send(reply: Reply): void {
  process.send?.(reply);
}

async function main(): Promise<void> {
  const env = z.record(z.string(), z.string()).parse(JSON.parse(process.argv[2] ?? '{}'));
  const tutor = await answeringTutor(path.resolve('knowledge'), env);
  // Connections and compiled code are made on first use; the steps should measure neither.
  await Promise.all(Array.from({ length: WARM_UP_BURST }, () => tutor.answer()));
  await openLoop(WARM_UP_PER_SECOND, tutor.answer, (ms) => ms > 2_000);
  process.on('message', (raw) => {
    const command = Command.parse(raw);
    if (command.kind === 'stop') {
      void tutor.services.close().finally(() => process.disconnect());
      return;
    }
    const started = performance.now();
    void openLoop(command.perSecond, tutor.answer, (ms) => ms > command.stepMs).then((latencies) =>
      send({ kind: 'step', latencies, elapsedMs: performance.now() - started }),
    );
  });
  send({ kind: 'ready' });
}

await main();
