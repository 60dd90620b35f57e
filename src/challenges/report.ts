/**
 * What `tutor knowledge check` says about challenges: how many are curated and derived, each curated one with
 * the topic path it resolved to, and the overlay's problems (unknown or ambiguous topics, bad entries).
 */
import type { KnowledgeGraph, LoadWarning } from '../knowledge/types.js';
import { buildKnowledgeBase, readOverlayOrWarning, type ChallengeKnowledgeBase } from './knowledge-base.js';
import { OVERLAY_FILE } from './overlay.js';

export interface CuratedListing {
  readonly ref: string;
  readonly topicId: string;
  readonly path: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface ChallengeReport {
  readonly counts: { readonly curated: number; readonly derived: number; readonly dailyTopics: number };
  readonly curated: readonly CuratedListing[];
  readonly warnings: readonly LoadWarning[];
}

export function challengeReport(kb: ChallengeKnowledgeBase): ChallengeReport {
  return {
    counts: kb.summary(),
    curated: kb.curated.map((entry) => ({
      ref: entry.ref,
      topicId: entry.topicId,
      path: kb.graph.nodes.get(entry.topicId)?.path ?? [],
      file: OVERLAY_FILE,
      line: entry.line,
    })),
    warnings: kb.overlayWarnings,
  };
}

/** One line per curated challenge: `challenges.json:12  云原生 > 12要素`. */
export function curatedLines(report: ChallengeReport): string[] {
  return report.curated.map((c) => `${c.file}:${c.line}  ${c.path.join(' > ')}`);
}

/** The report for an already loaded graph and the overlay of its knowledge directory. */
export async function challengeReportFor(graph: KnowledgeGraph, dir: string): Promise<ChallengeReport> {
  const overlay = await readOverlayOrWarning(dir);
  return challengeReport(buildKnowledgeBase(graph, overlay.source, overlay.warning ? [overlay.warning] : []));
}
