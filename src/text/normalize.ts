/**
 * Text folding shared by lookup and grading, so a query and a note meet in one form:
 * NFKC (full-width → ASCII, ＫＵＢＥＲＮＥＴＥＳ → KUBERNETES), lower case, traditional → simplified Chinese.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const HAN = /\p{Script=Han}/u;

type Dictionary = string | readonly (readonly [string, string])[];

/**
 * The dictionary entries that change text, keyed by their first code point; null when the converter's
 * dictionaries are not where opencc-js 1.4 keeps them (then every text with Han characters is converted).
 */
let changingKeys: Map<number, string[]> | null | undefined;

function changingKeysByFirst(): Map<number, string[]> | null {
  if (changingKeys !== undefined) return changingKeys;
  // `{ from: 't', to: 'cn' }` is opencc's t2s preset: compatibility ideographs first, then phrases and characters.
  const preset = OpenCC.Locale.configs['t2s'] as
    | {
        readonly normalizationChain?: readonly (readonly Dictionary[])[];
        readonly conversionChain: readonly (readonly Dictionary[])[];
      }
    | undefined;
  if (!preset) return (changingKeys = null);
  const byFirst = new Map<number, string[]>();
  for (const group of [...(preset.normalizationChain ?? []), ...preset.conversionChain]) {
    for (const dictionary of group) {
      const entries =
        typeof dictionary === 'string' ? dictionary.split('|').map((line) => line.split(' ')) : dictionary;
      for (const [key, value] of entries) {
        if (key === undefined || key === value || key.length === 0) continue;
        const first = key.codePointAt(0) as number;
        const keys = byFirst.get(first);
        if (keys) keys.push(key);
        else byFirst.set(first, [key]);
      }
    }
  }
  return (changingKeys = byFirst);
}

/**
 * Whether converting to simplified could change the text: some entry that changes text matches somewhere.
 * When none does, every match the converter makes maps a string onto itself, so the (costly, allocating)
 * conversion is skipped — which is the usual case, as replies are mostly written in simplified Chinese.
 */
function mayHaveTraditional(text: string): boolean {
  const byFirst = changingKeysByFirst();
  if (byFirst === null) return true;
  for (let i = 0; i < text.length; i++) {
    const keys = byFirst.get(text.codePointAt(i) as number);
    if (keys !== undefined && startsWithAny(text, i, keys)) return true;
  }
  return false;
}

function startsWithAny(text: string, at: number, keys: readonly string[]): boolean {
  for (const key of keys) if (text.startsWith(key, at)) return true;
  return false;
}

/** NFKC + lower case + traditional → simplified. Keeps punctuation and spacing; lengths may change. */
export function foldText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  return HAN.test(folded) && mayHaveTraditional(folded) ? toSimplified(folded) : folded;
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
