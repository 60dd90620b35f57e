import { describe, expect, it } from 'vitest';
import { foldPunctuation, foldText } from '../../src/text/normalize.js';
import { gramFilter } from '../../src/text/gram-filter.js';

/** What `foldText` did before its fast path, less the traditional → simplified step (Han here is simplified). */
const nfkcLower = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Characters of the fast path's blocks, and neighbours that must take the exact path (combining marks, Hangul). */
function alphabet(): string[] {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0x2000, 0x206f],
    [0x3000, 0x30ff],
    [0xff00, 0xffef],
    [0x4e00, 0x4e1e], // simplified: 丟 (U+4E1F) is the first traditional character
    [0x0300, 0x0310],
    [0x1100, 0x1105],
    [0xac00, 0xac03],
    [0xc0, 0xff],
  ];
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)));
}

/** A deterministic pseudo-random sequence (xorshift), so a failure reproduces. */
function* randomTexts(count: number, chars: readonly string[]): Generator<string> {
  let state = 0x2545f491;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  for (let n = 0; n < count; n++) {
    const length = 1 + Math.floor(next() * 8);
    let text = '';
    for (let i = 0; i < length; i++) text += chars[Math.floor(next() * chars.length)] as string;
    yield text;
  }
}

describe('foldText', () => {
  it('folds as NFKC and lower case do, character by character or not', () => {
    const chars = alphabet();
    const differing: string[] = [];
    let checked = 0;
    for (const text of randomTexts(50_000, chars)) {
      checked++;
      if (foldText(text) !== nfkcLower(text)) differing.push(text);
    }
    expect(checked).toBe(50_000);
    expect(differing).toEqual([]);
  });

  it('folds a usual Chinese reply: full-width marks and letters to ASCII, the rest as it stands', () => {
    expect(foldText('用Ｒｅｄｉｓ做缓存，避免穿透……ＯＫ')).toBe('用redis做缓存,避免穿透......ok');
    const plain = '幂等键挡住重复扣款, then retry';
    expect(foldText(plain)).toBe(plain);
  });

  it('composes what only composes with a neighbour (half-width Hangul, combining marks)', () => {
    expect(foldText('ﾡￂ')).toBe('ﾡￂ'.normalize('NFKC'));
    expect(foldText('Ｅ\u0301')).toBe('é');
  });
});

describe('foldPunctuation', () => {
  it('maps CJK punctuation one for one and leaves other text as it stands', () => {
    expect(foldPunctuation('先限流。再降级、熔断「兜底」…')).toBe('先限流.再降级/熔断"兜底".');
    const plain = 'no marks here, 没有';
    expect(foldPunctuation(plain)).toBe(plain);
  });
});

describe('gramFilter', () => {
  it('never rules out a substring of the text, and rules out a pattern with a missing bigram', () => {
    const text = 'redis集群,主从切换时丢写';
    const filter = gramFilter(text);
    const substrings: string[] = [];
    for (let a = 0; a < text.length; a++) for (let b = a + 1; b <= text.length; b++) substrings.push(text.slice(a, b));
    expect(substrings.length).toBeGreaterThan(0);
    expect(substrings.filter((s) => !filter.mayContain(s))).toEqual([]);
    expect(filter.mayContain('集合')).toBe(false);
    expect(filter.mayContain('切主')).toBe(false);
    expect(filter.mayContain('x')).toBe(true);
  });
});
