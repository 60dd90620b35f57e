import { describe, expect, it } from 'vitest';
import type { LookupResult, TopicHit } from '../../src/challenges/types.js';
import { topicMessage } from '../../src/tutor/views.js';

const hit = (id: string, related: TopicHit['related'] = []): TopicHit => ({
  id,
  title: `title ${id}`,
  path: ['root', `title ${id}`],
  body: '',
  children: [],
  related,
  score: 1,
});

describe('topicMessage', () => {
  it('lists a topic that is both related and another result once, and never the topic itself', () => {
    const ref = (id: string) => ({ id, title: `title ${id}`, path: ['root', `title ${id}`], relation: 'mentions' });
    const lookup: LookupResult = {
      query: 'q',
      results: [hit('a', [ref('b'), ref('c')]), hit('b'), hit('a'), hit('d')],
      nearest: [],
    };
    const related = topicMessage('en', lookup).fields?.find((f) => f.name === 'Related');
    expect(related?.value.split('\n').map((line) => line.split(' (')[0])).toEqual([
      '- title b',
      '- title c',
      '- title d',
    ]);
  });

  it('answers an unknown topic privately, with its error id and the nearest topics', () => {
    const message = topicMessage('en', { query: 'zzz', results: [], nearest: [hit('n')] });
    expect(message).toMatchObject({ errorId: 'unknown-topic', private: true });
    expect(JSON.stringify(message.fields)).toContain('title n');
  });
});
