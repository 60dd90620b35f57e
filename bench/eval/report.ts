/**
 * How the evaluation is shown: rows for the bench table (tutor beside the naive baseline, with the issue's
 * targets), the misgraded cases, and a JSON form. Also the `eval` suite of `npm run bench` (the held-out half).
 */
import type { BenchRow, BenchSuite } from '../table.js';
import { evaluate, type CaseResult, type EvalReport, type Paired } from './evaluate.js';
import type { Rate } from './metrics.js';

const AGREEMENT_TARGET = 0.95;
const ORDERING_TARGET = 0.95;
const KIND_TARGET = 0.9;
const LOOKUP_TARGET = 0.9;
/** Points (of agreement, in %) the tutor must beat the baseline by on every note set. */
const MARGIN_OVER_NAIVE = 15;

const percent = (rate: Rate) => (Number.isNaN(rate.rate) ? '—' : `${(100 * rate.rate).toFixed(1)} %`);

function side(figure: Paired): string {
  return `tutor ${percent(figure.tutor)} · naive ${percent(figure.naive)}`;
}

function targetRow(figure: string, value: Paired, target: number): BenchRow {
  return {
    figure,
    value: side(value),
    target: `tutor ≥ ${100 * target} %`,
    met: value.tutor.rate >= target,
  };
}

export function reportRows(report: EvalReport): BenchRow[] {
  const h = `eval ${report.half}:`;
  const rows: BenchRow[] = [
    {
      figure: `${h} replies / topics; naive pass threshold (chosen on tune)`,
      value: `${report.agreement.tutor.total} / ${report.topics}; ${report.naiveThreshold.toFixed(1)}`,
      target: '—',
      met: null,
    },
    targetRow(`${h} pass/fail agreement`, report.agreement, AGREEMENT_TARGET),
    targetRow(
      `${h} ordering good > partial > bad in a topic (${report.ordering.tutor.total} pairs)`,
      report.ordering,
      ORDERING_TARGET,
    ),
  ];
  for (const [kind, figure] of report.byKind) {
    rows.push(targetRow(`${h} agreement, kind ${kind} (${figure.tutor.total})`, figure, KIND_TARGET));
  }
  for (const [set, figure] of report.bySet) {
    const margin = 100 * (figure.agreement.tutor.rate - figure.agreement.naive.rate);
    rows.push({
      figure: `${h} agreement, note set ${set} (${figure.agreement.tutor.total})`,
      value: `${side(figure.agreement)} (${margin >= 0 ? '+' : ''}${margin.toFixed(1)} pts)`,
      target: `tutor ≥ naive + ${MARGIN_OVER_NAIVE} pts`,
      met: margin >= MARGIN_OVER_NAIVE,
    });
    rows.push({ figure: `${h} ordering, note set ${set}`, value: side(figure.ordering), target: '—', met: null });
  }
  rows.push({
    figure: `${h} English queries on the Chinese primer, hit@3 (${report.lookup.hitAt3.total})`,
    value: side({ tutor: report.lookup.hitAt3, naive: report.lookup.naive }),
    target: `≥ ${100 * LOOKUP_TARGET} %`,
    met: report.lookup.hitAt3.rate >= LOOKUP_TARGET,
  });
  if (report.unresolved.length > 0) {
    rows.push({
      figure: `${h} cases whose topic path resolves to no node`,
      value: report.unresolved.join(', '),
      target: 'none',
      met: false,
    });
  }
  return rows;
}

export function misgraded(report: EvalReport): CaseResult[] {
  return report.results.filter((r) => r.tutor.passed !== (r.case.expected === 'pass'));
}

export function failureLines(report: EvalReport): string[] {
  const cases = misgraded(report).map((r) => {
    const flags = r.tutor.flags.length > 0 ? ` [${r.tutor.flags.join(', ')}]` : '';
    return `${r.case.id}  ${r.case.kind}  expected ${r.case.expected}  score ${r.tutor.score}${flags}\n    ${r.case.reply}`;
  });
  const lookups = report.lookup.misses.map(
    (m) => `${m.id}  lookup "${m.query}"  top 3: ${m.top.length > 0 ? m.top.join(' | ') : '(nothing)'}`,
  );
  return [
    `misgraded: ${cases.length} of ${report.results.length}`,
    ...cases,
    `lookup misses: ${lookups.length}`,
    ...lookups,
  ];
}

/** The report as plain JSON; with `withFailures`, the misgraded cases too. */
export function reportJson(report: EvalReport, withFailures: boolean): unknown {
  return {
    half: report.half,
    passMark: report.passMark,
    naiveThreshold: report.naiveThreshold,
    replies: report.agreement.tutor.total,
    topics: report.topics,
    agreement: report.agreement,
    ordering: report.ordering,
    byKind: Object.fromEntries(report.byKind),
    bySet: Object.fromEntries(report.bySet),
    lookup: report.lookup,
    unresolved: report.unresolved,
    ...(withFailures
      ? {
          failures: misgraded(report).map((r) => ({
            id: r.case.id,
            kind: r.case.kind,
            expected: r.case.expected,
            score: r.tutor.score,
            flags: r.tutor.flags,
            reply: r.case.reply,
          })),
        }
      : {}),
  };
}

export const suite: BenchSuite = {
  name: 'eval',
  async run() {
    return reportRows(await evaluate('holdout'));
  },
};
