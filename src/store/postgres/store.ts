/**
 * The Store on a PostgreSQL server (node-postgres, one pool): one module per concern over a shared context,
 * composed here. Opening applies pending migrations (under an advisory lock) unless read-only.
 */
import type pg from 'pg';
import { silentLogger, type Logger } from '../../domain/logger.js';
import type { TransferStore } from '../ports/transfer.js';
import type { Store } from '../types.js';
import { pgAttempts } from './attempts.js';
import { pgBoards } from './boards.js';
import { pgChallenges } from './challenges.js';
import { pgChannels } from './channels.js';
import { createPool, redactUrl, toStoreError, type PostgresConnectionOptions } from './connection.js';
import { PgContext } from './context.js';
import { pgEvents } from './events.js';
import { pgMaintenance } from './maintenance.js';
import { applyPgMigrations, DEFAULT_PG_MIGRATIONS_DIR } from './migrations.js';
import { pgPractice } from './practice.js';
import { pgReviews } from './reviews.js';
import { pgTargeting } from './targeting.js';
import { pgTeams } from './teams.js';
import { pgTransfer } from './transfer.js';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  readonly migrationsDir?: string;
  readonly logger?: Logger;
}

export interface PostgresStore extends Store, TransferStore {
  /** The server's URL without its password. */
  readonly location: string;
}

/** The store over a pool (already migrated); closing it ends the pool. */
export function pgStoreOn(
  pool: pg.Pool,
  url: string,
  options: { migrationsDir?: string; logger?: Logger } = {},
): PostgresStore {
  const ctx = new PgContext(pool, url, options.logger ?? silentLogger);
  return {
    location: redactUrl(url),
    ...pgChannels(ctx),
    ...pgChallenges(ctx),
    ...pgAttempts(ctx),
    ...pgPractice(ctx),
    ...pgBoards(ctx),
    ...pgTeams(ctx),
    ...pgEvents(ctx),
    ...pgMaintenance(ctx, options.migrationsDir ?? DEFAULT_PG_MIGRATIONS_DIR),
    ...pgTransfer(ctx),
    ...pgReviews(ctx),
    ...pgTargeting(ctx),
  };
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const logger = (options.logger ?? silentLogger).child({ component: 'store' });
  const migrationsDir = options.migrationsDir ?? DEFAULT_PG_MIGRATIONS_DIR;
  const pool = createPool(options);
  // An idle connection the server dropped (a restart) must not take the process down: the pool replaces it.
  pool.on('error', (error) => {
    logger.warn({ err: toStoreError(error, options) }, 'an idle database connection failed');
  });
  try {
    if (!options.readOnly) {
      const report = await applyPgMigrations(pool, { migrationsDir });
      if (report.applied.length > 0) {
        logger.info({ from: report.from, to: report.to, server: redactUrl(options.url) }, 'database migrated');
      }
    } else {
      await pool.query('SELECT 1');
    }
    return pgStoreOn(pool, options.url, { migrationsDir, logger });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toStoreError(error, options);
  }
}

/** Connects, migrates and disconnects: for `tutor migrate`. */
export async function migratePostgres(
  options: PostgresConnectionOptions & { migrationsDir?: string; target?: number },
) {
  const pool = createPool(options);
  // An idle connection failing during this short run only ends the run's pool early; the query reports it.
  pool.on('error', () => undefined);
  try {
    return await applyPgMigrations(pool, { migrationsDir: options.migrationsDir, target: options.target });
  } catch (error) {
    throw toStoreError(error, options);
  } finally {
    await pool.end();
  }
}
