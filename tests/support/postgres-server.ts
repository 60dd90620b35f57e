/**
 * A real PostgreSQL server for a test file (`postgres-cluster.ts` starts it): started in `beforeAll`, stopped
 * and removed in `afterAll`; one server per file, a fresh database per test from `createDatabase`.
 *
 * Without the binaries the tests skip with a printed reason, except under CI (`CI` set), where they fail.
 */
import { afterAll, beforeAll } from 'vitest';
import { startPostgresServer, type PostgresServer } from './postgres-cluster.js';

export {
  findPostgresBinaries,
  postgresBinariesOrSkip,
  startPostgresServer,
  type PostgresServer,
} from './postgres-cluster.js';

/**
 * Starts a server for this test file in `beforeAll` (stopped in `afterAll`) and returns a getter for it; call
 * inside a `describe.skipIf(!binDir)` block with the binaries from `postgresBinariesOrSkip`.
 */
export function usePostgresServer(binDir: string | null): () => PostgresServer {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    if (binDir !== null) server = await startPostgresServer(binDir);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the PostgreSQL server is not running');
    return server;
  };
}
