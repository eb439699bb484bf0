/**
 * Where a strip or a day held by the keyboard goes: pure rules over the
 * board as shown. A held strip walks row by row through every shooting
 * day and on into the boneyard (Up and Down), or jumps to the start of
 * the day before or after (Left and Right, Page Up and Page Down); a held
 * day moves up and down among the days. Also what the live region says
 * at each step.
 *
 * @module
 */
import { splitDays } from "@/lib/schedule/days.ts";
import { moveDay, moveStrip } from "@/lib/schedule/moves.ts";
import type { ScheduleBoard, StripTarget } from "@/lib/schedule/shared.ts";

/** A place a strip may stand: row `index` of a day, or of the boneyard. */
export type Place =
  | { day: number; index: number }
  | { boneyard: true; index: number };

/** A strip or a day held by the keyboard, where it was and where it would go. */
export type Grab =
  | { kind: "strip"; sceneKey: string; from: Place; to: Place }
  | { kind: "day"; from: number; to: number };

/** Where the strip of `sceneKey` stands on `board`, or null. */
export function placeOf(board: ScheduleBoard, sceneKey: string): Place | null {
  const boneyard = board.boneyard.indexOf(sceneKey);
  if (boneyard !== -1) return { boneyard: true, index: boneyard };
  for (const day of splitDays(board).days) {
    const index = day.rows.findIndex((r) =>
      r.type === "strip" && r.sceneKey === sceneKey
    );
    if (index !== -1) return { day: day.index, index };
  }
  return null;
}

/** Whether two places are the same. */
export function samePlace(a: Place, b: Place): boolean {
  return a.index === b.index &&
    ("boneyard" in a ? "boneyard" in b : !("boneyard" in b) && a.day === b.day);
}

/**
 * The rows of each day and of the boneyard without the held strip, in
 * order: the places a strip can go are 0 to that count in each.
 */
function sizes(board: ScheduleBoard, sceneKey: string): number[] {
  const days = splitDays(board).days.map((d) =>
    d.rows.filter((r) => r.type !== "strip" || r.sceneKey !== sceneKey).length
  );
  return [...days, board.boneyard.filter((k) => k !== sceneKey).length];
}

/**
 * Where `key` takes the strip of `sceneKey` held at `at`, on the board
 * before the move; null for a key that does not move it (or an arrow at
 * either end of the board).
 */
export function stepStrip(
  board: ScheduleBoard,
  sceneKey: string,
  at: Place,
  key: string,
): Place | null {
  const counts = sizes(board, sceneKey);
  const last = counts.length - 1; // the boneyard
  const box = "boneyard" in at ? last : at.day;
  const place = (b: number, index: number): Place =>
    b === last ? { boneyard: true, index } : { day: b, index };
  switch (key) {
    case "ArrowDown":
      if (at.index < counts[box]) return place(box, at.index + 1);
      return box < last ? place(box + 1, 0) : null;
    case "ArrowUp":
      if (at.index > 0) return place(box, at.index - 1);
      return box > 0 ? place(box - 1, counts[box - 1]) : null;
    case "ArrowRight":
    case "PageDown":
      return box < last ? place(box + 1, 0) : null;
    case "ArrowLeft":
    case "PageUp":
      if (at.index > 0) return place(box, 0);
      return box > 0 ? place(box - 1, 0) : null;
    default:
      return null;
  }
}

/** Where `key` takes a held day (0-based) among `dayCount` days; null: nowhere. */
export function stepDay(at: number, key: string, dayCount: number) {
  if (key === "ArrowUp" || key === "ArrowLeft") return at > 0 ? at - 1 : null;
  if (key === "ArrowDown" || key === "ArrowRight") {
    return at < dayCount - 1 ? at + 1 : null;
  }
  return null;
}

/** The move target of a place, as a `move_strip` op takes it. */
export function targetOf(place: Place): StripTarget {
  return "boneyard" in place
    ? { boneyard: true, index: place.index }
    : { day: place.day, index: place.index };
}

/**
 * The board as it would be with the held strip or day dropped where it is
 * now; the board itself when that no longer fits (someone changed it).
 */
export function heldBoard(board: ScheduleBoard, grab: Grab): ScheduleBoard {
  try {
    return grab.kind === "strip"
      ? moveStrip(board, grab.sceneKey, targetOf(grab.to))
      : moveDay(board, grab.from, grab.to);
  } catch {
    return board;
  }
}

/** "Day 2, position 3 of 4" or "Boneyard, position 1 of 6", for the live region. */
export function placeText(
  board: ScheduleBoard,
  sceneKey: string,
  place: Place,
): string {
  const counts = sizes(board, sceneKey);
  const box = "boneyard" in place ? counts.length - 1 : place.day;
  const where = "boneyard" in place ? "Boneyard" : `Day ${place.day + 1}`;
  return `${where}, position ${place.index + 1} of ${counts[box] + 1}`;
}
