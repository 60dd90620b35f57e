/** The store contract, run on the SQLite backend: a fresh file per test, a restart reopens the same file. */
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite/store.js';
import { tempDir } from '../helpers.js';
import { describeAttemptReviewContract } from './attempt-review-contract.js';
import { describeReviewsContract } from './reviews-contract.js';
import { describeStoreContract, type StoreBackend } from './store-contract.js';
import { describeTargetingContract } from './targeting-contract.js';

let opened: SqliteStore[] = [];

const sqliteBackend: StoreBackend = {
  name: 'SQLite',
  async open() {
    const file = path.join(tempDir(), 'tutor.db');
    const first = openSqliteStore(file);
    opened.push(first);
    return {
      store: first,
      async restart() {
        await Promise.all(opened.map((store) => store.close()));
        const again = openSqliteStore(file);
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

describeStoreContract(sqliteBackend);
describeReviewsContract(sqliteBackend);
describeAttemptReviewContract(sqliteBackend);
describeTargetingContract(sqliteBackend);
