import { describe, expect, it } from 'vitest';
import { GuardedTasks, type FailedEvent } from '../../src/platforms/shared/guarded-tasks.js';
import { SeenChannels } from '../../src/platforms/shared/seen-channels.js';
import type { Place } from '../../src/tutor/api.js';

/** A promise the test settles by hand, so "still running" is a fact, not a timing guess. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe('GuardedTasks', () => {
  it('reports a failed handler with its event and context, then tells the user, and never rejects', async () => {
    const failures: FailedEvent[] = [];
    const told: string[] = [];
    const tasks = new GuardedTasks((failure) => failures.push(failure));
    const boom = new Error('boom');
    await expect(
      tasks.run(
        'interaction',
        { userId: 'U1' },
        async () => {
          throw boom;
        },
        async () => void told.push('sorry'),
      ),
    ).resolves.toBeUndefined();
    expect(failures).toEqual([{ event: 'interaction', context: { userId: 'U1' }, stage: 'handler', error: boom }]);
    expect(told).toEqual(['sorry']);
    expect(tasks.size).toBe(0);
  });

  it('reports a failure to tell the user as its own stage', async () => {
    const failures: FailedEvent[] = [];
    const tasks = new GuardedTasks((failure) => failures.push(failure));
    const apology = new Error('the apology failed too');
    await tasks.run(
      '/tutor',
      {},
      () => Promise.reject(new Error('first')),
      () => Promise.reject(apology),
    );
    expect(failures.map((f) => f.stage)).toEqual(['handler', 'telling-the-user']);
    expect(failures[1]!.error).toBe(apology);
  });

  it('catches a handler that throws before returning a promise', async () => {
    const failures: FailedEvent[] = [];
    const tasks = new GuardedTasks((failure) => failures.push(failure));
    await tasks.run('sync', {}, () => {
      throw new Error('thrown at once');
    });
    expect(failures).toHaveLength(1);
    expect((failures[0]!.error as Error).message).toBe('thrown at once');
  });

  it('settles only once every running event, including one started while waiting, has finished', async () => {
    const tasks = new GuardedTasks(() => {});
    const first = deferred();
    const second = deferred();
    const order: string[] = [];
    void tasks.run('first', {}, async () => {
      await first.promise;
      order.push('first');
      // An event that arrives while `stop()` waits is waited for too.
      void tasks.run('second', {}, async () => {
        await second.promise.catch(() => order.push('second'));
        throw new Error('a failure counts as finished');
      });
    });
    expect(tasks.size).toBe(1);
    const waiting = tasks.settled().then(() => void order.push('settled'));
    first.resolve();
    // Every pending callback runs before the next macrotask: a wait that ended with the first event ends here.
    await new Promise((resolve) => setImmediate(resolve));
    expect(tasks.size).toBe(1);
    second.reject(new Error('cancelled'));
    await waiting;
    expect(order).toEqual(['first', 'second', 'settled']);
    expect(tasks.size).toBe(0);
  });
});

describe('SeenChannels', () => {
  const place = (workspaceId: string, channelId: string): Place => ({ platform: 'slack', workspaceId, channelId });

  it('registers each channel once per process, telling workspaces apart', async () => {
    const registered: string[] = [];
    const channels = new SeenChannels(async (p) => void registered.push(`${p.workspaceId}/${p.channelId}`));
    await channels.ensure(place('T1', 'C1'));
    await channels.ensure(place('T1', 'C1'));
    await channels.ensure(place('T2', 'C1'));
    expect(registered).toEqual(['T1/C1', 'T2/C1']);
  });

  it('tries again after a failed registration', async () => {
    let calls = 0;
    const channels = new SeenChannels(async () => {
      calls++;
      if (calls === 1) throw new Error('database busy');
    });
    await expect(channels.ensure(place('T1', 'C1'))).rejects.toThrow('database busy');
    await channels.ensure(place('T1', 'C1'));
    await channels.ensure(place('T1', 'C1'));
    expect(calls).toBe(2);
  });
});
