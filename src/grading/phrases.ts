/**
 * A fixed set of short phrases, looked up by their first character, so asking "does one of them start
 * here?" at every character of a long reply costs one map lookup instead of a scan of the whole list.
 */
export interface PhraseSet {
  /** The longest phrase of the set starting at `offset` in `text`, if any. */
  at(text: string, offset: number): string | undefined;
}

export function phraseSet(phrases: readonly string[]): PhraseSet {
  // Keyed by UTF-16 code unit: no string is built per lookup.
  const byFirst = new Map<number, string[]>();
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    const first = phrase.charCodeAt(0);
    const list = byFirst.get(first);
    if (list) list.push(phrase);
    else byFirst.set(first, [phrase]);
  }
  return {
    at(text, offset) {
      const candidates = byFirst.get(text.charCodeAt(offset));
      if (candidates === undefined) return undefined;
      // A loop, not `find` with a callback: this runs at every Han character of a reply, several times.
      for (const phrase of candidates) if (text.startsWith(phrase, offset)) return phrase;
      return undefined;
    },
  };
}
