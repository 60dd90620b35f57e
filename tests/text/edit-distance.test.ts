import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../../src/text/edit-distance.js';

/** Optimal string alignment distance, the whole table: the definition the bounded one must agree with. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

/** Every string of up to `length` letters over a small alphabet, so edits collide often. */
function allStrings(length: number, alphabet: string): string[] {
  let level = [''];
  const out = [''];
  for (let n = 0; n < length; n++) {
    level = level.flatMap((s) => [...alphabet].map((c) => s + c));
    out.push(...level);
  }
  return out;
}

describe('boundedEditDistance', () => {
  it('agrees with the full optimal-string-alignment distance, capped at max + 1, for max 1 and 2', () => {
    const strings = allStrings(4, 'abc');
    const disagreements: string[] = [];
    let withinOne = 0;
    for (const a of strings)
      for (const b of strings)
        for (const max of [1, 2]) {
          const expected = Math.min(osaDistance(a, b), max + 1);
          if (max === 1 && expected === 1) withinOne++;
          if (boundedEditDistance(a, b, max) !== expected) disagreements.push(`${a}/${b}/${max}`);
        }
    expect(withinOne).toBeGreaterThan(0);
    expect(disagreements).toEqual([]);
  });
});
