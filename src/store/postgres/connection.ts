/**
 * The connection pool the whole PostgreSQL store shares, and PostgreSQL failures as StoreErrors. BIGINT
 * columns (ids, instants, counts) come back as JavaScript numbers: every value the store keeps is far below
 * 2^53. The server URL's password is never part of a message: every error text is scrubbed of it.
 */
import pg from 'pg';
import { StoreError, type StoreErrorId } from '../types.js';

const INT8_OID = 20;

export interface PostgresConnectionOptions {
  /** `postgres://user:password@host:port/database` */
  readonly url: string;
  readonly poolSize: number;
  /** A statement running longer is cancelled (`store-busy`); 0: no limit. */
  readonly statementTimeoutMs: number;
  /** Every transaction is read-only: nothing can be written, and no migration is applied. */
  readonly readOnly?: boolean;
}

/** How long opening a connection may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

const parseInt8 = (value: string) => Number(value);

/**
 * A connection that gives up opening after CONNECT_TIMEOUT_MS. The bound sits on the connection and not on the
 * pool: the pool's own `connectionTimeoutMillis` also bounds the wait for a free connection, which under a burst
 * of answers failed queued work (answers lost) where it should only wait its turn.
 */
class BoundedConnectClient extends pg.Client {
  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

export function createPool(options: PostgresConnectionOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    Client: BoundedConnectClient,
    ...(options.statementTimeoutMs > 0 ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    application_name: 'pain-point-tutor',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}

/** The URL as it can be shown: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a postgres:// URL that cannot be parsed)';
  }
}

/** The password in `url`, raw and percent-decoded, to scrub from messages; empty when there is none. */
export function passwordsIn(url: string): string[] {
  try {
    const raw = new URL(url).password;
    return raw === '' ? [] : [...new Set([raw, decodeURIComponent(raw)])];
  } catch {
    return [];
  }
}

export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

/** SQLSTATE classes and codes (and socket errors) by what they mean for the user. */
const CODE_TO_ID: Readonly<Record<string, StoreErrorId>> = {
  '40001': 'store-busy', // serialization failure
  '40P01': 'store-busy', // deadlock detected
  '55P03': 'store-busy', // lock not available
  '57014': 'store-busy', // statement timeout (query canceled)
  '53300': 'store-busy', // too many connections
  '25006': 'store-read-only', // read-only transaction
  '53100': 'store-full', // disk full
  XX001: 'store-corrupt', // data corrupted
  XX002: 'store-corrupt', // index corrupted
};

/** The StoreError for a PostgreSQL (or network) failure, its message naming the server without its password. */
export function toStoreError(error: unknown, where: { url: string }): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = scrub(error instanceof Error ? error.message : String(error), passwordsIn(where.url));
  const id = CODE_TO_ID[code] ?? 'store-failed';
  // The cause keeps the driver's error (with its stack) for logs; its message is scrubbed the same way.
  const cause = error instanceof Error ? Object.assign(new Error(message), { code, name: error.name }) : undefined;
  return new StoreError(id, `${redactUrl(where.url)}: ${code ? `${code}: ` : ''}${message}`, { cause });
}

/** Serialization failures and deadlocks: the transaction did nothing and can run again. */
export function isRetryable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code === '40001' || code === '40P01';
}
