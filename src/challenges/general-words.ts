/**
 * How general a Chinese word is, from jieba's IDF table (`@node-rs/jieba/idf.txt`: inverse document
 * frequencies over a large general corpus). A note set is a few hundred nodes: its own TF-IDF cannot tell a
 * word every Chinese text uses (依然, 处于, 检查, 上升) from a term of the subject (句柄, 分片, 熔断), since both
 * are rare in it. The general corpus can: everyday words score 5–7 there, technical terms 8 and above, and
 * terms it never saw (幂等, 背压) are as specific as words get.
 *
 * Only the everyday words are kept (a few tens of thousands), read once per process from the bytes without
 * decoding the rest of the 6 MB table.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Words below this general IDF are everyday words. */
export const EVERYDAY_IDF = 8;

const NEWLINE = 0x0a;
const SPACE = 0x20;
const DOT = 0x2e;

/** Open-addressing table of the FNV-1a hashes of every word of the table (0: empty slot). */
const HASH_SLOTS = 1 << 20;

interface GeneralCorpus {
  readonly everyday: Map<string, number>;
  readonly hashes: Uint32Array;
}

let corpus: GeneralCorpus | undefined;

function fnv(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return (hash >>> 0) | 1;
}

function slotOf(hashes: Uint32Array, hash: number): number {
  let slot = hash & (HASH_SLOTS - 1);
  while (hashes[slot] !== 0 && hashes[slot] !== hash) slot = (slot + 1) & (HASH_SLOTS - 1);
  return slot;
}

/**
 * Reads the table once: the everyday words (idf < EVERYDAY_IDF) decoded with their idf, every word as a hash
 * (presence only: a word the segmenter's HMM made up from unknown characters is in neither).
 */
function generalCorpus(): GeneralCorpus {
  if (corpus) return corpus;
  const require = createRequire(import.meta.url);
  const bytes = readFileSync(require.resolve('@node-rs/jieba/idf.txt'));
  const decoder = new TextDecoder();
  const words = new Map<string, number>();
  const hashes = new Uint32Array(HASH_SLOTS);
  let start = 0;
  while (start < bytes.length) {
    let space = start;
    while (space < bytes.length && bytes[space] !== SPACE && bytes[space] !== NEWLINE) space++;
    if (space > start) {
      const hash = fnv(bytes, start, space);
      hashes[slotOf(hashes, hash)] = hash;
    }
    let at = space + 1;
    let whole = 0;
    while (at < bytes.length && bytes[at] !== DOT && bytes[at] !== NEWLINE)
      whole = whole * 10 + (bytes[at++] as number) - 0x30;
    let end = at;
    while (end < bytes.length && bytes[end] !== NEWLINE) end++;
    if (whole < EVERYDAY_IDF && space > start) {
      const fraction = Number(`0${decoder.decode(bytes.subarray(at, end)).trim()}`);
      words.set(decoder.decode(bytes.subarray(start, space)), whole + (Number.isFinite(fraction) ? fraction : 0));
    }
    start = end + 1;
  }
  corpus = { everyday: words, hashes };
  return corpus;
}

const encoder = new TextEncoder();

/** Whether the general corpus knows the word at all. */
export function isGeneralWord(word: string): boolean {
  const { hashes } = generalCorpus();
  const bytes = encoder.encode(word);
  const hash = fnv(bytes, 0, bytes.length);
  return hashes[slotOf(hashes, hash)] === hash;
}

/**
 * A factor in (0, 1] for a Chinese word: 1 for a term (idf ≥ EVERYDAY_IDF, or unknown to the general corpus),
 * down to about 0.2 for the commonest words. Latin words are left to the notes' own statistics (1).
 */
export function specificityOf(word: string): number {
  if (!/\p{Script=Han}/u.test(word)) return 1;
  const idf = generalCorpus().everyday.get(word);
  if (idf === undefined) return 1;
  return Math.max(0.2, (idf - 3) / (EVERYDAY_IDF - 3)) ** 2;
}
