/**
 * Child program of the grading bench, run with `node --single-threaded`: the CPU time of one grade, p99, for each
 * latency row, printed as one JSON line (`CpuFigures`, in ms).
 *
 * Why a child with V8's helper threads off. `process.cpuUsage()` is the whole process's time, and Linux adds the
 * other threads' running time to it only at their scheduler ticks and switches (only the calling thread's is
 * exact), so the work V8's helpers did during many earlier grades — concurrent marking, parallel scavenging,
 * optimizing compiles — lands in lumps of a tick on whichever grade reads the clock next: a p99 of per-grade
 * samples measured the lumps, which is why it stood above the wall-clock p99 on an idle machine. Node 20 has no
 * per-thread CPU clock (`process.threadCpuUsage` comes with Node 23.9, and /proc's per-thread figure moves in
 * whole ticks too). Here that work is done on the one thread that grades, inside the grade that causes it, so
 * each sample is exact and nothing is left out: a grade that meets a collection carries all of it.
 */
import { gradeAnswer } from '../src/grading/grade.js';
import { options, repliesOf, warmUp, type GradeCase, type ReplyKind } from './grading-cases.js';
import { percentile } from './table.js';

export interface CpuFigures {
  readonly zh200: number;
  readonly mixed200: number;
  readonly zh4000: number;
  readonly mixed4000: number;
}

const SAMPLES = 5_000;
/**
 * Grades run before any row, beyond each row's usual warm-up. Single-threaded, V8's optimizing compiles — on
 * helper threads in production — run inside grades, and the first few thousand grades carry them (a p99 of
 * 1.1 ms after the usual 2,000, 0.4 ms after 8,000, on 200 Chinese characters); the bot grades for days, so the
 * figure is the steady state's.
 */
const EXTRA_WARMUP_GRADES = 6_000;

function cpuP99(length: number, kind: ReplyKind): number {
  const cases = repliesOf(length, kind);
  warmUp(cases);
  const cpu: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const c = cases[i % cases.length] as GradeCase;
    const before = process.cpuUsage();
    gradeAnswer(c.challenge, c.reply, options);
    const spent = process.cpuUsage(before);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return percentile(cpu, 99);
}

const warmCases = [...repliesOf(200, 'zh'), ...repliesOf(200, 'mixed')];
for (let i = 0; i < EXTRA_WARMUP_GRADES; i++) {
  const c = warmCases[i % warmCases.length] as GradeCase;
  gradeAnswer(c.challenge, c.reply, options);
}

const figures: CpuFigures = {
  zh200: cpuP99(200, 'zh'),
  mixed200: cpuP99(200, 'mixed'),
  zh4000: cpuP99(4000, 'zh'),
  mixed4000: cpuP99(4000, 'mixed'),
};
console.log(JSON.stringify(figures));
