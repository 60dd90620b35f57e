/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded: returns `max + 1`
 * as soon as the distance must exceed `max`, so checking a candidate costs O(len × (2·max+1)) at worst.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (max === 1) return withinOneEdit(a, b) ? 1 : 2;
  const big = max + 1;
  let prevPrev = new Array<number>(m + 1).fill(big);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur.fill(big);
    cur[0] = i;
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    let rowMin = i <= max ? i : big;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, (prevPrev[j - 2] as number) + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return big;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  const result = prev[m] as number;
  return result > max ? big : result;
}

/** Whether `a` from `ai` on equals `b` from `bi` on, without slicing either. */
function sameTail(a: string, ai: number, b: string, bi: number): boolean {
  if (a.length - ai !== b.length - bi) return false;
  for (let k = 0; ai + k < a.length; k++) if (a.charCodeAt(ai + k) !== b.charCodeAt(bi + k)) return false;
  return true;
}

/**
 * For two different strings whose lengths differ by one at most: whether one substitution, insertion, deletion
 * or swap of adjacent characters turns one into the other — the bounded distance for `max` 1, in one pass and
 * without the table (matching asks it of every long word of a reply).
 */
function withinOneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // The first difference is at i: what follows must be equal after one edit there.
  if (a.length === b.length)
    return (
      sameTail(a, i + 1, b, i + 1) ||
      (a.charCodeAt(i) === b.charCodeAt(i + 1) &&
        a.charCodeAt(i + 1) === b.charCodeAt(i) &&
        sameTail(a, i + 2, b, i + 2))
    );
  return a.length > b.length ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}
