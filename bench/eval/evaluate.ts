/**
 * The held-out evaluation: every labeled reply graded along the path a learner meets — its note set loaded as a
 * knowledge root, its topic's challenge from `KnowledgeBase.challengeFor`, `gradeAnswer` at the default pass
 * mark with the set's glossary — and by the naive lexical-overlap baseline beside it; then the figures of one
 * half, and hit@3 of the English lookup queries on the Chinese primer.
 */
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import type { KnowledgeBase } from '../../src/challenges/types.js';
import { gradeAnswer } from '../../src/grading/grade.js';
import { gradingToolsFor } from '../../src/grading/tools.js';
import { DEFAULT_PASS_MARK } from '../../src/grading/types.js';
import type { KnowledgeGraph, KnowledgeNode } from '../../src/knowledge/types.js';
import {
  KINDS,
  loadEvalCases,
  nodesAtPath,
  noteSetRoot,
  NOTE_SETS,
  topicKey,
  type EvalCase,
  type Half,
  type Kind,
  type NoteSetId,
} from '../../tests/grading/eval-data.js';
import { lookupFigures, type LookupFigures } from './lookup.js';
import { agreement, bestThreshold, ordering, type Rate } from './metrics.js';
import { naiveFeatures, naiveScore } from './naive-grader.js';

export interface Verdict {
  readonly score: number;
  readonly passed: boolean;
}

export interface CaseResult {
  readonly case: EvalCase;
  readonly tutor: Verdict & { readonly flags: readonly string[] };
  readonly naive: Verdict;
}

/** One figure for the tutor and for the baseline. */
export interface Paired {
  readonly tutor: Rate;
  readonly naive: Rate;
}

export interface EvalReport {
  readonly half: Half;
  readonly passMark: number;
  /** The baseline's pass threshold, chosen on the tune half. */
  readonly naiveThreshold: number;
  readonly topics: number;
  readonly agreement: Paired;
  readonly ordering: Paired;
  readonly byKind: ReadonlyMap<Kind, Paired>;
  readonly bySet: ReadonlyMap<NoteSetId, { readonly agreement: Paired; readonly ordering: Paired }>;
  readonly lookup: LookupFigures;
  /** Ids of cases whose topic path names no node, or several: errors in the data, left out of every figure. */
  readonly unresolved: readonly string[];
  /** Every graded case of the half, in file order. */
  readonly results: readonly CaseResult[];
}

interface Graded {
  readonly case: EvalCase;
  readonly tutor: Verdict & { readonly flags: readonly string[] };
  readonly naiveScore: number;
}

/** The topic node's title and body and those of all its descendants: what the baseline compares a reply with. */
function subtreeText(graph: KnowledgeGraph, node: KnowledgeNode): string {
  const parts: string[] = [];
  const visit = (n: KnowledgeNode) => {
    parts.push(n.title, n.body);
    for (const id of n.childIds) {
      const child = graph.nodes.get(id);
      if (child) visit(child);
    }
  };
  visit(node);
  return parts.join('\n');
}

function gradeCase(kb: KnowledgeBase, node: KnowledgeNode, c: EvalCase, notes: ReadonlySet<string>): Graded {
  const challenge = kb.challengeFor(node.id);
  const grade = challenge
    ? gradeAnswer(challenge, c.reply, { passMark: DEFAULT_PASS_MARK, ...gradingToolsFor(kb.graph) })
    : null;
  return {
    case: c,
    tutor: grade
      ? { score: grade.score, passed: grade.passed, flags: grade.flags }
      : { score: 0, passed: false, flags: ['no-challenge'] },
    naiveScore: naiveScore(c.reply, notes),
  };
}

async function gradeSet(set: NoteSetId, cases: readonly EvalCase[], unresolved: string[]): Promise<Graded[]> {
  const root = noteSetRoot(set);
  try {
    const kb = await loadKnowledgeBase(root.dir);
    const notesByNode = new Map<string, Set<string>>();
    const graded: Graded[] = [];
    for (const c of cases) {
      const nodes = nodesAtPath(kb.graph, c.topic);
      const node = nodes[0];
      if (nodes.length !== 1 || !node) {
        unresolved.push(c.id);
        continue;
      }
      let notes = notesByNode.get(node.id);
      if (!notes) notesByNode.set(node.id, (notes = naiveFeatures(subtreeText(kb.graph, node))));
      graded.push(gradeCase(kb, node, c, notes));
    }
    return graded;
  } finally {
    root.dispose();
  }
}

function agreementOf(results: readonly CaseResult[]): Paired {
  const judged = (pick: (r: CaseResult) => Verdict) =>
    agreement(results.map((r) => ({ expectedPass: r.case.expected === 'pass', predictedPass: pick(r).passed })));
  return { tutor: judged((r) => r.tutor), naive: judged((r) => r.naive) };
}

function orderingOf(results: readonly CaseResult[]): Paired {
  const ranked = (pick: (r: CaseResult) => Verdict) =>
    ordering(results.map((r) => ({ topic: topicKey(r.case), tier: r.case.tier, score: pick(r).score })));
  return { tutor: ranked((r) => r.tutor), naive: ranked((r) => r.naive) };
}

/** Grades both halves (the baseline's threshold needs the tune half) and reports the figures of `half`. */
export async function evaluate(half: Half): Promise<EvalReport> {
  const cases = loadEvalCases();
  const unresolved: string[] = [];
  const graded: Graded[] = [];
  for (const set of Object.keys(NOTE_SETS) as NoteSetId[]) {
    const own = cases.filter((c) => c.set === set);
    if (own.length > 0) graded.push(...(await gradeSet(set, own, unresolved)));
  }
  const naiveThreshold = bestThreshold(
    graded
      .filter((g) => g.case.half === 'tune')
      .map((g) => ({ expectedPass: g.case.expected === 'pass', score: g.naiveScore })),
  );
  const results: CaseResult[] = graded
    .filter((g) => g.case.half === half)
    .map((g) => ({
      case: g.case,
      tutor: g.tutor,
      naive: { score: g.naiveScore, passed: g.naiveScore >= naiveThreshold },
    }));

  const kinds = new Map(KINDS.map((kind) => [kind, agreementOf(results.filter((r) => r.case.kind === kind))] as const));
  const sets = new Map(
    (Object.keys(NOTE_SETS) as NoteSetId[])
      .map((set) => [set, results.filter((r) => r.case.set === set)] as const)
      .filter(([, own]) => own.length > 0)
      .map(([set, own]) => [set, { agreement: agreementOf(own), ordering: orderingOf(own) }] as const),
  );
  return {
    half,
    passMark: DEFAULT_PASS_MARK,
    naiveThreshold,
    topics: new Set(results.map((r) => topicKey(r.case))).size,
    agreement: agreementOf(results),
    ordering: orderingOf(results),
    byKind: kinds,
    bySet: sets,
    lookup: await lookupFigures(half),
    unresolved: unresolved.filter((id) => cases.find((c) => c.id === id)?.half === half),
    results,
  };
}
