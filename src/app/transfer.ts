/**
 * The portable dump `tutor export` writes and `tutor import` reads, the same on both backends: JSON Lines, a
 * header line `{format, version, schemaVersion, exportedAt}`, then one line `{table, row}` per row, tables
 * parents first (the order an import loads them in). Written to a side file and renamed into place, so a
 * dump under its name is whole. A dump of a newer format, or of a newer schema than this tutor's, is refused.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { TableRow, TransferStore } from '../store/ports/transfer.js';

export const EXPORT_FORMAT = 'pain-point-tutor-export';
/** The dump's own layout; a reader refuses a dump with a higher one. */
export const EXPORT_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().positive(),
  schemaVersion: z.number().int().nonnegative(),
  exportedAt: z.iso.datetime(),
});
const lineSchema = z.object({
  table: z.string().min(1),
  row: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

export type ExportHeader = z.infer<typeof headerSchema>;

export class DumpError extends Error {
  override readonly name = 'DumpError';
}

/** Writes every row of `store` into `file`; returns the header and the row count. */
export async function exportDump(
  store: TransferStore,
  file: string,
  now: Date,
): Promise<{ header: ExportHeader; rows: number }> {
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    schemaVersion: await store.schemaVersion(),
    exportedAt: now.toISOString(),
  };
  const partial = `${file}.partial-${process.pid}`;
  const out = createWriteStream(partial, { flags: 'wx' });
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  let rows = 0;
  try {
    await write(header);
    for await (const entry of store.exportRows()) {
      await write(entry);
      rows += 1;
    }
    out.end();
    await once(out, 'finish');
    renameSync(partial, file);
    return { header, rows };
  } finally {
    out.destroy();
    rmSync(partial, { force: true });
  }
}

/** The header of a dump, checked against what this tutor can load into a database at `schemaVersion`. */
export function checkHeader(line: string | undefined, schemaVersion: number): ExportHeader {
  let json: unknown;
  try {
    json = JSON.parse(line ?? '');
  } catch {
    throw new DumpError('not a tutor export: the first line is not JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    throw new DumpError(`not a tutor export: the first line is not a {format: "${EXPORT_FORMAT}", …} header`);
  }
  const header = parsed.data;
  if (header.version > EXPORT_VERSION) {
    throw new DumpError(
      `this dump is export format version ${header.version}, made by a newer tutor; this one reads up to version ` +
        `${EXPORT_VERSION}: upgrade the tutor to import it`,
    );
  }
  if (header.schemaVersion > schemaVersion) {
    throw new DumpError(
      `this dump is of schema version ${header.schemaVersion}, newer than this tutor's (${schemaVersion}): ` +
        'upgrade the tutor to import it',
    );
  }
  return header;
}

/** Loads the dump in `file` into the empty database of `store`; returns the header and rows per table. */
export async function importDump(
  store: TransferStore,
  file: string,
): Promise<{ header: ExportHeader; counts: Record<string, number> }> {
  const schemaVersion = await store.schemaVersion();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
  try {
    const header = checkHeader((await lines.next()).value as string | undefined, schemaVersion);
    let lineNumber = 1;
    async function* rows(): AsyncIterable<TableRow> {
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        lineNumber += 1;
        const text = next.value as string;
        if (text.trim() === '') continue;
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new DumpError(`line ${lineNumber} is not JSON`);
        }
        const parsed = lineSchema.safeParse(json);
        if (!parsed.success) throw new DumpError(`line ${lineNumber} is not a {table, row} line`);
        yield parsed.data;
      }
    }
    const counts = await store.importRows(rows());
    return { header, counts };
  } finally {
    await lines.return?.();
  }
}
