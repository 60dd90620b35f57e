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

/**
 * CJK punctuation that NFKC leaves alone, mapped one-to-one onto ASCII, so clause rules see one alphabet.
 * The enumeration comma 、 becomes `/` (a list separator, not a clause break): in 不需要熔断、降级 the
 * negation still reaches both items.
 */
const CJK_PUNCTUATION: Readonly<Record<string, string>> = {
  '。': '.',
  '｡': '.',
  '、': '/',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '《': '"',
  '》': '"',
  '【': '(',
  '】': ')',
  '〔': '(',
  '〕': ')',
  '…': '.',
  '—': '-',
  '–': '-',
  '～': '~',
  '·': ' ',
  '・': ' ',
};
const CJK_PUNCTUATION_PATTERN = new RegExp(`[${Object.keys(CJK_PUNCTUATION).join('')}]`, 'gu');

/** Maps the CJK punctuation left after `foldText` onto ASCII, one character for one, so offsets stay put. */
export function foldPunctuation(text: string): string {
  return text.replace(CJK_PUNCTUATION_PATTERN, (mark) => CJK_PUNCTUATION[mark] ?? mark);
}
