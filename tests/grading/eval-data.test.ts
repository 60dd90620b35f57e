/**
 * The held-out evaluation's data is well formed: every case parses, every topic path names exactly one node of its
 * note set, the set is as large and as varied as issue 11 asks, and the halves split it by topic. Grader accuracy
 * is not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeGraph } from '../../src/knowledge/load.js';
import type { KnowledgeGraph } from '../../src/knowledge/types.js';
import {
  KINDS,
  loadEvalCases,
  loadLookupQueries,
  nodesAtPath,
  noteSetRoot,
  NOTE_SETS,
  topicKey,
  type NoteSetId,
  type NoteSetRoot,
} from './eval-data.js';

const cases = loadEvalCases();
const queries = loadLookupQueries();
const SET_IDS = Object.keys(NOTE_SETS) as NoteSetId[];
const roots: NoteSetRoot[] = [];
const graphs = new Map<NoteSetId, KnowledgeGraph>();

beforeAll(async () => {
  for (const set of SET_IDS) {
    const root = noteSetRoot(set);
    roots.push(root);
    graphs.set(set, await loadKnowledgeGraph(root.dir));
  }
});

afterAll(() => {
  for (const root of roots) root.dispose();
});

const countBy = <T>(items: readonly T[], keyOf: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
};

describe('labeled replies', () => {
  it('are at least 400, on at least 80 topics, from all six note sets', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(new Set(cases.map(topicKey)).size).toBeGreaterThanOrEqual(80);
    expect([...new Set(cases.map((c) => c.set))].sort()).toEqual([...SET_IDS].sort());
  });

  it('have unique ids', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('have at least 30 cases of every kind', () => {
    const byKind = countBy(cases, (c) => c.kind);
    for (const kind of KINDS) expect(byKind.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(30);
  });

  it('give every topic at least 5 replies, one good and one bad', () => {
    const byTopic = new Map<string, typeof cases>();
    for (const c of cases) byTopic.set(topicKey(c), [...(byTopic.get(topicKey(c)) ?? []), c]);
    for (const [topic, own] of byTopic) {
      expect(own.length, topic).toBeGreaterThanOrEqual(5);
      expect(own.some((c) => c.tier === 'good') && own.some((c) => c.tier === 'bad'), topic).toBe(true);
    }
  });

  it('name exactly one node of their note set by their topic path', () => {
    const unresolved = cases.filter((c) => nodesAtPath(graphs.get(c.set) as KnowledgeGraph, c.topic).length !== 1);
    expect(unresolved.map((c) => c.id)).toEqual([]);
  });

  it('split into two non-empty halves that share no topic', () => {
    const tune = new Set(cases.filter((c) => c.half === 'tune').map(topicKey));
    const holdout = new Set(cases.filter((c) => c.half === 'holdout').map(topicKey));
    expect(tune.size).toBeGreaterThan(0);
    expect(holdout.size).toBeGreaterThan(0);
    expect([...tune].filter((t) => holdout.has(t))).toEqual([]);
    for (const set of SET_IDS) {
      expect(
        cases.some((c) => c.set === set && c.half === 'tune'),
        set,
      ).toBe(true);
      expect(
        cases.some((c) => c.set === set && c.half === 'holdout'),
        set,
      ).toBe(true);
    }
  });
});

describe('English lookup queries on the Chinese primer', () => {
  it('are at least 30 held out and 15 for tuning, with unique ids', () => {
    expect(queries.filter((q) => q.half === 'holdout').length).toBeGreaterThanOrEqual(30);
    expect(queries.filter((q) => q.half === 'tune').length).toBeGreaterThanOrEqual(15);
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
  });

  it('expect headings that exist in the Chinese primer', () => {
    const primer = graphs.get('primer-zh') as KnowledgeGraph;
    const missing = queries.flatMap((q) =>
      q.expected.filter((p) => nodesAtPath(primer, p).length === 0).map((p) => `${q.id}: ${p.join(' › ')}`),
    );
    expect(missing).toEqual([]);
  });
});
