/**
 * Sequence alignment for scene matching (scene_match.ts): the longest run
 * of matches that keeps script order, and a longest common subsequence of
 * two key lists.
 *
 * @module
 */

/** Above this many cells, alignment is greedy instead of an exact LCS. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * The longest subsequence of `pairs` (sorted by new index) whose old
 * indexes increase: patience sorting, O(n log n).
 */
export function longestIncreasing(
  pairs: [number, number][],
): [number, number][] {
  const tails: number[] = []; // index into pairs of the tail of each length
  const before: number[] = pairs.map(() => -1);
  for (let i = 0; i < pairs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][0] < pairs[i][0]) lo = mid + 1;
      else hi = mid;
    }
    before[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const out: [number, number][] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = before[i]) out.push(pairs[i]);
  return out.reverse();
}

/**
 * Aligns two key sequences in order: the pairs `[i, j]` of a longest common
 * subsequence (exact up to {@linkcode MAX_LCS_CELLS} cells, greedy beyond),
 * counting only pairs `ok(i, j)` admits.
 */
export function align(
  a: string[],
  b: string[],
  ok: (i: number, j: number) => boolean,
): [number, number][] {
  const eq = (i: number, j: number) => a[i] === b[j] && ok(i, j);
  if (a.length * b.length > MAX_LCS_CELLS) {
    // Greedy: each b takes the next equal a after the previous match.
    const out: [number, number][] = [];
    const positions = new Map<string, number[]>();
    a.forEach((k, i) => {
      const list = positions.get(k);
      if (list === undefined) positions.set(k, [i]);
      else list.push(i);
    });
    let last = -1;
    for (let j = 0; j < b.length; j++) {
      const i = positions.get(b[j])?.find((i) => i > last && ok(i, j));
      if (i === undefined) continue;
      out.push([i, j]);
      last = i;
    }
    return out;
  }
  const w = b.length + 1;
  const table = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * w + j] = eq(i, j)
        ? table[(i + 1) * w + j + 1] + 1
        : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (eq(i, j)) {
      out.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) i++;
    else j++;
  }
  return out;
}
