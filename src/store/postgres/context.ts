/**
 * What every concern of the PostgreSQL store shares: the pool, named (prepared) statements, and the one way
 * to run a unit of work. A write is one transaction on one pooled connection (READ COMMITTED); where SQLite's
 * single writer kept two writers apart, a transaction takes an advisory lock on what it reads then writes
 * (a learner, a workspace's teams), and a deadlock or serialization failure runs it again.
 */
import type pg from 'pg';
import type { Logger } from '../../domain/logger.js';
import { isRetryable, toStoreError } from './connection.js';

/** Statements with their parameters, on a pooled connection or inside a transaction. */
export interface Sql {
  rows<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
  row<T>(text: string, values?: readonly unknown[]): Promise<T | undefined>;
  /** Rows affected. */
  run(text: string, values?: readonly unknown[]): Promise<number>;
  /** Holds, until the transaction ends, a lock no other transaction taking the same key can hold. */
  lock(key: string): Promise<void>;
}

const MAX_TRIES = 5;

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * A transaction in two round trips (`PgContext.writeInTwo`): what `open` read under the lock decides the
 * statements that go with COMMIT (`close`, possibly none), and `finish` makes the answer from their rows.
 */
export interface TwoStepWork<T> {
  readonly lock: string;
  readonly open: Statement;
  decide(opened: readonly unknown[]): { close: readonly Statement[]; finish(closed: readonly unknown[][]): T };
}

/** Holds the lock named by `key` (an SQL expression of text) until the transaction ends. */
const LOCK_SQL = (key: string) => `SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;

/** `Sql.lock` as a statement, to send with others. */
export const lockStatement = (key: string): Statement => ({ text: LOCK_SQL('$1'), values: [key] });

/** One name per statement text, for every connection: each connection prepares a statement once. */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `tutor_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A named (prepared) statement. */
function queryOn(client: pg.Pool | pg.PoolClient) {
  return (text: string, values: readonly unknown[] = []) =>
    client.query({ name: statementName(text), text, values: [...values] });
}

function sqlOn(client: pg.Pool | pg.PoolClient): Sql {
  const query = queryOn(client);
  return {
    rows: async <T>(text: string, values?: readonly unknown[]) => (await query(text, values)).rows as T[],
    row: async <T>(text: string, values?: readonly unknown[]) => (await query(text, values)).rows[0] as T | undefined,
    run: async (text, values) => (await query(text, values)).rowCount ?? 0,
    lock: async (key) => {
      await query(LOCK_SQL('$1'), [key]);
    },
  };
}

export class PgContext {
  private readonly pooled: Sql;

  constructor(
    readonly pool: pg.Pool,
    readonly url: string,
    readonly logger: Logger,
  ) {
    this.pooled = sqlOn(pool);
  }

  /** Reads on any pooled connection, mapping failures to StoreErrors. */
  async read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    try {
      return await work(this.pooled);
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Runs a unit of work as one transaction, again (up to 5 times) after a deadlock or serialization failure. */
  async write<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.retried(() => this.transaction(work));
  }

  /**
   * A write in two round trips, for the hottest unit of work (each round trip is a wait for the server): BEGIN,
   * the lock and `open` are sent together (pipelined, as the pool's connections allow), then the statements
   * `decide` returns with COMMIT. Retried like `write`.
   */
  async writeInTwo<T>(work: TwoStepWork<T>): Promise<T> {
    return this.retried(() =>
      this.onConnection(async (client) => {
        const query = queryOn(client);
        const [, , opened] = await Promise.all([
          client.query('BEGIN'),
          query(LOCK_SQL('$1'), [work.lock]),
          query(work.open.text, work.open.values),
        ]);
        const { close, finish } = work.decide(opened.rows);
        // COMMIT goes out with them: after a failed statement it only ends the transaction (a ROLLBACK), and
        // the failure is what this answers.
        const [closed] = await Promise.all([
          Promise.all(close.map((statement) => query(statement.text, statement.values))),
          client.query('COMMIT'),
        ]);
        return finish(closed.map((result) => result.rows as unknown[]));
      }),
    );
  }

  /** One transaction on one connection; `rollback` ends it without keeping anything (a probe). */
  async transaction<T>(work: (sql: Sql) => Promise<T>, options: { rollback?: boolean } = {}): Promise<T> {
    return this.onConnection(async (client) => {
      await client.query('BEGIN');
      const result = await work(sqlOn(client));
      await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
      return result;
    });
  }

  private async retried<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run();
      } catch (error) {
        if (attempt < MAX_TRIES && isRetryable(error)) continue;
        throw this.failed(error);
      }
    }
  }

  /** Work on one pooled connection; a failure rolls back whatever transaction it left open. */
  private async onConnection<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = true;
        this.logger.warn({ err: this.failed(rollbackError) }, 'rollback failed; the connection is dropped');
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  failed(error: unknown) {
    const mapped = toStoreError(error, { url: this.url });
    this.logger.error({ err: mapped, id: mapped.id }, 'store operation failed');
    return mapped;
  }
}
