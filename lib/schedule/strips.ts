/**
 * Strips from scenes: pure functions of plain objects (a scene of the
 * current draft and the production's cast elements), browser-safe. The
 * rules: time of day normalised from the heading (a CONTINUOUS or LATER
 * scene takes the time of the scene before it in the same script), cast
 * numbers from the cast tags, the synopsis from the first action line. A
 * strip's colour is colors.ts `stripStyle`.
 *
 * @module
 */
import {
  type Breakdown,
  type Scene,
  type SceneElement,
  tagKey,
} from "@/lib/script/shared.ts";
import { type DayNight, MAX_SYNOPSIS_LENGTH, type Strip } from "./shared.ts";

/** What a strip is made from: a scene of the current draft. */
export type StripSource =
  & Pick<
    Scene,
    | "id"
    | "key"
    | "scriptId"
    | "number"
    | "heading"
    | "setting"
    | "location"
    | "timeOfDay"
    | "eighths"
    | "status"
    | "text"
  >
  & { breakdown: Pick<Breakdown, "cast"> };

/** A cast element as strips need it: its name and call-sheet number. */
export interface CastMember {
  name: string;
  castNumber: number | null;
}

/** Tag key → cast number: how a scene's cast tag finds its number. */
export type CastLookup = ReadonlyMap<string, number>;

/**
 * The lookup of cast numbers by tag: every numbered member's name, and
 * `aliases` (a former spelling → the number of the element it leads to,
 * as lib/elements keeps them for renamed and merged elements).
 */
export function castLookup(
  members: readonly CastMember[],
  aliases: Iterable<readonly [string, number]> = [],
): CastLookup {
  const lookup = new Map<string, number>();
  for (const [spelling, castNumber] of aliases) {
    lookup.set(tagKey(spelling), castNumber);
  }
  for (const m of members) {
    if (m.castNumber !== null) lookup.set(tagKey(m.name), m.castNumber);
  }
  return lookup;
}

// Whole words or phrases, strongest first: "LATER THAT NIGHT" is NIGHT,
// "EARLY MORNING" MORNING; the carry-over words come last.
const DAY_NIGHT_WORDS: readonly [DayNight | "SAME", readonly string[]][] = [
  ["DAWN", ["DAWN", "SUNRISE", "DAYBREAK", "FIRST LIGHT"]],
  ["DUSK", ["DUSK", "SUNSET", "SUNDOWN", "TWILIGHT", "MAGIC HOUR"]],
  ["NIGHT", ["NIGHT", "MIDNIGHT", "NIGHTTIME"]],
  ["EVENING", ["EVENING"]],
  ["MORNING", ["MORNING"]],
  ["DAY", ["DAY", "DAYTIME", "NOON", "MIDDAY", "AFTERNOON"]],
  ["SAME", ["CONTINUOUS", "CONT", "SAME", "LATER", "MOMENTS LATER"]],
];

function readDayNight(text: string): DayNight | "SAME" | null {
  const words = ` ${text.toUpperCase().replace(/[^A-Z]+/g, " ").trim()} `;
  for (const [value, phrases] of DAY_NIGHT_WORDS) {
    if (phrases.some((p) => words.includes(` ${p} `))) return value;
  }
  return null;
}

/**
 * A scene's time of day from its heading's `timeOfDay`, else from the
 * heading's other " - " parts after the location ("INT. HOUSE - NIGHT -
 * FLASHBACK" is NIGHT); CONTINUOUS, SAME or LATER take `previous` (the
 * scene before in the script); anything else is `OTHER`.
 *
 * @example
 * ```ts
 * normaliseDayNight("SUNSET"); // "DUSK"
 * normaliseDayNight("CONTINUOUS", undefined, "NIGHT"); // "NIGHT"
 * ```
 */
export function normaliseDayNight(
  timeOfDay: string | null,
  heading?: string,
  previous?: DayNight,
): DayNight {
  const parts = [timeOfDay ?? "", ...(heading ?? "").split(" - ").slice(1)];
  let found: DayNight | "SAME" | null = null;
  for (const part of parts) {
    found = readDayNight(part);
    if (found !== null) break;
  }
  if (found === "SAME") return previous ?? "OTHER";
  return found ?? "OTHER";
}

/**
 * A strip's one-line synopsis: the first non-empty line of the scene's
 * first action, emphasis marks removed and whitespace collapsed, cut at a
 * word to at most 80 characters with "…"; "" when the scene has no action.
 */
export function synopsisOf(text: readonly SceneElement[]): string {
  for (const element of text) {
    if (element.type !== "action") continue;
    const line = element.text.split("\n")
      .map((l) => l.replace(/[*_]/g, "").replace(/\s+/g, " ").trim())
      .find((l) => l !== "");
    if (line !== undefined) return cutLine(line, MAX_SYNOPSIS_LENGTH);
  }
  return "";
}

function cutLine(line: string, max: number): string {
  if (line.length <= max) return line;
  const head = line.slice(0, max - 1);
  const space = head.lastIndexOf(" ");
  // Cut at a word unless that would throw away more than half the line.
  const cut = space > max / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.\-–—]+$/, "")}…`;
}

/** The strip of one scene; `previous` is the time of day before it. */
export function stripOf(
  scene: StripSource,
  cast: CastLookup,
  previous?: DayNight,
): Strip {
  const numbers = new Set<number>();
  const unnumbered: string[] = [];
  for (const tag of scene.breakdown.cast) {
    const n = cast.get(tagKey(tag));
    if (n === undefined) unnumbered.push(tag);
    else numbers.add(n);
  }
  return {
    sceneKey: scene.key,
    sceneId: scene.id,
    scriptId: scene.scriptId,
    number: scene.number,
    setting: scene.setting,
    dayNight: normaliseDayNight(scene.timeOfDay, scene.heading, previous),
    set: scene.location,
    castIds: [...numbers].sort((a, b) => a - b),
    unnumberedCast: unnumbered,
    eighths: scene.eighths,
    synopsis: synopsisOf(scene.text),
    omitted: scene.status === "omitted",
  };
}

/**
 * The strips of scenes given in script order (several scripts may follow
 * each other): a CONTINUOUS scene takes the time of day of the scene
 * before it in the same script.
 */
export function deriveStrips(
  scenes: readonly StripSource[],
  cast: CastLookup,
): Strip[] {
  const strips: Strip[] = [];
  for (const [i, scene] of scenes.entries()) {
    const before = strips[i - 1];
    const previous = before?.scriptId === scene.scriptId
      ? before.dayNight
      : undefined;
    strips.push(stripOf(scene, cast, previous));
  }
  return strips;
}

/** Cast numbers as a strip prints them: "1, 3, 7". */
export function formatCastIds(castIds: readonly number[]): string {
  return castIds.join(", ");
}
