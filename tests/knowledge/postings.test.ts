import { describe, expect, it } from 'vitest';
import { AscendingProbe, PostingsBuilder } from '../../src/knowledge/postings.js';
import { rng } from '../faults/malformed.js';

describe('PostingsBuilder', () => {
  it('packs each key’s positions in ascending order, once each, and knows no other key', () => {
    const builder = new PostingsBuilder<string>();
    const expected = new Map<string, number[]>();
    const random = rng(3);
    for (let position = 0; position < 500; position++) {
      for (let n = 0; n < 4; n++) {
        const key = `k${Math.floor(random() * 40)}`;
        builder.add(key, position);
        const list = expected.get(key) ?? [];
        if (list[list.length - 1] !== position) list.push(position);
        expected.set(key, list);
      }
    }
    const postings = builder.finish();
    expect(postings.size).toBe(expected.size);
    expect([...postings.keys()]).toEqual([...expected.keys()]);
    for (const [key, list] of expected) expect([...(postings.get(key) ?? [])]).toEqual(list);
    expect(postings.get('missing')).toBeUndefined();
  });
});

describe('AscendingProbe', () => {
  it('answers membership like a set for ascending questions, across gaps of every size', () => {
    const random = rng(9);
    for (let round = 0; round < 50; round++) {
      const members = new Set<number>();
      for (let i = 0; i < 1 + Math.floor(random() * 300); i++) members.add(Math.floor(random() * 2000));
      const list = Int32Array.from([...members].sort((a, b) => a - b));
      const probe = new AscendingProbe(list);
      let value = -1;
      while (value < 2100) {
        value += 1 + Math.floor(random() * (random() < 0.5 ? 3 : 200));
        expect(probe.has(value), `value ${value}`).toBe(members.has(value));
      }
    }
  });
});
