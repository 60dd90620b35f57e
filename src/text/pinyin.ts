/**
 * Toneless pinyin, for catching homophone typos from pinyin input (云元生 for 云原生, 幂登 for 幂等):
 * every reading of a single character (a cheap first test), and the reading of a word in context, which
 * settles polyphones (重试 chong shi is not 重视 zhong shi). Both are memoised: grading asks about the
 * same few hundred characters over and over, and pinyin-pro's lookup is the slow part.
 */
import { pinyin } from 'pinyin-pro';
import { isHanCode } from './tokenize.js';

const readingsByChar = new Map<string, readonly string[]>();
const readingByWord = new Map<string, string>();
// Han characters in everyday use number a few thousand; the cap only guards against hostile input.
const MAX_CACHED = 20_000;

/** Every toneless reading of one Han character (重 → zhong, chong); empty for anything else. */
export function readingsOf(char: string): readonly string[] {
  let readings = readingsByChar.get(char);
  if (readings === undefined) {
    readings = !isHanCode(char.codePointAt(0) ?? 0)
      ? []
      : pinyin(char, { toneType: 'none', type: 'array', multiple: true, nonZh: 'removed' }).filter((r) => r.length > 0);
    if (readingsByChar.size >= MAX_CACHED) readingsByChar.clear();
    readingsByChar.set(char, readings);
  }
  return readings;
}

/** Whether two Han characters share a toneless reading (元/原 → yuan). */
export function soundAlike(a: string, b: string): boolean {
  if (a === b) return true;
  const readingsOfB = readingsOf(b);
  for (const reading of readingsOf(a)) if (readingsOfB.includes(reading)) return true;
  return false;
}

/** The toneless reading of a word, each character read in context (重试 → "chong shi"). */
export function wordReading(word: string): string {
  let reading = readingByWord.get(word);
  if (reading === undefined) {
    reading = pinyin(word, { toneType: 'none', type: 'array', nonZh: 'removed' }).join(' ');
    if (readingByWord.size >= MAX_CACHED) readingByWord.clear();
    readingByWord.set(word, reading);
  }
  return reading;
}
