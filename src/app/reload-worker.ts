/**
 * The worker thread of a knowledge reload: reads and parses the notes, builds the knowledge base once to plan
 * the daily topics (the two costly steps, seconds on a large tree), and posts the parsed graph and that plan back
 * in chunks (see reload-protocol.ts). A failure is a message, never an uncaught error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildKnowledgeBase, readOverlayOrWarning } from '../challenges/knowledge-base.js';
import { loadKnowledgeGraph } from '../knowledge/load.js';
import type { ReloadMessage, ReloadRequest } from './reload-protocol.js';

const request = workerData as ReloadRequest;
const send = (message: ReloadMessage) => parentPort?.postMessage(message);

try {
  const [graph, overlay] = await Promise.all([loadKnowledgeGraph(request.dir), readOverlayOrWarning(request.dir)]);
  const overlayWarnings = overlay.warning ? [overlay.warning] : [];
  const dailyTopics = buildKnowledgeBase(graph, overlay.source, overlayWarnings).dailyTopics();
  const nodes = [...graph.nodes.values()];
  for (let at = 0; at < nodes.length; at += request.chunk)
    send({ kind: 'nodes', nodes: nodes.slice(at, at + request.chunk) });
  for (let at = 0; at < graph.edges.length; at += request.chunk) {
    send({ kind: 'edges', edges: graph.edges.slice(at, at + request.chunk) });
  }
  send({
    kind: 'done',
    roots: graph.roots,
    files: graph.files,
    warnings: graph.warnings,
    glossary: graph.glossary.entries,
    ...(overlay.source ? { overlay: overlay.source } : {}),
    overlayWarnings,
    dailyTopics,
  });
} catch (error) {
  send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
