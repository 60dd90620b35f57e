/**
 * Mentions: a node's title or body names another node's title, or a glossary alias of that title (the DevOps
 * note mentions k8s → the node the glossary ties k8s to). Terms are indexed by their first characters, so
 * scanning a node's text costs about one map look-up per position — linear in the size of the tree. Titles that are too short, too long (sentences, not names) or shared by many nodes are
 * too generic to count as a mention.
 */
import { gramKey, isHanCode } from '../text/tokenize.js';
import type { Glossary } from './types.js';

export interface MentionSource {
  /** Normalized title. */
  readonly title: string;
  /** Normalized title and body, searched for mentions. */
  readonly text: string;
  /** Indexes of the parent and children, which never count as mentions (nor do nodes with the same title). */
  readonly near: readonly number[];
}

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
 * Terms bucketed by their first three characters (a small-integer key of three UTF-16 code units); a bucket
 * holds the distinct lengths of its terms, so a text position costs one map look-up, and a few more only where
 * some term starts. Two-character terms (glossary ones such as 缓存) sit in a set of their own.
 */
interface TermIndex {
  readonly long: Map<number, number[]>;
  readonly short: Set<number>;
  readonly targets: Map<string, number[]>;
}

const key3 = (text: string, at: number) => gramKey(text, at, 3);
const key2 = (text: string, at: number) => gramKey(text, at, 2);

function buildTermIndex(nodes: readonly MentionSource[], glossary: Glossary): TermIndex {
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
  const long = new Map<number, number[]>();
  const short = new Set<number>();
  for (const [term, list] of targets) {
    if (list.length > MAX_TARGETS_PER_TERM) targets.delete(term);
    else if (term.length === 2) short.add(key2(term, 0));
    else {
      const key = key3(term, 0);
      const lengths = long.get(key);
      if (!lengths) long.set(key, [term.length]);
      else if (!lengths.includes(term.length)) lengths.push(term.length);
    }
  }
  return { long, short, targets };
}

function isBoundary(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return code === 0x20 || isHanCode(code);
}

/** 30-bit polynomial hash, extended one character at a time while scanning. */
const step = (h: number, code: number) => (Math.imul(h, 31) + code) & 0x3fffffff;

function termHash(term: string): number {
  let h = 0;
  for (let i = 0; i < term.length; i++) h = step(h, term.charCodeAt(i));
  return h;
}

/** For each node, the indexes of the nodes it mentions (at most 20, first found first). */
export function findMentions(nodes: readonly MentionSource[], glossary: Glossary): number[][] {
  const index = buildTermIndex(nodes, glossary);
  const hashes = new Set<number>();
  for (const term of index.targets.keys()) hashes.add(termHash(term));
  for (const lengths of index.long.values()) lengths.sort((a, b) => a - b);
  // `stamp[i] === self + 1` marks node i as already linked (or near) for the node being scanned.
  const stamp = new Int32Array(nodes.length);
  return nodes.map((node, self) => {
    const found: number[] = [];
    const mark = self + 1;
    stamp[self] = mark;
    for (const near of node.near) stamp[near] = mark;
    const text = node.text;
    /** The term at `at` of `length` counts when it ends at a word boundary (or in Han text, which has none). */
    const take = (at: number, length: number) => {
      if (!isHanCode(text.charCodeAt(at + length - 1)) && !isBoundary(text, at + length)) return;
      for (const target of index.targets.get(text.slice(at, at + length)) ?? []) {
        if (stamp[target] === mark || nodes[target]?.title === node.title || found.length >= MAX_MENTIONS_PER_NODE) {
          continue;
        }
        stamp[target] = mark;
        found.push(target);
      }
    };
    let i = 0;
    while (i < text.length && found.length < MAX_MENTIONS_PER_NODE) {
      const code = text.charCodeAt(i);
      if (code === 0x20) {
        i++;
        continue;
      }
      const lengths = index.long.get(key3(text, i));
      if (lengths) {
        let h = 0;
        let k = 0;
        for (const length of lengths) {
          if (i + length > text.length) break;
          for (; k < length; k++) h = step(h, text.charCodeAt(i + k));
          if (hashes.has(h)) take(i, length);
        }
      }
      if (index.short.has(key2(text, i))) take(i, 2);
      if (isHanCode(code)) i++;
      else while (i < text.length && !isBoundary(text, i)) i++;
    }
    return found;
  });
}
