/**
 * Sets of exactly `size` amounts that add up to `target`, by index, at most `limit` of them
 * (a caller that needs one answer asks for two, to know it is the only one). The search is
 * bounded: past `maxWork` steps it answers 'too-many' rather than run on.
 */
export function subsetsOfSum(amounts: readonly number[], target: number, size: number, limit: number, maxWork = 500_000): number[][] | 'too-many' {
  const order = amounts.map((a, i) => [a, i] as const).sort((x, y) => y[0] - x[0]);
  const out: number[][] = [];
  let work = 0;
  const chosen: number[] = [];
  const walk = (start: number, left: number, remaining: number): boolean => {
    if (++work > maxWork) return false;
    if (remaining === 0) {
      if (left === 0) out.push(chosen.map((k) => order[k]![1]).sort((a, b) => a - b));
      return out.length < limit;
    }
    for (let k = start; k <= order.length - remaining; k += 1) {
      const amount = order[k]![0];
      if (amount > left) continue;
      // Sorted from large to small: if even the largest `remaining` from here cannot reach, stop.
      if (amount * remaining < left) break;
      chosen.push(k);
      const go = walk(k + 1, left - amount, remaining - 1);
      chosen.pop();
      if (!go) return false;
    }
    return true;
  };
  walk(0, target, size);
  return work > maxWork ? 'too-many' : out;
}
