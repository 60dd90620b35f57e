/**
 * What every concern of the SQLite store shares: the connection, its prepared statements, and the one way
 * to run a unit of work. Every write is one IMMEDIATE transaction: it takes the write lock before its first
 * read, so two processes on one file serialize instead of failing to upgrade a read snapshot.
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../../domain/logger.js';
import { currentStreakAsOf } from '../../domain/streak.js';
import type { Checkpointer } from './checkpointer.js';
import { toStoreError } from './connection.js';

export class SqliteContext {
  private readonly statements = new Map<string, Database.Statement>();
  /** One transaction wrapper for every write: better-sqlite3 builds four functions per `transaction()` call. */
  private readonly transaction: Database.Transaction<(work: () => unknown) => unknown>;

  constructor(
    readonly db: Database.Database,
    readonly logger: Logger,
    readonly checkpointer: Checkpointer | null,
  ) {
    this.transaction = db.transaction((work: () => unknown) => work());
    // The displayed streak rule, callable from SQL so leaderboards can sort by it without a copy in SQL.
    db.function(
      'current_streak',
      { deterministic: true },
      (current: unknown, freezes: unknown, lastCountedDay: unknown, today: unknown) =>
        currentStreakAsOf(
          {
            current: Number(current),
            longest: Number(current),
            freezes: Number(freezes),
            lastCountedDay: typeof lastCountedDay === 'string' ? lastCountedDay : null,
          },
          String(today),
        ),
    );
  }

  /** Prepared statements are compiled once per connection and reused. */
  sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Runs a unit of work as one IMMEDIATE transaction, mapping SQLite failures to StoreErrors. */
  write<T>(work: () => T): T {
    const result = this.guard(() => this.transaction.immediate(work) as T);
    this.checkpointer?.written();
    return result;
  }

  /** Runs a read, mapping SQLite failures to StoreErrors. */
  guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const mapped = toStoreError(error, this.db.name);
      this.logger.error({ err: error, id: mapped.id }, 'store operation failed');
      throw mapped;
    }
  }
}
