/**
 * Text folding shared by lookup and grading, so a query and a note meet in one form:
 * NFKC (full-width → ASCII, ＫＵＢＥＲＮＥＴＥＳ → KUBERNETES), lower case, traditional → simplified Chinese.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const HAN = /\p{Script=Han}/u;

/** NFKC + lower case + traditional → simplified. Keeps punctuation and spacing; lengths may change. */
export function foldText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  return HAN.test(folded) ? toSimplified(folded) : folded;
}

/** `foldText`, then every run of punctuation, symbols and white space becomes one space. */
export function normalizeText(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}
