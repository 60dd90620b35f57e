/**
 * The worker thread of a knowledge reload: reads and parses the notes, builds the knowledge base once to plan
 * the daily topics and find the chains (the costly steps, seconds on a large tree), and posts the graph as
 * columns back in chunks (see reload-protocol.ts), with whatever else plain data can carry: that plan, the
 * chains, the overlay resolved against the graph and what the grading tools are built from. A failure is a
 * message, never an uncaught error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildKnowledgeBase, readOverlayOrWarning, resolveOverlay } from '../challenges/knowledge-base.js';
import { toolSourcesOf } from '../grading/tools.js';
import { loadKnowledgeGraph } from '../knowledge/load.js';
import { normalizedNodes } from '../knowledge/normalized.js';
import type { KnowledgeGraph, KnowledgeNode, NodeId } from '../knowledge/types.js';
import type { ReloadMessage, ReloadRequest } from './reload-protocol.js';

const request = workerData as ReloadRequest;

interface Outgoing {
  readonly message: ReloadMessage;
  readonly transfer?: ArrayBuffer[];
}

/**
 * The messages go one at a time, each when the main thread asks for the next (`more`): a port drains every queued
 * message in one go, which would turn the chunks back into one long pause between answers. The listener keeps
 * this thread alive until the main thread, holding the last message, ends it.
 */
const outbox: Outgoing[] = [];
let asked = 1;
const flush = () => {
  while (asked > 0 && outbox.length > 0) {
    asked--;
    const next = outbox.shift() as Outgoing;
    parentPort?.postMessage(next.message, next.transfer ?? []);
  }
};
parentPort?.on('message', () => {
  asked++;
  flush();
});
const send = (message: ReloadMessage, transfer: ArrayBuffer[] = []) => {
  outbox.push({ message, transfer });
  flush();
};

function sendNodes(graph: KnowledgeGraph): void {
  const nodes = [...graph.nodes.values()];
  const position = new Map<NodeId, number>(nodes.map((node, i) => [node.id, i]));
  const normalized = normalizedNodes(graph);
  const sourceFiles = [...new Set(nodes.map((node) => node.source.file))];
  const fileIndex = new Map(sourceFiles.map((file, i) => [file, i]));
  send({ kind: 'sources', files: sourceFiles });
  for (let at = 0; at < nodes.length; at += request.chunk) {
    const slice: KnowledgeNode[] = nodes.slice(at, at + request.chunk);
    const parents = Int32Array.from(slice, (n) => (n.parentId === null ? -1 : (position.get(n.parentId) ?? -1)));
    const hasChildren = Uint8Array.from(slice, (n) => (n.childIds.length > 0 ? 1 : 0));
    const files = Int32Array.from(slice, (n) => fileIndex.get(n.source.file) ?? -1);
    const lines = Int32Array.from(slice, (n) => n.source.line);
    send(
      {
        kind: 'nodes',
        ids: slice.map((n) => n.id),
        titles: slice.map((n) => n.title),
        bodies: slice.map((n) => n.body),
        normalizedTitles: normalized.titles.slice(at, at + request.chunk),
        normalizedBodies: normalized.bodies.slice(at, at + request.chunk),
        parents,
        hasChildren,
        files,
        lines,
      },
      [parents.buffer, hasChildren.buffer, files.buffer, lines.buffer],
    );
  }
}

try {
  const [graph, overlay] = await Promise.all([loadKnowledgeGraph(request.dir), readOverlayOrWarning(request.dir)]);
  const overlayWarnings = overlay.warning ? [overlay.warning] : [];
  const resolved = resolveOverlay(graph, overlay.source);
  const planned = buildKnowledgeBase(graph, undefined, overlayWarnings, { overlay: resolved });
  sendNodes(graph);
  for (let at = 0; at < graph.edges.length; at += request.chunk) {
    send({ kind: 'edges', edges: graph.edges.slice(at, at + request.chunk) });
  }
  send({
    kind: 'done',
    roots: graph.roots,
    files: graph.files,
    warnings: graph.warnings,
    glossary: graph.glossary.entries,
    overlay: resolved,
    overlayWarnings,
    dailyTopics: planned.dailyTopics(),
    chains: planned.chains(),
    toolSources: toolSourcesOf(graph),
  });
} catch (error) {
  send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
