/** Which language a text is written in, judged by its script share: Han characters against Latin letters. */
import { isHanCode } from './tokenize.js';

/** The two languages the tutor speaks (the domain's `Locale` has the same members). */
export type Language = 'en' | 'zh';

const LATIN_LETTER = /\p{Script=Latin}/u;
// A Han character carries about a word; an English word is about four letters.
const LETTERS_PER_HAN = 4;

function isLatinLetter(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return code < 0x2e80 && LATIN_LETTER.test(String.fromCharCode(code));
}

/** `zh` when Han characters carry at least as much of the text as Latin letters do; `fallback` for neither. */
export function detectLocale(text: string, fallback: Language = 'en'): Language {
  let han = 0;
  let latin = 0;
  // By code point, without a string per character: every reply is judged.
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    if (isHanCode(code)) han++;
    else if (isLatinLetter(code)) latin++;
  }
  if (han === 0 && latin === 0) return fallback;
  return han * LETTERS_PER_HAN >= latin ? 'zh' : 'en';
}
