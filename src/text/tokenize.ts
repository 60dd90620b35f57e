/**
 * Fast normalization and tokenization for indexing a large note tree.
 *
 * `normalizeForIndex` returns exactly what `normalizeText` returns, but handles the common case (ASCII,
 * full-width ASCII, simplified Chinese, CJK punctuation) in one pass over the characters; anything else
 * (traditional characters, compatibility forms, other scripts) takes the exact `normalizeText` path.
 * `normalizeText` on a 10 MB tree costs about two seconds; this is what keeps a load under one.
 */
import { normalizeText } from './normalize.js';
import { TRADITIONAL_CHARS } from './traditional-chars.js';

const HAN_START = 0x4e00;
const HAN_END = 0x9fff;

export function isHanCode(code: number): boolean {
  return (
    (code >= HAN_START && code <= HAN_END) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x2ffff)
  );
}

let traditional: Uint8Array | null = null;

/** Marks (1) the characters of the basic CJK block that the traditional → simplified fold changes, indexed from U+4E00. */
function traditionalChars(): Uint8Array {
  if (traditional) return traditional;
  const marks = new Uint8Array(HAN_END - HAN_START + 1);
  for (let i = 0; i < TRADITIONAL_CHARS.length; i++) marks[TRADITIONAL_CHARS.charCodeAt(i) - HAN_START] = 1;
  traditional = marks;
  return marks;
}

/** CJK punctuation that NFKC leaves as punctuation (so it becomes a separator). */
function isCjkPunctuation(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x3004) ||
    (code >= 0x3008 && code <= 0x3020) ||
    code === 0x3030 ||
    (code >= 0x2000 && code <= 0x206f) ||
    (code >= 0xff5f && code <= 0xff65) ||
    code === 0x00a0 ||
    code === 0x00b7 ||
    code === 0xfeff
  );
}

/** An ASCII letter or digit (either case). */
export function isAsciiWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

/** A lower-case ASCII letter or digit: the folded text this tokenizer reads has no capitals. */
function isFoldedAsciiWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Pieces of the text being normalized, reused from call to call. */
const scratch: string[] = [];

/**
 * Same result as `normalizeText(text)`: folded, lower case, simplified, punctuation runs → one space, trimmed.
 * Text that is already in that form (every title and body the graph hands on) comes back as the same string,
 * with nothing allocated; no closures either, since the loader calls this for every node.
 */
export function normalizeForIndex(text: string): string {
  const trad = traditionalChars();
  // Output: `parts` plus the unchanged input run `text[runStart, i)`, so kept runs are sliced, not copied char by
  // char; joined at the end into one flat string (a chain of `+=` would keep every piece alive in the result).
  const parts = scratch;
  parts.length = 0;
  let runStart = 0;
  let pendingSpace = false;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const original = text.charCodeAt(i);
    let code = original;
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII → ASCII, as NFKC does
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    let keep: boolean;
    if (code < 0x80) keep = isFoldedAsciiWordCode(code);
    else if (code >= HAN_START && code <= HAN_END) {
      if (trad[code - HAN_START] === 1) return normalizeText(text);
      keep = true;
    } else if (isCjkPunctuation(code)) keep = false;
    else return normalizeText(text);
    if (!keep) {
      if (runStart >= 0) parts.push(text.slice(runStart, i));
      runStart = -1;
      pendingSpace = !empty;
      continue;
    }
    if (pendingSpace) {
      parts.push(' ');
      pendingSpace = false;
    }
    empty = false;
    if (code === original) {
      if (runStart < 0) runStart = i;
    } else {
      if (runStart >= 0) parts.push(text.slice(runStart, i));
      runStart = -1;
      parts.push(String.fromCharCode(code));
    }
  }
  if (runStart === 0) return text;
  if (runStart > 0) parts.push(text.slice(runStart));
  const out = parts.length === 1 ? (parts[0] as string) : parts.join('');
  parts.length = 0;
  return out;
}

/**
 * Words of an already normalized text: split at spaces and at every boundary between Han and other
 * letters, so `redis服务水平扩展` gives `redis`, `服务水平扩展`. Han runs stay whole (n-grams are the
 * caller's business).
 */
export function tokenize(normalized: string): string[] {
  const tokens: string[] = [];
  forEachToken(normalized, (start, end) => tokens.push(normalized.slice(start, end)));
  return tokens;
}

/** The words `tokenize` returns that are not Han runs, without making the Han ones (an index of Latin words). */
export function forEachLatinWord(normalized: string, onWord: (word: string) => void): void {
  forEachToken(normalized, (start, end, han) => {
    if (!han) onWord(normalized.slice(start, end));
  });
}

/** Calls `onToken` with the bounds of each word `tokenize` returns, in order, and whether it is a Han run. */
function forEachToken(normalized: string, onToken: (start: number, end: number, han: boolean) => void): void {
  let start = 0;
  let startHan = false;
  for (let i = 0; i <= normalized.length; i++) {
    const code = i < normalized.length ? normalized.charCodeAt(i) : 0x20;
    if (code === 0x20) {
      if (i > start) onToken(start, i, startHan);
      start = i + 1;
      continue;
    }
    const han = isHanCode(code) || (code >= 0xd800 && code <= 0xdbff && isHanCode(normalized.codePointAt(i) ?? 0));
    if (i === start) startHan = han;
    else if (han !== startHan && !(code >= 0xdc00 && code <= 0xdfff)) {
      onToken(start, i, startHan);
      start = i;
      startHan = han;
    }
  }
}

/** True when the token (as returned by `tokenize`) is a Han run. */
export function isHanToken(token: string): boolean {
  return token.length > 0 && isHanCode(token.codePointAt(0) ?? 0);
}

/**
 * A small-integer key for the `n` (1–3) UTF-16 code units at `at`, for postings maps. Exact for one unit
 * (the code itself, below 65536); for two or three units a 30-bit hash at or above 65536, so it never meets a
 * one-unit key. Keys stay small integers (no boxed doubles in hot maps); rare collisions only add candidates,
 * which callers verify against the text anyway. NaN past the end of the text.
 */
export function gramKey(text: string, at: number, n: 1 | 2 | 3): number {
  const c0 = text.charCodeAt(at);
  if (n === 1) return c0;
  let h = Math.imul(c0, 0x9e3779b1) ^ text.charCodeAt(at + 1);
  if (n === 3) h = Math.imul(h, 0x85ebca77) ^ text.charCodeAt(at + 2);
  if (Number.isNaN(text.charCodeAt(at + n - 1))) return Number.NaN;
  return 0x10000 + ((h >>> 2) % 0x3ffe0000);
}
