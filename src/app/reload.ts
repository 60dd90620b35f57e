/**
 * A knowledge reload off the event loop: a worker thread (reload-worker.ts) reads, parses and plans the notes;
 * this thread receives the graph in chunks (each message its own task, so answers run between them), then builds
 * what cannot cross threads (the topic index, the grading tools' segmenter: closures and a native jieba) and
 * resolves with the whole new knowledge base for the caller to swap in at once. The old one serves meanwhile.
 */
import { extname } from 'node:path';
import { setImmediate as yieldToAnswers } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { buildKnowledgeBase, type ChallengeKnowledgeBase } from '../challenges/knowledge-base.js';
import { warmGradingTools } from '../grading/tools.js';
import { createGlossary } from '../knowledge/glossary.js';
import type { Edge, KnowledgeGraph, KnowledgeNode, NodeId } from '../knowledge/types.js';
import type { ReloadMessage, ReloadRequest } from './reload-protocol.js';

/** Nodes per message: a few milliseconds of decoding each on this thread. */
const CHUNK = 2_000;

/** The worker's file beside this one: `.ts` under tsx (which the worker then needs too), `.js` when compiled. */
function workerUrl(): { url: URL; execArgv: string[] } {
  const extension = extname(new URL(import.meta.url).pathname);
  return {
    url: new URL(`./reload-worker${extension}`, import.meta.url),
    execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
  };
}

/** The graph and plan from a worker thread; rejects with the worker's reason when the notes cannot be read. */
function receiveFromWorker(
  dir: string,
): Promise<{ graph: KnowledgeGraph; done: Extract<ReloadMessage, { kind: 'done' }> }> {
  const { url, execArgv } = workerUrl();
  const request: ReloadRequest = { dir, chunk: CHUNK };
  const worker = new Worker(url, { workerData: request, execArgv });
  const nodes = new Map<NodeId, KnowledgeNode>();
  const edges: Edge[] = [];
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (run: () => void) => {
      if (settled) return;
      settled = true;
      run();
      void worker.terminate();
    };
    worker.on('message', (message: ReloadMessage) => {
      switch (message.kind) {
        case 'nodes':
          for (const node of message.nodes) nodes.set(node.id, node);
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
          settle(() => resolve({ graph, done: message }));
          break;
        }
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the reload worker stopped (exit ${code})`))));
  });
}

/** Loads a knowledge directory as `loadKnowledgeBase` does, with the parsing and planning on a worker thread. */
export async function loadKnowledgeBaseOffThread(dir: string): Promise<ChallengeKnowledgeBase> {
  const { graph, done } = await receiveFromWorker(dir);
  await yieldToAnswers();
  const knowledge = buildKnowledgeBase(graph, done.overlay, done.overlayWarnings, { dailyTopics: done.dailyTopics });
  await yieldToAnswers();
  // Before the swap: the first answer graded on the new notes must not wait for its segmenter.
  warmGradingTools(graph);
  return knowledge;
}
