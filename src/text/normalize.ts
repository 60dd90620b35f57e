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

const HAN_START = 0x4e00;
const HAN_END = 0x9fff;
/** Blocks outside ASCII and the basic Han block that replies draw on: general and CJK punctuation, full width. */
const SIMPLE_RANGES: readonly (readonly [number, number])[] = [
  [0x2000, 0x206f],
  [0x3000, 0x303f],
  [0xff00, 0xffef],
];
const COMBINING = /\p{M}/u;

/**
 * A character that composes with no neighbour under NFKC: Latin-1 and Latin Extended letters and symbols,
 * general punctuation and symbols, CJK punctuation; not a combining mark (half-width Hangul, for one, becomes
 * conjoining jamo, which compose into syllables).
 */
function isInert(char: string): boolean {
  const code = char.charCodeAt(0);
  const inRange = code < 0x250 || (code >= 0x2000 && code <= 0x2bff) || (code >= 0x3000 && code <= 0x303f);
  return inRange && !COMBINING.test(char);
}
/** Per code unit of `SIMPLE_RANGES`: what NFKC and lower case make of it alone, or null. */
let simpleFolds: Map<number, string | null> | undefined;

/**
 * What `text.normalize('NFKC').toLowerCase()` makes of one such character (… → ...), when neither it nor what
 * it becomes holds a combining mark, so nothing combines with a neighbour: a text of such characters folds
 * character by character. Null for anything else.
 */
function simpleFold(code: number): string | null | undefined {
  if (simpleFolds === undefined) {
    simpleFolds = new Map();
    for (const [from, to] of SIMPLE_RANGES)
      for (let c = from; c <= to; c++) {
        const char = String.fromCharCode(c);
        const folded = char.normalize('NFKC').toLowerCase();
        const simple = !COMBINING.test(char) && [...folded].every(isInert);
        simpleFolds.set(c, simple ? folded : null);
      }
  }
  return simpleFolds.get(code);
}

/**
 * `text.normalize('NFKC').toLowerCase()` without ICU for the usual reply — ASCII, basic Han characters, CJK
 * and full-width punctuation — folded character by character (the same string back when nothing changes); null
 * for any other character, whose folding may depend on its neighbours (combining marks, compatibility forms).
 * Grading folds every reply, and `normalize` copies the whole text even when nothing changes.
 */
function foldSimple(text: string): string | null {
  let out: string[] | null = null;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 ? code < 0x41 || code > 0x5a : code >= HAN_START && code <= HAN_END) continue;
    const folded = code < 0x80 ? String.fromCharCode(code + 0x20) : simpleFold(code);
    if (folded === undefined || folded === null) return null;
    if (folded.length === 1 && folded.charCodeAt(0) === code) continue; // as it stands
    (out ??= []).push(text.slice(runStart, i), folded);
    runStart = i + 1;
  }
  if (out === null) return text;
  out.push(text.slice(runStart));
  return out.join('');
}

/** NFKC + lower case + traditional → simplified. Keeps punctuation and spacing; lengths may change. */
export function foldText(text: string): string {
  const folded = foldSimple(text) ?? text.normalize('NFKC').toLowerCase();
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
const CJK_PUNCTUATION_BY_CODE = new Map(
  Object.entries(CJK_PUNCTUATION).map(([mark, ascii]) => [mark.charCodeAt(0), ascii] as const),
);

/** Maps the CJK punctuation left after `foldText` onto ASCII, one character for one, so offsets stay put. */
export function foldPunctuation(text: string): string {
  // A scan, not a global regex with a callback: every reply is folded; nothing is made when no mark is found.
  let out: string[] | null = null;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xb7) continue;
    const ascii = CJK_PUNCTUATION_BY_CODE.get(code);
    if (ascii === undefined) continue;
    (out ??= []).push(text.slice(runStart, i), ascii);
    runStart = i + 1;
  }
  if (out === null) return text;
  out.push(text.slice(runStart));
  return out.join('');
}
