import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../src/text/clauses.js';
import { foldPunctuation, foldText } from '../../src/text/normalize.js';
import { readingsOf, soundAlike } from '../../src/text/pinyin.js';
import { detectLocale } from '../../src/text/script.js';
import { stem } from '../../src/text/stem.js';

const clauses = (text: string) => splitClauses(text).map((c) => text.slice(c.start, c.end).trim());

describe('folding', () => {
  it('applies NFKC: full-width letters, digits and punctuation become ASCII', () => {
    expect(foldText('ＫＵＢＥＲＮＥＴＥＳ ２ＰＣ，ｏｋ！')).toBe('kubernetes 2pc,ok!');
  });
  it('lower-cases', () => {
    expect(foldText('Redis Cluster HPA')).toBe('redis cluster hpa');
  });
  it('turns traditional Chinese into simplified', () => {
    expect(foldText('雲原生應用與冪等')).toBe('云原生应用与幂等');
  });
  it('maps CJK punctuation NFKC leaves alone onto ASCII, one for one', () => {
    const text = '幂等。重试、补偿「TCC」……';
    const folded = foldPunctuation(text);
    expect(folded).toBe('幂等.重试/补偿"TCC"..');
    expect(folded.length).toBe(text.length);
  });
});

describe('clauses', () => {
  it('split at Chinese and ASCII clause punctuation and at new lines', () => {
    expect(clauses(foldPunctuation(foldText('痛点是重试；解法是幂等。还有补偿！对吗？好\n下一句')))).toEqual([
      '痛点是重试',
      '解法是幂等',
      '还有补偿',
      '对吗',
      '好',
      '下一句',
    ]);
  });
  it('keep decimal points and dotted names inside a clause', () => {
    expect(clauses('node.js handles 0.5 of the load. then redis')).toEqual([
      'node.js handles 0.5 of the load',
      'then redis',
    ]);
  });
  it('open a new clause at 但/但是/然而/however/but, but not at 不但', () => {
    expect(clauses('不需要2pc但是要幂等')).toEqual(['不需要2pc', '但是要幂等']);
    expect(clauses('不用锁但要重试')).toEqual(['不用锁', '但要重试']);
    expect(clauses('不但快而且稳')).toEqual(['不但快而且稳']);
    expect(clauses('no locks but retries however slow')).toEqual(['no locks', 'but retries', 'however slow']);
    expect(clauses('a butterfly')).toEqual(['a butterfly']);
  });
  it('drop separator-only pieces', () => {
    expect(clauses(',,; ...')).toEqual([]);
  });
});

describe('stemming (Porter)', () => {
  it('brings inflections and derivations to one stem', () => {
    expect(new Set(['retry', 'retries', 'retrying', 'retried'].map(stem))).toEqual(new Set(['retri']));
    expect(new Set(['idempotent', 'idempotency', 'idempotence'].map(stem))).toEqual(new Set(['idempot']));
    expect(stem('containers')).toBe(stem('container'));
    expect(stem('transactions')).toBe('transact');
    expect(stem('caching')).toBe(stem('cache'));
  });
  it('leaves short words, digits and non-ASCII alone', () => {
    expect(stem('is')).toBe('is');
    expect(stem('crc16')).toBe('crc16');
    expect(stem('café')).toBe('café');
  });
});

describe('pinyin', () => {
  it('gives every toneless reading of a character', () => {
    expect(readingsOf('重')).toEqual(expect.arrayContaining(['zhong', 'chong']));
    expect(readingsOf('a')).toEqual([]);
  });
  it('tells homophones from other characters', () => {
    expect(soundAlike('元', '原')).toBe(true);
    expect(soundAlike('登', '等')).toBe(true);
    expect(soundAlike('登', '云')).toBe(false);
  });
});

describe('language by script share', () => {
  it('is Chinese when Han characters carry the text, English otherwise', () => {
    expect(detectLocale('用幂等解决重复扣款')).toBe('zh');
    expect(detectLocale('用 Redis Cluster 做分片，crc16 算 slot')).toBe('zh');
    expect(detectLocale('use an idempotency key so retries are safe')).toBe('en');
    expect(detectLocale('retries are safe with 幂等')).toBe('en');
    expect(detectLocale('123 !!', 'zh')).toBe('zh');
  });
});
