import { describe, expect, it } from 'vitest';
import { bilingualIndexOf, createBilingualDictionary, pairsFromTexts } from '../../src/text/bilingual.js';
import type { CedictEntry } from '../../src/text/cedict.js';

// A CEDICT-shaped base that knows none of the notes' terms: whatever is found comes from the notes.
const base = bilingualIndexOf([['時間', '时间', 'shi2 jian1', ['time']]] satisfies CedictEntry[]);

describe('pairs glossed in the notes’ text', () => {
  const text = '两种保护: 限流（rate limiting）和熔断（circuit breaker）。存活时间（TTL）决定缓存多久。';

  it('pairs a heading’s name with the English term bracketed after it, where the sentence runs on before it', () => {
    expect(pairsFromTexts([text], () => new Set(['限流', '熔断']))).toEqual([
      ['限流', 'rate limiting'],
      ['熔断', 'circuit breaker'],
    ]);
  });
  it('takes nothing where no heading names the Chinese term (its start is not written)', () => {
    expect(pairsFromTexts([text], () => new Set(['时间']))).toEqual([['时间', 'TTL']]);
    expect(pairsFromTexts([text], () => new Set<string>())).toEqual([]);
    expect(pairsFromTexts(['限流（见下面的第三个例子里的做法）'], () => new Set(['限流']))).toEqual([]);
    expect(pairsFromTexts(['限流（a note on how the tokens refill）'], () => new Set(['限流']))).toEqual([]);
  });
  it('asks for the names only once a gloss is found, and once', () => {
    let asked = 0;
    const namesOf = () => {
      asked++;
      return new Set(['限流', '熔断']);
    };
    expect(pairsFromTexts(['没有括号的正文', '括号里不是英文（二）'], namesOf)).toEqual([]);
    expect(asked).toBe(0);
    expect(pairsFromTexts([text, text], namesOf)).toHaveLength(4);
    expect(asked).toBe(1);
  });
  it('feeds the dictionary both ways, below the headings’ own pairs', () => {
    const dictionary = createBilingualDictionary({
      base,
      titles: ['限流', '熔断（breaker）', '存活'],
      texts: [text],
    });
    expect(dictionary.translate('circuit breakers')).toEqual(['熔断']);
    expect(dictionary.translate('rate-limiting')).toEqual(['限流']);
    expect(dictionary.translate('熔断')).toEqual(['breaker', 'circuit breaker']);
    expect(dictionary.translate('TTL')).toEqual([]);
    expect(createBilingualDictionary({ base, titles: ['限流'] }).translate('rate limiting')).toEqual([]);
  });
});
