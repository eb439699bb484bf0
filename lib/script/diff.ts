/**
 * Comparing two drafts of a script: which scene of the new draft is which
 * scene of the previous one, and what each new scene record inherits.
 * Pure functions, no storage: import.ts writes what they plan.
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
 * ## What a new draft's scene inherits
 *
 * - added: a fresh breakdown (cast from the speaking characters, locations
 *   from the heading), status `draft`.
 * - unchanged: everything — breakdown, status, notes, review flag, approval.
 * - changed: breakdown and notes, plus any new speaking character or
 *   location; an `approved` or `broken_down` scene goes (back) to
 *   `broken_down`, `draft` and `omitted` stay; `needsReview` is set when it
 *   was approved (and kept if it was set).
 * - removed: the previous record's content, status `omitted`, change
 *   `removed`, listed where it stood (after the scene that preceded it).
 *
 * @module
 */
import {
  type Breakdown,
  BREAKDOWN_CATEGORIES,
  emptyBreakdown,
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_CATEGORY,
  type SceneStatus,
  uniqueTags,
} from "./breakdown.ts";
import type { DraftSummary, Scene, SceneElement } from "./schemas.ts";

/** What matching looks at. */
export interface MatchableScene {
  number: string | null;
  heading: string;
  location: string;
  hash: string;
}

/** A scene of a freshly parsed draft (the parser's `Scene`). */
export interface ParsedScene extends MatchableScene {
  index: number;
  setting: Scene["setting"];
  timeOfDay: string | null;
  characters: string[];
  elements: SceneElement[];
  eighths: number;
}

/** Above this many cells, alignment is greedy instead of an exact LCS. */
const MAX_LCS_CELLS = 4_000_000;

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

/**
 * The longest subsequence of `pairs` (sorted by new index) whose old
 * indexes increase: patience sorting, O(n log n).
 */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
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
function align(
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

/** A scene record of a new draft, before the store adds ids and versions. */
export type PlannedScene = Omit<
  Scene,
  | "id"
  | "version"
  | "createdAt"
  | "updatedAt"
  | "scriptId"
  | "draftVersion"
  | "importId"
>;

/** The scenes of a new draft and what changed. */
export interface DraftPlan {
  /** In listing order (`position`), removed scenes where they stood. */
  scenes: PlannedScene[];
  summary: DraftSummary;
}

/**
 * The breakdown a newly parsed scene starts with: the speaking characters
 * as cast, the heading's location as a location (each cut to the tag
 * limits).
 */
export function prefilledBreakdown(scene: ParsedScene): Breakdown {
  const breakdown = emptyBreakdown();
  breakdown.cast = fitTags(scene.characters);
  breakdown.locations = fitTags([scene.location]);
  return breakdown;
}

function fitTags(tags: string[]): string[] {
  return uniqueTags(tags.map((t) => t.slice(0, MAX_TAG_LENGTH))).slice(
    0,
    MAX_TAGS_PER_CATEGORY,
  );
}

/** `carried` with the tags of `fresh` it lacks added at the end. */
function mergeBreakdown(carried: Breakdown, fresh: Breakdown): Breakdown {
  const out = emptyBreakdown();
  for (const c of BREAKDOWN_CATEGORIES) {
    // Carried tags come first, so a full category keeps all of its own.
    out[c] = fitTags([...carried[c], ...fresh[c]]);
  }
  return out;
}

function statusAfterChange(status: SceneStatus): SceneStatus {
  return status === "approved" ? "broken_down" : status;
}

function fromParsed(scene: ParsedScene) {
  return {
    index: scene.index,
    number: scene.number,
    heading: scene.heading,
    setting: scene.setting,
    location: scene.location,
    timeOfDay: scene.timeOfDay,
    characters: scene.characters,
    eighths: scene.eighths,
    hash: scene.hash,
    text: scene.elements,
  };
}

/**
 * Plans the scenes of a new draft from the parsed scenes and the previous
 * draft's scenes (in order, without the ones it had removed; empty for a
 * first draft). `newKey` names scenes that are new.
 *
 * @example
 * ```ts
 * const { scenes, summary } = planDraft(previousScenes, parsed.scenes);
 * summary; // { added: 1, removed: 0, changed: 2, unchanged: 7 }
 * ```
 */
export function planDraft(
  previous: readonly Scene[],
  parsed: readonly ParsedScene[],
  newKey: () => string = () => crypto.randomUUID(),
): DraftPlan {
  const toOld = matchScenes(previous, parsed);
  const summary: DraftSummary = {
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
  };
  const present: PlannedScene[] = parsed.map((scene, n) => {
    const o = toOld[n];
    const fresh = prefilledBreakdown(scene);
    if (o === null) {
      summary.added++;
      return {
        ...fromParsed(scene),
        key: newKey(),
        previousId: null,
        position: 0,
        status: "draft",
        change: "added",
        needsReview: false,
        notes: "",
        breakdown: fresh,
        approvedBy: null,
        approvedByName: null,
        approvedAt: null,
      };
    }
    const old = previous[o];
    if (old.hash === scene.hash) {
      summary.unchanged++;
      return {
        ...fromParsed(scene),
        key: old.key,
        previousId: old.id,
        position: 0,
        status: old.status,
        change: "unchanged",
        needsReview: old.needsReview,
        notes: old.notes,
        breakdown: old.breakdown,
        approvedBy: old.approvedBy,
        approvedByName: old.approvedByName,
        approvedAt: old.approvedAt,
      };
    }
    summary.changed++;
    return {
      ...fromParsed(scene),
      key: old.key,
      previousId: old.id,
      position: 0,
      status: statusAfterChange(old.status),
      change: "changed",
      needsReview: old.needsReview || old.status === "approved",
      notes: old.notes,
      breakdown: mergeBreakdown(old.breakdown, fresh),
      approvedBy: null,
      approvedByName: null,
      approvedAt: null,
    };
  });

  // Removed scenes stand after the matched scene that preceded them.
  const matchedAt = new Map<number, number>();
  toOld.forEach((o, n) => o !== null && matchedAt.set(o, n));
  const after = new Map<number, PlannedScene[]>(); // new index (-1: start)
  let anchor = -1;
  previous.forEach((old, o) => {
    const n = matchedAt.get(o);
    if (n !== undefined) {
      anchor = n;
      return;
    }
    summary.removed++;
    const list = after.get(anchor) ?? [];
    list.push({
      index: old.index,
      number: old.number,
      heading: old.heading,
      setting: old.setting,
      location: old.location,
      timeOfDay: old.timeOfDay,
      characters: old.characters,
      eighths: old.eighths,
      hash: old.hash,
      text: old.text,
      key: old.key,
      previousId: old.id,
      position: 0,
      status: "omitted",
      change: "removed",
      needsReview: false,
      notes: old.notes,
      breakdown: old.breakdown,
      approvedBy: null,
      approvedByName: null,
      approvedAt: null,
    });
    after.set(anchor, list);
  });
  const scenes: PlannedScene[] = [...(after.get(-1) ?? [])];
  present.forEach((scene, n) => scenes.push(scene, ...(after.get(n) ?? [])));
  scenes.forEach((scene, position) => scene.position = position);
  return { scenes, summary };
}
