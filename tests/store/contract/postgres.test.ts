/// <reference types="vite/client" />
/**
 * The store contract on PostgreSQL: every `describe…Contract` of this folder (found by name, so a port's new
 * contract file runs here as soon as it exists), on one real server for the file, a fresh database per test
 * copied from a migrated template; a restart opens a new pool on the same database. Then what one process
 * cannot show: two pools (two processes' worth) racing on the same claims and answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/store.js';
import type { UserRef } from '../../../src/store/types.js';
import { postgresBinariesOrSkip, usePostgresServer } from '../../support/postgres-server.js';
import type { StoreBackend } from './store-contract.js';

type ContractModule = Record<string, unknown>;
const contracts = Object.values(import.meta.glob<ContractModule>('./*-contract.ts', { eager: true })).flatMap(
  (module) =>
    Object.entries(module)
      .filter(([name, value]) => /^describe\w*Contract$/.test(name) && typeof value === 'function')
      .map(([, value]) => value as (backend: StoreBackend) => void),
);

const binDir = postgresBinariesOrSkip();

describe.skipIf(binDir === null)('PostgreSQL backend', () => {
  const server = usePostgresServer(binDir);
  const template = 'tutor_template';
  const connection = (url: string) => ({ url, poolSize: 4, statementTimeoutMs: 10_000 });
  let opened: PostgresStore[] = [];

  beforeAll(async () => {
    const url = await server().createDatabase({ name: template });
    const store = await openPostgresStore(connection(url));
    await store.close();
  }, 60_000);

  it('finds the contracts to run', () => {
    expect(contracts.length).toBeGreaterThan(0);
  });

  const backend: StoreBackend = {
    name: 'PostgreSQL',
    async open() {
      const url = await server().createDatabase({ template });
      const first = await openPostgresStore(connection(url));
      opened.push(first);
      return {
        store: first,
        async restart() {
          await Promise.all(opened.map((store) => store.close()));
          const again = await openPostgresStore(connection(url));
          opened.push(again);
          return again;
        },
      };
    },
    async cleanup() {
      await Promise.all(opened.map((store) => store.close()));
      opened = [];
    },
  };
  for (const describeContract of contracts) describeContract(backend);

  describe('two pools on one database', () => {
    it('claims each channel-day once, records each answer once, and keeps totals equal to the results', async () => {
      const url = await server().createDatabase({ template });
      const [a, b] = [await openPostgresStore(connection(url)), await openPostgresStore(connection(url))];
      try {
        const channels = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            a.ensureChannel(
              { platform: 'slack', workspaceExternalId: 'T1', externalId: `C${i}` },
              { scheduleTime: '09:00', timeZone: 'UTC' },
            ),
          ),
        );
        const at = new Date('2026-03-02T09:00:00Z');
        const claims = await Promise.all(
          channels.flatMap((channel) =>
            [a, b].map((store) =>
              store.claimDailyChallenge({ channelId: channel.id, day: '2026-03-02', topicId: 't', at }),
            ),
          ),
        );
        expect(claims.filter((c) => c.created)).toHaveLength(channels.length);

        const challenge = claims[0]!.challenge;
        const learners: UserRef[] = Array.from({ length: 10 }, (_, i) => ({
          platform: 'slack',
          workspaceExternalId: 'T1',
          externalId: `U${i}`,
          displayName: `User ${i}`,
        }));
        await a.joinTeam(learners[0]!, 'Owls');
        // Every learner answers twice; each delivery arrives at both processes (a retry).
        const outcomes = await Promise.all(
          learners.flatMap((user, u) =>
            [0, 1].flatMap((n) =>
              [a, b].map((store) =>
                store.recordAttempt({
                  challengeId: challenge.id,
                  user,
                  text: 'answer',
                  score: 50 + u * 4 + n * 10,
                  passed: 50 + u * 4 + n * 10 >= 60,
                  concepts: { pain: [], fix: [], negated: [] },
                  feedback: '',
                  at: new Date('2026-03-02T12:00:00Z'),
                  maxAttempts: 3,
                  eventKey: `ev-${u}-${n}`,
                }),
              ),
            ),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(learners.length * 2);
        expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(learners.length * 2);
        const results = await a.dayResults(challenge.id);
        expect(results).toHaveLength(learners.length);
        expect(results.every((r) => r.attempts === 2)).toBe(true);
        const board = await b.leaderboard({
          workspace: { platform: 'slack', externalId: 'T1' },
          period: 'all',
          today: '2026-03-02',
          by: 'points',
          teams: false,
          limit: 100,
        });
        expect(board).toHaveLength(learners.length);
        const pointsByName = Object.fromEntries(board.map((e) => [e.name, e.points]));
        expect(pointsByName).toEqual(Object.fromEntries(results.map((r) => [r.displayName, r.bestScore])));
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("applies every review of one card once, losing none, and sends a learner's reminder once a day", async () => {
      const url = await server().createDatabase({ template });
      const [a, b] = [await openPostgresStore(connection(url)), await openPostgresStore(connection(url))];
      try {
        const channel = await a.ensureChannel(
          { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
          { scheduleTime: '09:00', timeZone: 'UTC' },
        );
        const ada: UserRef = { platform: 'slack', workspaceExternalId: 'T1', externalId: 'U1', displayName: 'Ada' };
        const start = new Date('2026-03-02T09:00:00Z').getTime();
        // Five answers reviewing one card, each delivered to both processes at once.
        const outcomes = await Promise.all(
          Array.from({ length: 5 }, (_, n) =>
            [a, b].map((store) =>
              store.recordReview({
                user: ada,
                topicId: 'redis',
                kind: 'practice',
                score: 80,
                rating: 'good',
                missed: ['eviction'],
                at: new Date(start + n * 60_000),
                dedupeKey: `practice:${n}`,
                retention: 0.9,
              }),
            ),
          ).flat(),
        );
        expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(5);
        expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(5);
        const [card] = await b.cards(ada);
        expect(card).toMatchObject({ topicId: 'redis', reps: 5 });
        expect(await a.weakConcepts(ada, 5)).toEqual([{ concept: 'eviction', topicId: 'redis', missed: 5 }]);

        await a.setReminder(ada, channel.id, true);
        const claims = await Promise.all(
          Array.from({ length: 4 }, () =>
            [a, b].map((store) => store.claimReminder(channel.id, ada, '2026-03-02')),
          ).flat(),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
});
