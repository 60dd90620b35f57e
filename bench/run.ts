/**
 * `npm run bench`: runs every benchmark suite of the project and prints one table (figure, value, target, met).
 * `npm run bench -- knowledge grading` runs only the named suites.
 */
import os from 'node:os';
import { renderTable, type BenchRow, type BenchSuite } from './table.js';

const SUITES: Record<string, () => Promise<BenchSuite>> = {
  knowledge: async () => (await import('./knowledge.js')).suite,
  grading: async () => (await import('./grading.js')).suite,
  challenges: async () => (await import('./challenges.js')).suite,
  store: async () => (await import('./store.js')).suite,
  discord: async () => (await import('./discord.js')).suite,
  slack: async () => (await import('./slack.js')).suite,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(SUITES);
const rows: BenchRow[] = [];
for (const name of names) {
  const load = SUITES[name];
  if (!load) {
    console.error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  const suite = await load();
  process.stderr.write(`running ${suite.name}…\n`);
  rows.push(...(await suite.run()));
}
console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(renderTable(rows));
process.exitCode = rows.some((r) => r.met === false) ? 1 : 0;
