/**
 * Mentions: a node's title or body names another node's title, or a glossary alias of that title (the DevOps
 * note mentions k8s → the node the glossary ties k8s to). Terms are indexed by their first two characters
 * (Han) or first word (Latin), so scanning a node's text costs one map look-up per position — linear in the
 * size of the tree. Titles that are too short, too long (sentences, not names) or shared by many nodes are
 * too generic to count as a mention.
 */
import { isHanCode, tokenize } from '../text/tokenize.js';
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
 * Terms bucketed by their first Han bigram or first Latin word; a bucket holds the distinct lengths of its
 * terms, so a position costs one map look-up per length rather than one comparison per term (thousands of
 * titles may share a prefix such as `缓存`).
 */
interface TermIndex {
  readonly han: Map<number, number[]>;
  readonly latin: Map<string, number[]>;
  readonly targets: Map<string, number[]>;
}

function addLength<K>(buckets: Map<K, number[]>, key: K, length: number): void {
  const lengths = buckets.get(key);
  if (!lengths) buckets.set(key, [length]);
  else if (!lengths.includes(length)) lengths.push(length);
}

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
  const han = new Map<number, number[]>();
  const latin = new Map<string, number[]>();
  for (const [term, list] of targets) {
    if (list.length > MAX_TARGETS_PER_TERM) {
      targets.delete(term);
      continue;
    }
    if (isHanCode(term.charCodeAt(0))) addLength(han, term.charCodeAt(0) * 65536 + term.charCodeAt(1), term.length);
    else addLength(latin, tokenize(term)[0] as string, term.length);
  }
  return { han, latin, targets };
}

function isBoundary(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return code === 0x20 || isHanCode(code);
}

/** For each node, the indexes of the nodes it mentions (at most 20, first found first). */
export function findMentions(nodes: readonly MentionSource[], glossary: Glossary): number[][] {
  const index = buildTermIndex(nodes, glossary);
  return nodes.map((node, self) => {
    const found: number[] = [];
    const seen = new Set<number>([self, ...node.near]);
    const take = (term: string) => {
      for (const target of index.targets.get(term) ?? []) {
        if (seen.has(target) || nodes[target]?.title === node.title || found.length >= MAX_MENTIONS_PER_NODE) continue;
        seen.add(target);
        found.push(target);
      }
    };
    const text = node.text;
    let i = 0;
    while (i < text.length && found.length < MAX_MENTIONS_PER_NODE) {
      const code = text.charCodeAt(i);
      if (code === 0x20) {
        i++;
      } else if (isHanCode(code)) {
        for (const length of index.han.get(code * 65536 + text.charCodeAt(i + 1)) ?? []) {
          take(text.slice(i, i + length));
        }
        i++;
      } else {
        let end = i + 1;
        while (end < text.length && !isBoundary(text, end)) end++;
        for (const length of index.latin.get(text.slice(i, end)) ?? []) {
          if (isBoundary(text, i + length)) take(text.slice(i, i + length));
        }
        i = end;
      }
    }
    return found;
  });
}
