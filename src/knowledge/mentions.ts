/**
 * Mentions: a node's title or body names another node's title, or a glossary alias of that title (the DevOps
 * note mentions k8s → the node the glossary ties k8s to). Terms are indexed as bit sets of hashed prefixes, so
 * scanning a node's text costs a few bit tests per position — linear in the size of the tree. Titles that are too short, too long (sentences, not names) or shared by many nodes are
 * too generic to count as a mention.
 */
import { isHanCode } from '../text/tokenize.js';
import type { NormalizedText } from './normalized.js';
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
 * Terms as bit sets over a hash of their text, built once: `prefixes` marks the hash of every prefix of every
 * term, `terms` the hash of every whole term. Scanning from a position extends a rolling hash one character at
 * a time and stops as soon as no term starts that way, so a position costs a few bit tests; a set bit may be
 * a collision, so a hit is confirmed against `targets` (the exact terms).
 */
interface TermIndex {
  readonly prefixes: Int32Array;
  readonly terms: Int32Array;
  readonly targets: Map<string, number[]>;
}

/** 30-bit polynomial hash, extended one character at a time while scanning. */
const step = (h: number, code: number) => (Math.imul(h, 31) + code) & 0x3fffffff;

/** 2^25 bits (4 MiB) per set: a 100k-node tree marks about 1.5 million prefixes, so a false hit is rare. */
const SLOT_BITS = 25;
const slot = (h: number) => Math.imul(h, 0x9e3779b1) >>> (32 - SLOT_BITS);
const setBit = (bits: Int32Array, h: number) => {
  const at = slot(h);
  bits[at >>> 5] = (bits[at >>> 5] as number) | (1 << (at & 31));
};
const hasBit = (bits: Int32Array, h: number) => {
  const at = slot(h);
  return ((bits[at >>> 5] as number) & (1 << (at & 31))) !== 0;
};

function buildTermIndex(nodes: readonly NormalizedText[], glossary: Glossary): TermIndex {
  const targets = new Map<string, number[]>();
  const add = (term: string, target: number) => {
    const list = targets.get(term);
    if (!list) targets.set(term, [target]);
    else if (list[list.length - 1] !== target) list.push(target);
  };
  nodes.forEach((node, index) => {
    const aliases = glossary.synonyms(node.title);
    if (eligible(node.title, aliases.length > 0)) add(node.title, index);
    for (const alias of aliases) if (alias !== node.title && eligible(alias, true)) add(alias, index);
  });
  const prefixes = new Int32Array(1 << (SLOT_BITS - 5));
  const terms = new Int32Array(1 << (SLOT_BITS - 5));
  targets.forEach((list, term) => {
    if (list.length > MAX_TARGETS_PER_TERM) {
      targets.delete(term);
      return;
    }
    let h = 0;
    for (let k = 0; k < term.length; k++) {
      h = step(h, term.charCodeAt(k));
      setBit(prefixes, h);
    }
    setBit(terms, h);
  });
  return { prefixes, terms, targets };
}

function isBoundary(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return code === 0x20 || isHanCode(code);
}

interface Scan {
  readonly titles: readonly NormalizedText[];
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

/** The term at `at` of `length` counts when it ends at a word boundary (or in Han text, which has none). */
function take(scan: Scan, at: number, length: number): void {
  const { text, self } = scan;
  if (!isHanCode(text.charCodeAt(at + length - 1)) && !isBoundary(text, at + length)) return;
  const targets = scan.index.targets.get(text.slice(at, at + length));
  if (!targets) return;
  const mark = self + 1;
  const title = (scan.titles[self] as NormalizedText).title;
  for (const target of targets) {
    if (
      target === self ||
      scan.stamp[target] === mark ||
      scan.parents[self] === target ||
      scan.parents[target] === self ||
      (scan.titles[target] as NormalizedText).title === title ||
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
  const { text } = scan;
  const { prefixes, terms } = scan.index;
  let i = 0;
  while (i < text.length && scan.found.length < MAX_MENTIONS_PER_NODE) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      i++;
      continue;
    }
    let h = 0;
    let pair = false;
    const end = Math.min(text.length, i + MAX_TERM);
    for (let k = i; k < end; k++) {
      h = step(h, text.charCodeAt(k));
      if (!hasBit(prefixes, h)) break;
      const length = k - i + 1;
      if (length === 2) pair = hasBit(terms, h);
      else if (length > 2 && hasBit(terms, h)) take(scan, i, length);
    }
    if (pair) take(scan, i, 2);
    if (isHanCode(code)) i++;
    else while (i < text.length && !isBoundary(text, i)) i++;
  }
  return scan.found;
}

/**
 * For each node (normalized title and body, searched as `title body`), the positions of the nodes it
 * mentions: at most 20, first found first; never itself, its parent, its children or a same-titled node.
 */
export function findMentions(
  nodes: readonly NormalizedText[],
  parents: ArrayLike<number>,
  glossary: Glossary,
): number[][] {
  const index = buildTermIndex(nodes, glossary);
  const stamp = new Int32Array(nodes.length);
  const found = new Array<number[]>(nodes.length);
  for (let self = 0; self < nodes.length; self++) {
    const { title, body } = nodes[self] as NormalizedText;
    const text = body.length > 0 ? `${title} ${body}` : title;
    found[self] = scanNode({ titles: nodes, parents, index, stamp, self, text, found: NO_MENTIONS });
  }
  return found;
}
