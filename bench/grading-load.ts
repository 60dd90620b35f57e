/**
 * Child program of the grading bench (a fresh process per run, so nothing is warm): loads the seed as the tutor
 * does — the knowledge base (graph, topic index, overlay) and the graph's one segmenter, which derivation and
 * grading share — and prints the CPU and wall time of that, modules already imported, as one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../src/challenges/knowledge-base.js';
import { segmenterFor } from '../src/grading/tools.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: grading-load.ts <knowledge dir>');
const cpuBefore = process.cpuUsage();
const started = performance.now();
const kb = await loadKnowledgeBase(dir);
const loaded = performance.now();
segmenterFor(kb.graph);
const wall = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: wall,
    loadMs: loaded - started,
    nodes: kb.graph.nodes.size,
  }),
);
