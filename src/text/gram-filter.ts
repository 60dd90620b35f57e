/**
 * A quick "is this string surely absent?" test for many short patterns against one text: the text's character
 * bigrams in a small hash set. Grading looks for a few hundred spellings in each reply and finds most of them
 * nowhere; an `indexOf` over the whole reply for each was the largest single cost of a grade. A pattern one of
 * whose bigrams the text lacks cannot occur in it; any other answer is "maybe": every bigram present, but
 * perhaps not together.
 */

/** Two UTF-16 code units as one int32, exactly; 0 only for two NUL characters. */
function bigramAt(text: string, at: number): number {
  return (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);
}

/** A slot for the key: the high bits of a multiplicative hash (Fibonacci hashing). */
function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

export interface GramFilter {
  /** False when `pattern` cannot be a substring of the text; true when it may be (always, below two code units). */
  mayContain(pattern: string): boolean;
}

const EMPTY = 0; // the key of "\0\0", which is therefore always reported as maybe present
const MIN_BITS = 4;

class BigramSet implements GramFilter {
  private readonly slots: number[];
  private readonly shift: number;

  constructor(text: string) {
    // At least twice as many slots as bigrams, a power of two: probes stay short.
    let bits = MIN_BITS;
    while (1 << bits < 2 * text.length) bits++;
    // A plain array of small integers, not an Int32Array: every typed array over 64 bytes has a buffer outside
    // the heap, which each young-generation collection must sweep — at a grade's rate, half of its pause.
    this.slots = new Array<number>(1 << bits).fill(EMPTY);
    this.shift = 32 - bits;
    for (let i = 0; i + 1 < text.length; i++) this.add(bigramAt(text, i));
  }

  private add(key: number): void {
    const mask = this.slots.length - 1;
    let at = slotOf(key, this.shift);
    for (let slot = this.slots[at] as number; slot !== EMPTY; slot = this.slots[at] as number) {
      if (slot === key) return;
      at = (at + 1) & mask;
    }
    this.slots[at] = key;
  }

  private has(key: number): boolean {
    if (key === EMPTY) return true;
    const mask = this.slots.length - 1;
    let at = slotOf(key, this.shift);
    for (let slot = this.slots[at] as number; slot !== EMPTY; slot = this.slots[at] as number) {
      if (slot === key) return true;
      at = (at + 1) & mask;
    }
    return false;
  }

  mayContain(pattern: string): boolean {
    for (let i = 0; i + 1 < pattern.length; i++) if (!this.has(bigramAt(pattern, i))) return false;
    return true;
  }
}

/** The filter of `text`'s bigrams (one array, two to four slots per character). */
export function gramFilter(text: string): GramFilter {
  return new BigramSet(text);
}
