/**
 * Node ids: a 53-bit hash of the parent's id and the node's title (plus its ordinal among same-titled
 * siblings), so an id depends only on the path of titles from the file down to the node — edits elsewhere in
 * the file leave it alone.
 */

function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `scope` is the file path for a top-level note, the parent's id below it; `ordinal` counts earlier same-titled siblings. */
export function nodeId(scope: string, title: string, ordinal: number): string {
  const key = ordinal === 0 ? `${scope}\u0001${title}` : `${scope}\u0001${title}\u0002${ordinal}`;
  return `n${hash53(key).toString(36).padStart(11, '0')}`;
}
