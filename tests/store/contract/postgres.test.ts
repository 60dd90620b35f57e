/**
 * The store contract on PostgreSQL: one real server for the file, a fresh database per test copied from a
 * migrated template; a restart opens a new pool on the same database.
 */
import { beforeAll, describe } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/store.js';
import { postgresBinariesOrSkip, usePostgresServer } from '../../support/postgres-server.js';
import { describeStoreContract } from './store-contract.js';

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

  describeStoreContract({
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
  });
});
