/**
 * `npm run eval [-- --half holdout|tune] [--json] [--failures]`: the held-out evaluation of fair grading
 * (tests/grading/eval/README.md). Prints the tutor beside the naive baseline — agreement overall, per kind and per
 * note set, ordering, lookup hit@3 — for one half (holdout by default). Exits 1 when a case's topic path does not
 * resolve (an error in the data), 2 on a bad option; unmet targets are figures, not errors.
 */
import { parseArgs } from 'node:util';
import { evaluate } from './eval/evaluate.js';
import { failureLines, reportJson, reportRows } from './eval/report.js';
import { renderTable } from './table.js';
import { HALVES, type Half } from '../tests/grading/eval-data.js';

const isHalf = (value: string): value is Half => (HALVES as readonly string[]).includes(value);

let options;
try {
  options = parseArgs({
    options: {
      half: { type: 'string', default: 'holdout' },
      json: { type: 'boolean', default: false },
      failures: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const half = options.half;
if (!isHalf(half)) {
  console.error(`--half must be one of ${HALVES.join(', ')}, not "${half}"`);
  process.exit(2);
}

const report = await evaluate(half);
if (options.json) {
  console.log(JSON.stringify(reportJson(report, options.failures), null, 2));
} else {
  console.log(renderTable(reportRows(report)));
  if (options.failures) console.log(['', ...failureLines(report)].join('\n'));
}
if (report.unresolved.length > 0) {
  console.error(`topic paths that resolve to no single node: ${report.unresolved.join(', ')}`);
  process.exitCode = 1;
}
