/** The hand-labeled set (labeled-set.json), validated, with each topic's challenge built: for the test and the benchmark. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Challenge } from '../../src/grading/types.js';

export const CLASSES = [
  'strong',
  'partial',
  'off-topic',
  'pain-only',
  'fix-only',
  'negated',
  'keyword-list',
  'homophone',
  'english',
  'mixed',
] as const;

const conceptSchema = z.object({ label: z.string(), aliases: z.array(z.string()), weight: z.number().positive() });
const setSchema = z.object({
  passMark: z.number(),
  topics: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      pain: z.array(conceptSchema),
      fix: z.array(conceptSchema),
      replies: z.array(z.object({ class: z.enum(CLASSES), pass: z.boolean(), answer: z.string().min(1) })),
    }),
  ),
});

export type LabeledTopic = z.infer<typeof setSchema>['topics'][number];

export interface LabeledSet {
  readonly passMark: number;
  readonly topics: readonly (LabeledTopic & { readonly challenge: Challenge })[];
}

export function loadLabeledSet(): LabeledSet {
  const set = setSchema.parse(JSON.parse(readFileSync(new URL('./labeled-set.json', import.meta.url), 'utf8')));
  return {
    passMark: set.passMark,
    topics: set.topics.map((topic) => ({
      ...topic,
      challenge: {
        topicId: topic.id,
        title: topic.title,
        path: [topic.title],
        pain: topic.pain,
        fix: topic.fix,
        modelAnswer: '',
        origin: 'curated',
      },
    })),
  };
}
