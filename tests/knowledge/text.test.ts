import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../../src/text/edit-distance.js';
import { foldText, normalizeText } from '../../src/text/normalize.js';
import { TRADITIONAL_CHARS } from '../../src/text/traditional-chars.js';
import { normalizeForIndex, tokenize } from '../../src/text/tokenize.js';
import { seedText } from './helpers.js';

describe('normalizeForIndex', () => {
  it('gives exactly what normalizeText gives, on every line of the seed', () => {
    const lines = seedText().split('\n');
    expect(lines.map(normalizeForIndex)).toEqual(lines.map(normalizeText));
  });

  it.each([
    'ＫＵＢＥＲＮＥＴＥＳ',
    '分佈式事務',
    'Ｒｅｄｉｓ：缓存、“引号”《书名》——破折号…省略',
    'ﬁle Ⅻ ① ½ café',
    '한국어 日本語のテキスト',
    '  leading and trailing  ',
    '',
    '\u3000全角空格\u00a0不换行',
    'redis 缓存',
    'Redis',
    'a',
    'B',
    'ab.',
    '.ab',
    'x—y',
  ])('matches normalizeText on %j', (text) => {
    expect(normalizeForIndex(text)).toBe(normalizeText(text));
  });
});

describe('the shipped table of traditional characters', () => {
  it('is exactly the characters of U+4E00–U+9FFF that opencc-js folds, each on its own', () => {
    const block = Array.from({ length: 0x9fff - 0x4e00 + 1 }, (_, i) => String.fromCharCode(0x4e00 + i));
    const folded = foldText(block.join('\n')).split('\n');
    expect(TRADITIONAL_CHARS).toBe(block.filter((ch, i) => folded[i] !== ch).join(''));
  });
});

describe('tokenize', () => {
  it('splits at spaces and at Han/Latin boundaries', () => {
    expect(tokenize('redis服务水平扩展 k8s 12要素')).toEqual(['redis', '服务水平扩展', 'k8s', '12', '要素']);
    expect(tokenize('')).toEqual([]);
  });
});

describe('boundedEditDistance', () => {
  it.each([
    ['kubernetes', 'kubernetes', 2, 0],
    ['kubernetse', 'kubernetes', 2, 1],
    ['kubrenetes', 'kubernetes', 2, 1],
    ['kuberntes', 'kubernetes', 2, 1],
    ['kubernetessx', 'kubernetes', 2, 2],
    ['kbrnetes', 'kubernetes', 2, 2],
    ['kbrnts', 'kubernetes', 2, 3],
    ['cache', 'queue', 1, 2],
  ])('%s vs %s (max %i) = %i', (a, b, max, expected) => {
    expect(boundedEditDistance(a, b, max)).toBe(expected);
  });
});
