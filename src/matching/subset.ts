/**
 * Which sets of open invoices add up to a payment, searched with explicit bounds.
 *
 * A pool small enough is searched completely (meet in the middle: every subset sum of each
 * half, sorted, then paired), so "exactly one set fits" is a fact about the whole pool, not
 * about the sets that happened to be tried. The same sorted halves count how many other sets
 * land near the amount: where sums are crowded, a unique exact fit can be a coincidence
 * (the payer paying something we do not hold), and the caller proposes instead of applying.
 * A pool too large for the work bound is searched depth-first up to a set size and a step
 * budget; what that finds is never called unique.
 */

export interface SubsetSearch {
  /** Up to three sets (indexes into the amounts), smallest sets first. */
  solutions: number[][];
  /** All sets that fit, when the search was complete; at least solutions.length otherwise. */
  count: number;
  /** True when every subset of the pool was considered. */
  complete: boolean;
  /**
   * Sets whose sum falls within `band` of the target but not on it, per unit of amount:
   * the chance that an unrelated amount hits some set exactly. Only for a complete search.
   */
  crowding: number;
}

export interface SubsetBounds {
  /** Subset sums enumerated at most (both halves together) for a complete search. */
  maxWork: number;
  /** Largest set the bounded (incomplete) search looks for. */
  maxSize: number;
}

/** Sets of `amounts` (all positive) whose sum is exactly `target`. */
export function findSubsets(amounts: readonly number[], target: number, bounds: SubsetBounds): SubsetSearch {
  const n = amounts.length;
  const half = Math.ceil(n / 2);
  if (n > 0 && 2 ** half + 2 ** (n - half) <= bounds.maxWork && half <= 24) return complete(amounts, target);
  return bounded(amounts, target, bounds);
}

function complete(amounts: readonly number[], target: number): SubsetSearch {
  const n = amounts.length;
  const half = Math.ceil(n / 2);
  const a = sums(amounts.slice(0, half));
  const b = sums(amounts.slice(half));
  const orderA = sortedOrder(a);
  const orderB = sortedOrder(b);

  let count = 0;
  const found: number[][] = [];
  let i = 0;
  let j = orderB.length - 1;
  while (i < orderA.length && j >= 0) {
    const s = a[orderA[i]!]! + b[orderB[j]!]!;
    if (s < target) i += 1;
    else if (s > target) j -= 1;
    else {
      const valueA = a[orderA[i]!]!;
      const valueB = b[orderB[j]!]!;
      let endA = i;
      while (endA + 1 < orderA.length && a[orderA[endA + 1]!] === valueA) endA += 1;
      let startB = j;
      while (startB - 1 >= 0 && b[orderB[startB - 1]!] === valueB) startB -= 1;
      count += (endA - i + 1) * (j - startB + 1);
      for (let x = i; x <= endA && found.length < 16; x += 1) {
        for (let y = startB; y <= j && found.length < 16; y += 1) found.push(members(orderA[x]!, 0).concat(members(orderB[y]!, half)));
      }
      i = endA + 1;
      j = startB - 1;
    }
  }
  const band = Math.max(Math.round(target * 0.05), 1000);
  // The empty set is not a payment.
  const emptyNear = target - band <= 0 ? 1 : 0;
  const near = countAtMost(a, orderA, b, orderB, target + band) - countAtMost(a, orderA, b, orderB, target - band - 1) - count - emptyNear;
  const solutions = found.sort((x, y) => x.length - y.length).slice(0, 3);
  return { solutions, count, complete: true, crowding: near / (2 * band) };
}

function bounded(amounts: readonly number[], target: number, bounds: SubsetBounds): SubsetSearch {
  // Largest first, so the remaining target shrinks fast and hopeless branches end early.
  const order = amounts.map((_, index) => index).sort((x, y) => amounts[y]! - amounts[x]! || x - y);
  const suffixMin: number[] = [];
  let min = Infinity;
  for (let k = order.length - 1; k >= 0; k -= 1) {
    min = Math.min(min, amounts[order[k]!]!);
    suffixMin[k] = min;
  }
  const solutions: number[][] = [];
  let steps = 0;
  const chosen: number[] = [];
  const walk = (start: number, left: number): void => {
    for (let k = start; k < order.length; k += 1) {
      if (steps >= bounds.maxWork || solutions.length >= 3) return;
      steps += 1;
      if ((suffixMin[k] ?? Infinity) > left) return;
      const value = amounts[order[k]!]!;
      if (value > left) continue;
      chosen.push(order[k]!);
      if (value === left) solutions.push([...chosen].sort((x, y) => x - y));
      else if (chosen.length < bounds.maxSize) walk(k + 1, left - value);
      chosen.pop();
    }
  };
  walk(0, target);
  return { solutions: solutions.sort((x, y) => x.length - y.length), count: solutions.length, complete: false, crowding: Infinity };
}

function sums(values: readonly number[]): Float64Array {
  const out = new Float64Array(2 ** values.length);
  for (let mask = 1; mask < out.length; mask += 1) {
    const low = 31 - Math.clz32(mask & -mask);
    out[mask] = out[mask & (mask - 1)]! + values[low]!;
  }
  return out;
}

function sortedOrder(values: Float64Array): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let k = 0; k < order.length; k += 1) order[k] = k;
  return order.sort((x, y) => values[x]! - values[y]! || x - y);
}

function members(mask: number, offset: number): number[] {
  const out: number[] = [];
  for (let bit = 0; mask > 0; bit += 1, mask >>>= 1) if (mask & 1) out.push(bit + offset);
  return out;
}

/** Pairs (x from a, y from b) with a[x] + b[y] <= limit, by two pointers over the sorted halves. */
function countAtMost(a: Float64Array, orderA: Uint32Array, b: Float64Array, orderB: Uint32Array, limit: number): number {
  let total = 0;
  let j = orderB.length - 1;
  for (let i = 0; i < orderA.length; i += 1) {
    while (j >= 0 && a[orderA[i]!]! + b[orderB[j]!]! > limit) j -= 1;
    if (j < 0) break;
    total += j + 1;
  }
  return total;
}
