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

/** Holds the lock named by `key` (an SQL expression of text) until the transaction ends. */
const LOCK_SQL = (key: string) => `SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;

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

function sqlOn(client: pg.Pool | pg.PoolClient): Sql {
  const query = (text: string, values: readonly unknown[] = []) =>
    client.query({ name: statementName(text), text, values: [...values] });
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

  /**
   * Runs a unit of work as one transaction, again (up to 5 times) after a deadlock or serialization failure.
   * `lock`: an advisory lock key held from the start, taken in the same round trip as BEGIN.
   */
  async write<T>(work: (sql: Sql) => Promise<T>, options: { lock?: string } = {}): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transaction(work, options);
      } catch (error) {
        if (attempt < MAX_TRIES && isRetryable(error)) continue;
        throw this.failed(error);
      }
    }
  }

  /** One transaction on one connection; `rollback` ends it without keeping anything (a probe). */
  async transaction<T>(
    work: (sql: Sql) => Promise<T>,
    options: { rollback?: boolean; lock?: string } = {},
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      try {
        // One simple query of two statements (no parameters there: the key goes in as an escaped literal).
        await client.query(
          options.lock === undefined ? 'BEGIN' : `BEGIN; ${LOCK_SQL(client.escapeLiteral(options.lock))}`,
        );
        const result = await work(sqlOn(client));
        await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = true;
          this.logger.warn({ err: this.failed(rollbackError) }, 'rollback failed; the connection is dropped');
        });
        throw error;
      }
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
