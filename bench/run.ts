/**
 * `npm run bench`: runs every benchmark suite of the project and prints one table (figure, value, target, met).
 * `npm run bench -- knowledge grading` runs only the named suites.
 * Each suite runs in a process of its own, so none measures with another's heap (a 127k-node graph, a 5M-attempt
 * database's caches) still alive around it.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderTable, type BenchRow, type BenchSuite } from './table.js';

const SUITES: Record<string, () => Promise<BenchSuite>> = {
  knowledge: async () => (await import('./knowledge.js')).suite,
  grading: async () => (await import('./grading.js')).suite,
  eval: async () => (await import('./eval/report.js')).suite,
  challenges: async () => (await import('./challenges.js')).suite,
  store: async () => (await import('./store.js')).suite,
  'store-postgres': async () => (await import('./store-postgres.js')).suite,
  reviews: async () => (await import('./reviews.js')).suite,
  discord: async () => (await import('./discord.js')).suite,
  floor: async () => (await import('./floor.js')).suite,
  fanout: async () => (await import('./fanout.js')).suite,
  slack: async () => (await import('./slack.js')).suite,
  reload: async () => (await import('./reload.js')).suite,
  throughput: async () => (await import('./throughput.js')).suite,
};

/** Marks the line on which a suite's own process hands its rows back. */
const ROWS_MARK = 'bench-rows:';

async function runHere(load: () => Promise<BenchSuite>): Promise<BenchRow[]> {
  const suite = await load();
  process.stderr.write(`running ${suite.name}…\n`);
  return suite.run();
}

function runApart(name: string): BenchRow[] {
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--in-process', name],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const line = result.stdout.split('\n').find((l) => l.startsWith(ROWS_MARK));
  if (result.status !== 0 || !line) throw new Error(`suite ${name} failed (exit ${result.status})`);
  return JSON.parse(line.slice(ROWS_MARK.length)) as BenchRow[];
}

const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(SUITES);
const unknown = names.filter((name) => !SUITES[name]);
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}

if (args.includes('--in-process')) {
  const rows: BenchRow[] = [];
  for (const name of names) rows.push(...(await runHere(SUITES[name] as () => Promise<BenchSuite>)));
  console.log(`${ROWS_MARK}${JSON.stringify(rows)}`);
} else {
  const rows = names.flatMap(runApart);
  console.log(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(renderTable(rows));
  process.exitCode = rows.some((r) => r.met === false) ? 1 : 0;
}
