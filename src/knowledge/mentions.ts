/**
 * Mentions: a node's title or body names another node's title, or a glossary alias of that title (the DevOps
 * note mentions k8s → the node the glossary ties k8s to). Terms are indexed as bit sets of hashed prefixes, so
 * scanning a node's text costs a few bit tests per position — linear in the size of the tree. Titles that are too short, too long (sentences, not names) or shared by many nodes are
 * too generic to count as a mention.
 */
import { isHanCode } from '../text/tokenize.js';
import type { NormalizedNodes } from './normalized.js';
import type { Glossary } from './types.js';

const MIN_HAN = 3;
const MIN_LATIN = 3;
const MAX_TERM = 24;
const MAX_TARGETS_PER_TERM = 3;
const MAX_MENTIONS_PER_NODE = 20;

function hasLetter(term: string): boolean {
  return /[a-z\p{Script=Han}]/u.test(term);
}

function eligible(term: string, fromGlossary: boolean): boolean {
  if (term.length > MAX_TERM || !hasLetter(term)) return false;
  const han = isHanCode(term.charCodeAt(0)) || isHanCode(term.charCodeAt(term.length - 1));
  return term.length >= (fromGlossary ? 2 : han ? MIN_HAN : MIN_LATIN);
}

/**
 * Terms as marks over a hash of their text, built once: every prefix of every term is marked PREFIX, every whole
 * term TERM. Scanning from a position extends a rolling hash one character at a time and stops as soon as no
 * term starts that way, so a position costs a few mark reads; a mark may be a collision, so a hit is confirmed
 * against the exact terms (`TermTable`, keyed by the same hash, so a scan never slices the text). One-character
 * prefixes are marked exactly and two-character ones in a small table, both cache-resident; longer ones (most
 * of the table, few of the reads) in a large packed table with both marks of a slot in one word, so a step
 * costs at most one cache miss.
 */
interface TermIndex {
  readonly first: Uint8Array;
  readonly second: Uint8Array;
  readonly longer: Int32Array;
  readonly table: TermTable;
}

const PREFIX = 1;
const TERM = 2;

/** 30-bit polynomial hash, extended one character at a time while scanning (one character: its code). */
const step = (h: number, code: number) => (Math.imul(h, 31) + code) & 0x3fffffff;

function hashOf(term: string): number {
  let h = 0;
  for (let k = 0; k < term.length; k++) h = step(h, term.charCodeAt(k));
  return h;
}

/** 2^17 two-character slots: a tree has far fewer distinct two-character term starts. */
const SECOND_BITS = 17;
/** 2^24 slots (4 MiB at two bits each): a 100k-node tree marks under a million longer prefixes, so a false hit is rare. */
const LONGER_BITS = 24;
const slot = (h: number, bits: number) => Math.imul(h, 0x9e3779b1) >>> (32 - bits);

function marksOf(index: TermIndex, length: number, h: number): number {
  if (length === 1) return index.first[h] as number;
  if (length === 2) return index.second[slot(h, SECOND_BITS)] as number;
  const at = slot(h, LONGER_BITS);
  return ((index.longer[at >>> 4] as number) >>> ((at & 15) << 1)) & 3;
}

function mark(index: TermIndex, length: number, h: number, marks: number): void {
  if (length === 1) index.first[h] = (index.first[h] as number) | marks;
  else if (length === 2) {
    const at = slot(h, SECOND_BITS);
    index.second[at] = (index.second[at] as number) | marks;
  } else {
    const at = slot(h, LONGER_BITS);
    index.longer[at >>> 4] = (index.longer[at >>> 4] as number) | (marks << ((at & 15) << 1));
  }
}

/**
 * The exact terms with the nodes each names (at most MAX_TARGETS_PER_TERM; a term naming more is too generic and
 * is dropped), in an open-addressing table keyed by the scan's hash: no string is sliced or hashed twice.
 */
class TermTable {
  readonly terms: string[] = [];
  readonly hashes: number[] = [];
  /** How many nodes each term names (over the maximum: too generic). */
  readonly counts: number[] = [];
  /** Up to MAX_TARGETS_PER_TERM node positions per term, in the order they were added. */
  private targetsByTerm = new Int32Array(MAX_TARGETS_PER_TERM * 1024);
  /** Term id + 1 per slot; 0 is empty. */
  private slots: Int32Array;

  constructor(expectedTerms: number) {
    let capacity = 1024;
    while (capacity < expectedTerms * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
  }

  add(term: string, target: number): void {
    const h = hashOf(term);
    let id = this.find(term, 0, term.length, h);
    if (id < 0) id = this.insert(term, h);
    const count = this.counts[id] as number;
    const base = id * MAX_TARGETS_PER_TERM;
    if (count > 0 && count <= MAX_TARGETS_PER_TERM && this.targetsByTerm[base + count - 1] === target) return;
    if (count < MAX_TARGETS_PER_TERM) this.targetsByTerm[base + count] = target;
    if (count <= MAX_TARGETS_PER_TERM) this.counts[id] = count + 1;
  }

  /** The id of the term `text[at, at + length)`, whose hash is `h`; -1 when it is not a term. */
  find(text: string, at: number, length: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let probe = slot(h, 32) & mask; ; probe = (probe + 1) & mask) {
      const entry = this.slots[probe] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      const term = this.terms[id] as string;
      if (this.hashes[id] === h && term.length === length && text.startsWith(term, at)) return id;
    }
  }

  usable(id: number): boolean {
    return (this.counts[id] as number) <= MAX_TARGETS_PER_TERM;
  }

  targetsOf(id: number): Int32Array {
    const base = id * MAX_TARGETS_PER_TERM;
    return this.targetsByTerm.subarray(base, base + (this.counts[id] as number));
  }

  private insert(term: string, h: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.hashes.push(h);
    this.counts.push(0);
    if ((id + 1) * MAX_TARGETS_PER_TERM > this.targetsByTerm.length) {
      const grown = new Int32Array(this.targetsByTerm.length * 2);
      grown.set(this.targetsByTerm);
      this.targetsByTerm = grown;
    }
    if (this.terms.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let at = slot(this.hashes[id] as number, 32) & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = id + 1;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity);
    for (let id = 0; id < this.terms.length; id++) this.place(id);
  }
}

function buildTermIndex(titles: readonly string[], glossary: Glossary): TermIndex {
  const table = new TermTable(titles.length);
  titles.forEach((title, index) => {
    const aliases = glossary.synonyms(title);
    if (eligible(title, aliases.length > 0)) table.add(title, index);
    for (const alias of aliases) if (alias !== title && eligible(alias, true)) table.add(alias, index);
  });
  const index: TermIndex = {
    first: new Uint8Array(0x10000),
    second: new Uint8Array(1 << SECOND_BITS),
    longer: new Int32Array(1 << (LONGER_BITS - 4)),
    table,
  };
  table.terms.forEach((term, id) => {
    if (!table.usable(id)) return;
    let h = 0;
    for (let k = 0; k < term.length; k++) {
      h = step(h, term.charCodeAt(k));
      mark(index, k + 1, h, k + 1 === term.length ? PREFIX | TERM : PREFIX);
    }
  });
  return index;
}

function isBoundary(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return code === 0x20 || isHanCode(code);
}

interface Scan {
  readonly titles: readonly string[];
  /** Position of each node's parent (-1 for a root): a node's parent and children never count as its mentions. */
  readonly parents: ArrayLike<number>;
  readonly index: TermIndex;
  /** `stamp[i] === mark` marks node i as already linked for the node being scanned. */
  readonly stamp: Int32Array;
  readonly self: number;
  /** The scanned node's title and body, joined by a space. */
  readonly text: string;
  /** `NO_MENTIONS` until the first mention is found (most nodes mention nothing). */
  found: number[];
}

const NO_MENTIONS: number[] = [];
Object.freeze(NO_MENTIONS);

/** The term at `at` of `length` (hash `h`) counts when it ends at a word boundary (or in Han text, which has none). */
function take(scan: Scan, at: number, length: number, h: number): void {
  const { text, self } = scan;
  if (!isHanCode(text.charCodeAt(at + length - 1)) && !isBoundary(text, at + length)) return;
  const { table } = scan.index;
  const id = table.find(text, at, length, h);
  if (id < 0 || !table.usable(id)) return;
  const mark = self + 1;
  const title = scan.titles[self] as string;
  for (const target of table.targetsOf(id)) {
    if (
      target === self ||
      scan.stamp[target] === mark ||
      scan.parents[self] === target ||
      scan.parents[target] === self ||
      scan.titles[target] === title ||
      scan.found.length >= MAX_MENTIONS_PER_NODE
    ) {
      continue;
    }
    scan.stamp[target] = mark;
    if (scan.found === NO_MENTIONS) scan.found = [target];
    else scan.found.push(target);
  }
}

/** Terms are tried at each Han character and at the start of each other word; longer before shorter two-character ones. */
function scanNode(scan: Scan): number[] {
  const { text, index } = scan;
  let i = 0;
  while (i < text.length && scan.found.length < MAX_MENTIONS_PER_NODE) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      i++;
      continue;
    }
    let h = 0;
    let pair = -1;
    const end = Math.min(text.length, i + MAX_TERM);
    for (let k = i; k < end; k++) {
      h = step(h, text.charCodeAt(k));
      const length = k - i + 1;
      const marks = marksOf(index, length, h);
      if ((marks & PREFIX) === 0) break;
      if (length === 2) pair = (marks & TERM) !== 0 ? h : -1;
      else if (length > 2 && (marks & TERM) !== 0) take(scan, i, length, h);
    }
    if (pair >= 0) take(scan, i, 2, pair);
    if (isHanCode(code)) i++;
    else while (i < text.length && !isBoundary(text, i)) i++;
  }
  return scan.found;
}
/**
 * For each node (normalized title and body, searched as `title body`), the positions of the nodes it
 * mentions: at most 20, first found first; never itself, its parent, its children or a same-titled node.
 */
export function findMentions(nodes: NormalizedNodes, glossary: Glossary): number[][] {
  const { titles, bodies, parents } = nodes;
  const index = buildTermIndex(titles, glossary);
  const stamp = new Int32Array(titles.length);
  const found = new Array<number[]>(titles.length);
  for (let self = 0; self < titles.length; self++) {
    const title = titles[self] as string;
    const body = bodies[self] as string;
    const text = body.length > 0 ? `${title} ${body}` : title;
    found[self] = scanNode({ titles, parents, index, stamp, self, text, found: NO_MENTIONS });
  }
  return found;
}
