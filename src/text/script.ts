/** Which language a text is written in, judged by its script share: Han characters against Latin letters. */
import type { Locale } from '../domain/vocabulary.js';

const HAN_CHAR = /\p{Script=Han}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
// A Han character carries about a word; an English word is about four letters.
const LETTERS_PER_HAN = 4;

/** `zh` when Han characters carry at least as much of the text as Latin letters do; `fallback` for neither. */
export function detectLocale(text: string, fallback: Locale = 'en'): Locale {
  const han = text.match(HAN_CHAR)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (han === 0 && latin === 0) return fallback;
  return han * LETTERS_PER_HAN >= latin ? 'zh' : 'en';
}
