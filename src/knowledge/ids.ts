/**
 * Node ids: a 53-bit hash of the parent's id and the node's title (plus its ordinal among same-titled
 * siblings), so an id depends only on the path of titles from the file down to the node — edits elsewhere in
 * the file leave it alone.
 */

/** State of the two 32-bit lanes of `hash53`, fed string by string so an id's key is never concatenated. */
let h1 = 0;
let h2 = 0;

function feed(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_DIGITS = 11;

/**
 * `value.toString(36).padStart(11, '0')` for an integer below 2^53 (which 36^11 exceeds), digit by digit:
 * `%` and the division of a multiple of 36 are exact on such doubles, and much cheaper than `toString(36)`.
 */
function base36(value: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < ID_DIGITS; i++) {
    const digit = rest % 36;
    out = DIGITS[digit] + out;
    rest = (rest - digit) / 36;
  }
  return out;
}

/** `scope` is the file path for a top-level note, the parent's id below it; `ordinal` counts earlier same-titled siblings. */
export function nodeId(scope: string, title: string, ordinal: number): string {
  // The hash of `${scope}\u0001${title}`, plus `\u0002${ordinal}` when the ordinal is not 0.
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  feed(scope);
  feed('\u0001');
  feed(title);
  if (ordinal !== 0) {
    feed('\u0002');
    feed(String(ordinal));
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `n${base36(4294967296 * (2097151 & h2) + (h1 >>> 0))}`;
}
