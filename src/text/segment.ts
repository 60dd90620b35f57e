/**
 * Word segmentation: Chinese through jieba (`@node-rs/jieba`), Latin terms kept whole (TIME_WAIT, keep-alive,
 * R+W>N, 2PC, node.js), and the notes' own terms (titles, glossary) added as words so a derived concept is a
 * whole term (一致性哈希, not 一致性/哈/希).
 *
 * The dictionary is trimmed. jieba's full dictionary (349k entries) costs about 400 ms to build here, twice the
 * whole seed load budget. Keeping the entries seen at least `MIN_FREQUENCY` (20) times in jieba's corpus leaves
 * 80k entries and builds in 40–70 ms; on the seed notes plus the Chinese System Design Primer, 98.8% of the words
 * come out as with the full dictionary, and what differs is compounds (负载均衡, 服务器, 分布式), which the notes'
 * titles and glossary terms restore as user words, plus the HMM joins unknown pairs of characters (会话, 削峰).
 * The trimmed bytes are built once per process and shared by every segmenter; each segmenter then adds its own
 * user words. A jieba instance is filled in slices of `SLICE_BYTES` (one `loadDict` each, a few milliseconds), so
 * a reload builds its segmenter between answers (`createSegmenterInSteps`); loading the same lines in slices or at
 * once gives the same dictionary, hence the same words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { runSteps } from './steps.js';

export interface Segmenter {
  /** The words of `text`, in order: Han words from the dictionary (or the HMM), Latin terms whole; no spaces or punctuation. */
  words(text: string): readonly string[];
}

export interface SegmenterOptions {
  /** Terms that must come out whole: the notes' titles and glossary terms. */
  readonly userWords?: readonly string[];
  /** The same, already encoded by `encodeUserWords` (where the notes were parsed: a reload's worker thread). */
  readonly userDictionary?: Uint8Array | null;
}

/** Entries of jieba's dictionary seen fewer times than this are left out (see the file comment). */
export const MIN_FREQUENCY = 20;
/** High enough that a user word wins over the split jieba would otherwise choose. */
const USER_WORD_FREQUENCY = 100_000;
const NEWLINE = 0x0a;
const SPACE = 0x20;
/** Dictionary bytes per `loadDict` call: about 2,700 lines, well under a millisecond of native work. */
const SLICE_BYTES = 32 * 1024;

const require = createRequire(import.meta.url);

let trimmed: Uint8Array | undefined;

/** `word frequency` lines of jieba's dictionary with a frequency ≥ `MIN_FREQUENCY` (the part-of-speech tag dropped). */
function trimmedDictionary(): Uint8Array {
  if (trimmed) return trimmed;
  const source = readFileSync(require.resolve('@node-rs/jieba/dict.txt'));
  const size = source.length;
  const out = new Uint8Array(size);
  let length = 0;
  let start = 0;
  // Bytes, not strings: 349k lines are scanned, and only the kept ones are copied — byte by byte, as a
  // `subarray` per kept line (80k objects) cost more than the copy.
  while (start < size) {
    let space = start;
    while (space < size && source[space] !== SPACE && source[space] !== NEWLINE) space++;
    let digits = space + 1;
    let frequency = 0;
    for (; digits < size; digits++) {
      const byte = source[digits] as number;
      if (byte < 0x30 || byte > 0x39) break;
      frequency = frequency * 10 + byte - 0x30;
    }
    let end = digits;
    while (end < size && source[end] !== NEWLINE) end++;
    if (frequency >= MIN_FREQUENCY && space > start) {
      for (let k = start; k < digits; k++) out[length++] = source[k] as number;
      out[length++] = NEWLINE;
    }
    start = end + 1;
  }
  trimmed = out.subarray(0, length);
  return trimmed;
}

/** `bytes` cut after a newline every `SLICE_BYTES` or so: views, not copies. */
function slicesOf(bytes: Uint8Array): Uint8Array[] {
  const slices: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, Math.min(start + SLICE_BYTES, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    slices.push(bytes.subarray(start, end));
    start = end;
  }
  return slices;
}

let trimmedSlices: readonly Uint8Array[] | undefined;

// Letters and digits, joined by _ - + . > = < # when a letter or digit follows: TIME_WAIT, keep-alive, R+W>N.
const LATIN_TERM = /[\p{L}\p{N}](?:[_\-+.>=<#]?(?:(?!\p{Script=Han})[\p{L}\p{N}]))*/uy;
const HAN_RUN = /\p{Script=Han}+/uy;

/** jieba's dictionary lines for user words, each to come out whole; `null` when none qualifies. */
export function encodeUserWords(words: readonly string[]): Uint8Array | null {
  const lines = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 1 && !/\s/u.test(w)))].map(
    (w) => `${w} ${USER_WORD_FREQUENCY}`,
  );
  return lines.length === 0 ? null : Buffer.from(lines.join('\n'), 'utf8');
}

/**
 * A segmenter with jieba's trimmed dictionary plus `userWords`, built in steps that yield between slices of the
 * dictionary: a reload drives it between answers, `createSegmenter` runs it through at once.
 */
export function* createSegmenterInSteps(options: SegmenterOptions = {}): Generator<void, Segmenter> {
  const jieba = new Jieba();
  trimmedSlices ??= slicesOf(trimmedDictionary());
  for (const slice of trimmedSlices) {
    jieba.loadDict(slice);
    yield;
  }
  const user = options.userDictionary ?? encodeUserWords(options.userWords ?? []);
  yield;
  for (const slice of user ? slicesOf(user) : []) {
    jieba.loadDict(slice);
    yield;
  }
  return segmenterOver(jieba);
}

/** A segmenter with jieba's trimmed dictionary plus `userWords`. Builds the jieba instance now (tens of ms). */
export function createSegmenter(options: SegmenterOptions = {}): Segmenter {
  return runSteps(createSegmenterInSteps(options));
}

function segmenterOver(jieba: Jieba): Segmenter {
  return {
    words(text) {
      const out: string[] = [];
      let at = 0;
      while (at < text.length) {
        HAN_RUN.lastIndex = at;
        const han = HAN_RUN.exec(text);
        if (han) {
          // The HMM groups characters the dictionary does not know (会话, 削峰) instead of leaving them single.
          for (const word of jieba.cut(han[0], true)) out.push(word);
          at += han[0].length;
          continue;
        }
        LATIN_TERM.lastIndex = at;
        const latin = LATIN_TERM.exec(text);
        if (latin) {
          out.push(latin[0]);
          at += latin[0].length;
          continue;
        }
        at += (text.codePointAt(at) as number) > 0xffff ? 2 : 1;
      }
      return out;
    },
  };
}
