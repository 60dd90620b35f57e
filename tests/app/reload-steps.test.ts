/**
 * What a reload builds between answers, in steps or from its worker thread's plain data, is what a load builds at
 * once: the segmenter filled slice by slice, the grading tools from `toolSourcesOf`, the overlay and the chains
 * worked out ahead (cloned as they cross the thread boundary), the graph view and concept statistics in steps.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildKnowledgeBase,
  readOverlayOrWarning,
  resolveOverlay,
  type ChallengeKnowledgeBase,
} from '../../src/challenges/knowledge-base.js';
import { conceptContextInSteps } from '../../src/challenges/derive.js';
import { createGraphViewInSteps } from '../../src/challenges/plan.js';
import { gradingToolsFor, gradingToolsInSteps, notesUserWords, toolSourcesOf } from '../../src/grading/tools.js';
import { loadKnowledgeGraph } from '../../src/knowledge/load.js';
import { runSteps } from '../../src/text/steps.js';
import type { KnowledgeGraph } from '../../src/knowledge/types.js';
import { createSegmenterInSteps, encodeUserWords, MIN_FREQUENCY } from '../../src/text/segment.js';

/** The seed notes, plus headings written with their other-language name (the bilingual dictionary reads them). */
function knowledgeWithPairs(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tutor-reload-steps-')), 'knowledge');
  cpSync('knowledge', dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'pairs.txt'),
    [
      '分片（Sharding）',
      '>一致性哈希 (consistent hashing)：节点增减只移动少量键',
      'Write-behind (回写)',
      '--舱壁隔离',
      '>两种保护：限流和舱壁隔离（bulkhead）',
    ].join('\n'),
  );
  return dir;
}

/** Every title and body of the notes: the text the comparisons segment. */
const textsOf = (graph: KnowledgeGraph) => [...graph.nodes.values()].map((node) => `${node.title} ${node.body}`);

/** Steps taken by a build, and its result. */
function stepsOf<T>(steps: Generator<void, T>): { count: number; value: T } {
  let count = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { count, value: step.value };
    count++;
  }
}

let knowledge: string;
let graph: KnowledgeGraph;
let twin: KnowledgeGraph;

beforeAll(async () => {
  knowledge = knowledgeWithPairs();
  [graph, twin] = await Promise.all([loadKnowledgeGraph(knowledge), loadKnowledgeGraph(knowledge)]);
});

describe('the segmenter filled slice by slice', () => {
  it("cuts the notes as jieba's trimmed dictionary and the user words loaded in one piece do", () => {
    // The oracle: the trimmed dictionary written out here from jieba's own file, loaded with one call.
    const lines = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([word, frequency]) => word && Number(frequency) >= MIN_FREQUENCY)
      .map(([word, frequency]) => `${word} ${frequency}`);
    const whole = Jieba.withDict(Buffer.from(lines.join('\n')));
    const userDictionary = encodeUserWords(notesUserWords(graph));
    whole.loadDict(userDictionary as Uint8Array);

    const { count, value: segmenter } = stepsOf(createSegmenterInSteps({ userDictionary }));
    expect(count).toBeGreaterThan(10);
    const texts = textsOf(graph);
    const han = /\p{Script=Han}+/gu;
    const expected = texts.map((text) => (text.match(han) ?? []).flatMap((run) => whole.cut(run, true)));
    const actual = texts.map((text) => segmenter.words(text).filter((word) => /\p{Script=Han}/u.test(word)));
    expect(expected.flat().length).toBeGreaterThan(1_000);
    expect(actual).toEqual(expected);
  });
});

describe("the grading tools built ahead from a worker's plain data", () => {
  it('segment and translate as the tools built on first use', () => {
    const sources = structuredClone(toolSourcesOf(twin));
    expect(sources.pairTitles.length).toBeGreaterThan(0);
    expect(sources.pairTitles.length).toBeLessThan(twin.nodes.size);
    expect(sources.textPairs).toContainEqual(['舱壁隔离', 'bulkhead']);
    const ahead = runSteps(gradingToolsInSteps(twin, sources));
    expect(gradingToolsFor(twin)).toBe(ahead);
    const onFirstUse = gradingToolsFor(graph);

    const texts = textsOf(graph);
    expect(texts.map((text) => ahead.segmenter.words(text))).toEqual(
      texts.map((text) => onFirstUse.segmenter.words(text)),
    );
    const terms = [
      'bulkhead',
      ...sources.pairTitles,
      ...graph.glossary.entries.flatMap((entry) => entry.terms),
      ...[...graph.nodes.values()].slice(0, 100).map((node) => node.title),
    ];
    const translated = terms.map((term) => ahead.dictionary.translate(term));
    expect(translated.filter((t) => t.length > 0).length).toBeGreaterThan(10);
    expect(translated).toEqual(terms.map((term) => onFirstUse.dictionary.translate(term)));
  });
});

describe('a knowledge base from parts built ahead', () => {
  let atOnce: ChallengeKnowledgeBase;
  let ahead: ChallengeKnowledgeBase;

  beforeAll(async () => {
    const overlay = await readOverlayOrWarning(knowledge);
    atOnce = buildKnowledgeBase(graph, overlay.source);
    const resolved = structuredClone(resolveOverlay(twin, overlay.source));
    const view = runSteps(createGraphViewInSteps(twin));
    const chains = structuredClone(buildKnowledgeBase(twin, undefined, [], { overlay: resolved }).chains());
    const concepts = runSteps(conceptContextInSteps(twin));
    ahead = buildKnowledgeBase(twin, undefined, [], { overlay: resolved, view, chains, concepts });
  });

  it('has the same curated topics, warnings, daily topics, challenges and chains', () => {
    expect(ahead.curated.length).toBeGreaterThan(0);
    expect(ahead.curated).toEqual(atOnce.curated);
    expect(ahead.warnings).toEqual(atOnce.warnings);
    const daily = ahead.dailyTopics();
    expect(daily.length).toBeGreaterThan(0);
    expect(daily).toEqual(atOnce.dailyTopics());
    expect(daily.map((id) => ahead.challengeFor(id))).toEqual(daily.map((id) => atOnce.challengeFor(id)));
    expect(ahead.chains().length).toBeGreaterThan(0);
    expect(ahead.chains()).toEqual(atOnce.chains());
    const chained = ahead.chains()[0]!;
    expect(ahead.chainChallenge(chained.newPain.topicId)).toEqual(atOnce.chainChallenge(chained.newPain.topicId));
  });
});
