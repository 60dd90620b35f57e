/**
 * Clause splitting for folded text (`foldText` + `foldPunctuation`): a negation only reaches words of its own
 * clause, so "不需要两阶段提交，但要幂等" must not negate 幂等.
 */

export interface ClauseSpan {
  /** Offsets into the text the clauses were split from; `text.slice(start, end)` is the clause. */
  readonly start: number;
  readonly end: number;
}

// A period between two ASCII word characters is a decimal point or a name (0.1, node.js), not a full stop.
const BREAK = /[,;!?\n\r]|\.(?![a-z0-9])|(?<![a-z0-9])\./gu;
// Contrast words open a new clause and stay in it; 不但 ("not only") is no contrast.
const CONTRAST = /(?<!不)但|然而|可是|不过|\b(?:but|however|whereas|although|though)\b/gu;

/** Clause spans in order, never empty, covering the text's words (separators belong to no clause). */
export function splitClauses(text: string): ClauseSpan[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of text.matchAll(BREAK)) {
    cuts.add(m.index);
    cuts.add(m.index + 1);
  }
  for (const m of text.matchAll(CONTRAST)) cuts.add(m.index);
  const sorted = [...cuts].sort((a, b) => a - b);
  const spans: ClauseSpan[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] as number;
    const end = sorted[i + 1] as number;
    if (/[\p{L}\p{N}]/u.test(text.slice(start, end))) spans.push({ start, end });
  }
  return spans;
}
