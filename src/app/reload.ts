/**
 * A knowledge reload off the event loop: a worker thread (reload-worker.ts) reads, parses and plans the notes,
 * resolves the overlay, finds the chains and reads what the grading tools are built from; this thread receives
 * the graph in chunks (each message its own task, so answers run between them), then builds what cannot cross
 * threads — the grading tools (a native jieba, filled slice by slice), the topic index, the graph view and the
 * statistics derived concepts are weighed with (closures and maps) — and resolves with the whole new knowledge
 * base for the caller to swap in at once. The old one serves meanwhile.
 * Every build here runs in slices of a few milliseconds, each its own task: answers run between them.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setImmediate as yieldToAnswers } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { buildKnowledgeBase, topicIndexOptions, type ChallengeKnowledgeBase } from '../challenges/knowledge-base.js';
import { conceptContextInSteps } from '../challenges/derive.js';
import { createGraphViewInSteps } from '../challenges/plan.js';
import { gradingToolsInSteps, warmGradingTools } from '../grading/tools.js';
import { createGlossary } from '../knowledge/glossary.js';
import { GraphNode } from '../knowledge/graph-node.js';
import { rememberNormalized } from '../knowledge/normalized.js';
import { createTopicIndexInSteps } from '../knowledge/search.js';
import type { Edge, KnowledgeGraph, NodeId } from '../knowledge/types.js';
import type { NodeColumns, ReloadMessage, ReloadRequest } from './reload-protocol.js';

/** Nodes per message: a few milliseconds of decoding each on this thread. */
const CHUNK = 2_000;
/** Work on this thread between two turns for answers: far below an answer's budget, long enough to make headway. */
const SLICE_MS = 8;

/**
 * The worker, from its file beside this one: compiled, the `.js` directly; from the sources, through tsx, which
 * a worker must register itself (Node 20 does not pass `--import` hooks on to worker threads).
 */
function startWorker(request: ReloadRequest): Worker {
  const extension = extname(new URL(import.meta.url).pathname);
  const url = new URL(`./reload-worker${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(url, { workerData: request });
  // Resolved here: an eval'd worker would resolve a bare name from the working directory, not from this package.
  // `require` finds the package's CommonJS build; its ES module build sits beside it (index.cjs, index.mjs).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const boot =
    `import(${JSON.stringify(pathToFileURL(api).href)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: request });
}

/** The graph and plan from a worker thread; rejects with the worker's reason when the notes cannot be read. */
function receiveFromWorker(
  dir: string,
): Promise<{ graph: KnowledgeGraph; done: Extract<ReloadMessage, { kind: 'done' }> }> {
  const worker = startWorker({ dir, chunk: CHUNK });
  const nodes = new Map<NodeId, GraphNode>();
  const built: GraphNode[] = [];
  let sources: readonly string[] = [];
  const edges: Edge[] = [];
  const normalizedTitles: string[] = [];
  const normalizedBodies: string[] = [];
  const parentPositions: number[] = [];
  /** The nodes of one chunk, as the graph builder made them (parents come before their children). */
  const addNodes = (columns: NodeColumns) => {
    columns.ids.forEach((id, i) => {
      const parentAt = columns.parents[i] as number;
      const parent = parentAt >= 0 ? (built[parentAt] ?? null) : null;
      if (parentAt >= 0 && !parent) throw new Error(`reload: node ${id} arrived before its parent`);
      const file = sources[columns.files[i] as number] ?? '';
      normalizedTitles.push(columns.normalizedTitles[i] as string);
      normalizedBodies.push(columns.normalizedBodies[i] as string);
      parentPositions.push(parentAt);
      const node = new GraphNode(
        id,
        columns.titles[i] as string,
        columns.bodies[i] as string,
        parent,
        columns.hasChildren[i] === 1,
        file,
        columns.lines[i] as number,
      );
      parent?.childIds.push(id);
      built.push(node);
      nodes.set(id, node);
    });
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (run: () => void) => {
      if (settled) return;
      settled = true;
      run();
      void worker.terminate();
    };
    worker.on('message', (message: ReloadMessage) => {
      // The next chunk once answers waiting behind this one had their turn.
      if (message.kind === 'sources' || message.kind === 'nodes' || message.kind === 'edges') {
        setImmediate(() => worker.postMessage('more'));
      }
      switch (message.kind) {
        case 'sources':
          sources = message.files;
          break;
        case 'nodes':
          try {
            addNodes(message);
          } catch (error) {
            settle(() => reject(error as Error));
          }
          break;
        case 'edges':
          edges.push(...message.edges);
          break;
        case 'failed':
          settle(() => reject(new Error(message.message)));
          break;
        case 'done': {
          const graph: KnowledgeGraph = {
            nodes,
            roots: message.roots,
            edges,
            files: message.files,
            warnings: message.warnings,
            glossary: createGlossary(message.glossary),
          };
          rememberNormalized(graph, {
            titles: normalizedTitles,
            bodies: normalizedBodies,
            parents: Int32Array.from(parentPositions),
          });
          settle(() => resolve({ graph, done: message }));
          break;
        }
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the reload worker stopped (exit ${code})`))));
  });
}

/** Runs a build written as steps (see `createTopicIndexInSteps`), giving way to answers first and every `SLICE_MS`. */
async function runInSlices<T>(steps: Generator<void, T>): Promise<T> {
  await yieldToAnswers();
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToAnswers();
      sliceStart = performance.now();
    }
  }
}

/** Loads a knowledge directory as `loadKnowledgeBase` does, with the parsing and planning on a worker thread. */
export async function loadKnowledgeBaseOffThread(dir: string): Promise<ChallengeKnowledgeBase> {
  const { graph, done } = await receiveFromWorker(dir);
  // First: the index's options take the graph's dictionary and segmenter, which must be these, not built at once.
  // Before the swap too: the first answer graded on the new notes must not wait for its segmenter.
  await runInSlices(gradingToolsInSteps(graph, done.toolSources));
  const index = await runInSlices(createTopicIndexInSteps(graph, topicIndexOptions(graph)));
  const view = await runInSlices(createGraphViewInSteps(graph));
  // Else the first derived challenge after the swap would count the notes' terms between two answers.
  const concepts = await runInSlices(conceptContextInSteps(graph));
  await yieldToAnswers();
  const knowledge = buildKnowledgeBase(graph, undefined, done.overlayWarnings, {
    dailyTopics: done.dailyTopics,
    chains: done.chains,
    index,
    overlay: done.overlay,
    view,
    concepts,
  });
  await yieldToAnswers();
  // CC-CEDICT, loaded once per process (at start): a no-op here unless the start skipped it.
  warmGradingTools(graph);
  return knowledge;
}
