/**
 * Moving a database's rows out and into another database, of either backend (`tutor export`, `tutor import`).
 * Not part of `Store`: only the commands that move data open a store with it.
 */
export interface TableRow {
  readonly table: string;
  readonly row: Readonly<Record<string, string | number | null>>;
}

export interface TransferStore {
  /** The schema version the database is at. */
  schemaVersion(): Promise<number>;
  /** Every row of every data table, tables parents first, rows in key order. */
  exportRows(): AsyncIterable<TableRow>;
  /**
   * Loads rows (tables parents first) into a database holding none, in one transaction, ids kept. Refuses a
   * database that holds data, and a table or column the schema does not have. Returns rows loaded per table.
   */
  importRows(rows: AsyncIterable<TableRow>): Promise<Record<string, number>>;
}
