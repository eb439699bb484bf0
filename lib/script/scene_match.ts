/**
 * Scene matching: which scene of a new draft is which scene of the previous
 * one. Pure functions over what a scene looks like; diff.ts plans the new
 * draft's records from the matches.
 *
 * ## Scene matching
 *
 * A scene keeps its identity (`key`) across drafts when it is matched to a
 * scene of the previous draft. Passes, each only over scenes not matched yet:
 *
 * 1. **Scene number.** A new scene numbered `#12A#` is the previous scene
 *    numbered 12A (numbers compare trimmed, case-insensitively). Numbered
 *    scripts lock their numbers — an inserted scene becomes 12A, a cut one
 *    is omitted — so a number is the strongest identity there is. A number
 *    used twice in one draft counts only for its first scene.
 * 2. **Identical text**, anywhere in the script: the same hash is the same
 *    scene, moved or not.
 * 3. **Same heading, then same location, in order.** Between two scenes
 *    matched already (taken in script order; matches that cross each other,
 *    i.e. moved scenes, do not split the script), the remaining scenes are
 *    aligned by their heading (longest common subsequence), then what is
 *    left by their location: "INT. KITCHEN - DAY" that became "INT. KITCHEN
 *    - NIGHT" at the same place is the same scene, changed.
 * 4. **Unique heading anywhere**: a heading left exactly once on each side is
 *    one scene that moved and changed.
 *
 * In passes 2–4, two scenes that both carry a number never match (different
 * numbers are different scenes). Headings and locations compare with
 * whitespace collapsed and case ignored. What stays unmatched is `added`
 * (new draft) or `removed` (previous draft); a match is `unchanged` when the
 * hashes agree (the hash leaves out the scene number) and `changed` if not.
 *
 * @module
 */
import { align, longestIncreasing } from "./sequence_align.ts";

/** What matching looks at. */
export interface MatchableScene {
  number: string | null;
  heading: string;
  location: string;
  hash: string;
}

/**
 * Matches the scenes of a new draft to the previous draft's: for each new
 * scene, the index (in `previous`) of the same scene, or null when added.
 * See the module documentation for the passes.
 *
 * @example
 * ```ts
 * matchScenes(
 *   [{ number: "1", heading: "INT. A - DAY", location: "A", hash: "x" }],
 *   [{ number: "1", heading: "INT. A - NIGHT", location: "A", hash: "y" }],
 * ); // [0]
 * ```
 */
export function matchScenes(
  previous: readonly MatchableScene[],
  next: readonly MatchableScene[],
): (number | null)[] {
  const oldNum = effectiveNumbers(previous);
  const newNum = effectiveNumbers(next);
  const toOld: (number | null)[] = next.map(() => null);
  const oldTaken = previous.map(() => false);
  const pair = (o: number, n: number) => {
    toOld[n] = o;
    oldTaken[o] = true;
  };
  const compatible = (o: number, n: number) =>
    oldNum[o] === null || newNum[n] === null;

  // 1. Scene numbers.
  const byNumber = new Map<string, number>();
  oldNum.forEach((num, o) => num !== null && byNumber.set(num, o));
  newNum.forEach((num, n) => {
    const o = num === null ? undefined : byNumber.get(num);
    if (o !== undefined) pair(o, n);
  });

  // 2. Identical text, anywhere, first come first matched.
  const byHash = new Map<string, number[]>();
  previous.forEach((s, o) => {
    if (oldTaken[o]) return;
    const list = byHash.get(s.hash);
    if (list === undefined) byHash.set(s.hash, [o]);
    else list.push(o);
  });
  next.forEach((s, n) => {
    if (toOld[n] !== null) return;
    const list = byHash.get(s.hash);
    const at = list?.findIndex((o) => !oldTaken[o] && compatible(o, n)) ?? -1;
    if (at >= 0) pair(list![at], n);
  });

  // 3. Heading, then location, aligned in order between matched scenes.
  for (const keyOf of [headingKey, locationKey]) {
    for (const gap of gaps(toOld, previous.length)) {
      const olds = gap.old.filter((o) => !oldTaken[o]);
      const news = gap.next.filter((n) => toOld[n] === null);
      if (olds.length === 0 || news.length === 0) continue;
      const aligned = align(
        olds.map((o) => keyOf(previous[o])),
        news.map((n) => keyOf(next[n])),
        (i, j) => compatible(olds[i], news[j]),
      );
      for (const [i, j] of aligned) pair(olds[i], news[j]);
    }
  }

  // 4. A heading left exactly once on each side.
  const lonely = (
    scenes: readonly MatchableScene[],
    free: (i: number) => boolean,
  ) => {
    const seen = new Map<string, number | null>();
    scenes.forEach((s, i) => {
      if (!free(i)) return;
      const key = headingKey(s);
      seen.set(key, seen.has(key) ? null : i);
    });
    return seen;
  };
  const oldLonely = lonely(previous, (o) => !oldTaken[o]);
  const newLonely = lonely(next, (n) => toOld[n] === null);
  for (const [key, n] of newLonely) {
    const o = oldLonely.get(key);
    if (n === null || o === undefined || o === null) continue;
    if (compatible(o, n)) pair(o, n);
  }
  return toOld;
}

/** Numbers normalised; a repeated number counts only for its first scene. */
function effectiveNumbers(
  scenes: readonly MatchableScene[],
): (string | null)[] {
  const seen = new Set<string>();
  return scenes.map((s) => {
    const num = s.number?.trim().toUpperCase() ?? "";
    if (num === "" || seen.has(num)) return null;
    seen.add(num);
    return num;
  });
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim().toUpperCase();
}

function headingKey(s: MatchableScene): string {
  return squash(s.heading);
}

function locationKey(s: MatchableScene): string {
  return squash(s.location);
}

/**
 * The stretches between consecutive matched scenes, as lists of old and new
 * indexes. Matches are taken as anchors only when they keep script order
 * (the longest increasing run of them), so a moved scene does not cut the
 * script in two.
 */
function gaps(
  toOld: readonly (number | null)[],
  oldLength: number,
): { old: number[]; next: number[] }[] {
  const matched: [number, number][] = [];
  toOld.forEach((o, n) => o !== null && matched.push([o, n]));
  const anchors = longestIncreasing(matched);
  const out: { old: number[]; next: number[] }[] = [];
  let prevOld = -1;
  let prevNew = -1;
  for (const [o, n] of [...anchors, [oldLength, toOld.length]]) {
    out.push({ old: range(prevOld + 1, o), next: range(prevNew + 1, n) });
    prevOld = o;
    prevNew = n;
  }
  return out;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
