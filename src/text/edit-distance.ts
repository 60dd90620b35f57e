/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded: returns `max + 1`
 * as soon as the distance must exceed `max`, so checking a candidate costs O(len × (2·max+1)) at worst.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
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
