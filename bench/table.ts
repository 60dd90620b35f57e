/** One row of `npm run bench`: a figure, its measured value, the target, and whether it was met. */
export interface BenchRow {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  /** `null` for figures given for context, with no target. */
  readonly met: boolean | null;
}

export interface BenchSuite {
  readonly name: string;
  run(): Promise<BenchRow[]>;
}

/** p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
}

export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'value', 'target', 'met'];
  const cells = rows.map((r) => [r.figure, r.value, r.target, r.met === null ? '—' : r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join('\n');
}
