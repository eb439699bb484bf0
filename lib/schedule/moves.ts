/**
 * Board operations as pure functions: each returns a new board and leaves
 * its input alone, so the stripboard can apply a move at once (optimistic)
 * and the server can apply the same move to its copy. Also the board's
 * validation: every strip at most once, scenes the draft does not know
 * dropped and reported, scenes the board lacks added to the boneyard.
 *
 * @module
 */
import { type DaySegment, splitDays } from "./days.ts";
import type {
  BoardItem,
  ScheduleBoard,
  StripItem,
  StripTarget,
} from "./shared.ts";

/** Makes a new row id that is not in `used`. */
export type IdMaker = (used: ReadonlySet<string>) => string;

/** The first of "day-1", "day-2", … not in `used`. */
export function freshDayBreakId(used: ReadonlySet<string>): string {
  let n = 1;
  while (used.has(`day-${n}`)) n++;
  return `day-${n}`;
}

function rowIds(items: readonly BoardItem[]): Set<string> {
  return new Set(items.flatMap((i) => i.type === "strip" ? [] : [i.id]));
}

/**
 * Moves the strip of `sceneKey` (on the board or in the boneyard) to
 * `target`, where it ends up: row `index` of day `day` (0-based, rows
 * counted without the moved strip), or position `index` of the boneyard
 * (its end without one). `day` one past the last day appends to the end of
 * the board. RangeError for a strip that is nowhere or a day that is not.
 *
 * @example
 * ```ts
 * moveStrip(board, "k7", { day: 2, index: 0 }); // first on day 3
 * moveStrip(board, "k7", { boneyard: true }); // unscheduled
 * ```
 */
export function moveStrip(
  board: ScheduleBoard,
  sceneKey: string,
  target: StripTarget,
): ScheduleBoard {
  const at = board.items.findIndex((i) =>
    i.type === "strip" && i.sceneKey === sceneKey
  );
  const inBoneyard = at === -1 ? board.boneyard.indexOf(sceneKey) : -1;
  if (at === -1 && inBoneyard === -1) {
    throw new RangeError(`No strip for scene ${sceneKey} on the board`);
  }
  const rest: ScheduleBoard = {
    items: board.items.filter((_, i) => i !== at),
    boneyard: board.boneyard.filter((_, i) => i !== inBoneyard),
  };
  if ("boneyard" in target) {
    const boneyard = [...rest.boneyard];
    const index = clamp(target.index ?? boneyard.length, boneyard.length);
    boneyard.splice(index, 0, sceneKey);
    return { items: rest.items, boneyard };
  }
  const strip: StripItem = { type: "strip", sceneKey };
  const { days } = splitDays(rest);
  const items = [...rest.items];
  if (target.day === days.length) {
    items.push(strip);
    return { items, boneyard: rest.boneyard };
  }
  const day = days[target.day];
  if (day === undefined) {
    throw new RangeError(`No day ${target.day + 1} on the board`);
  }
  const index = clamp(target.index, day.rows.length);
  items.splice(day.positions[index] ?? day.end, 0, strip);
  return { items, boneyard: rest.boneyard };
}

function clamp(index: number, length: number): number {
  return Math.min(Math.max(0, Math.trunc(index) || 0), length);
}

/**
 * Moves shooting day `from` (0-based) with its strips, banners and day
 * break so that it becomes day `to`. An open last day (no day break yet)
 * that no longer ends the board gets a break with an id from `newId`.
 * RangeError for a day that is not on the board.
 */
export function moveDay(
  board: ScheduleBoard,
  from: number,
  to: number,
  newId: IdMaker = freshDayBreakId,
): ScheduleBoard {
  const { days } = splitDays(board);
  if (days[from] === undefined || days[to] === undefined) {
    throw new RangeError(`Cannot move day ${from + 1} to day ${to + 1}`);
  }
  if (from === to) return board;
  const order: DaySegment[] = days.filter((_, i) => i !== from);
  order.splice(to, 0, days[from]);
  const lastDay = days[days.length - 1];
  const tail = lastDay.breakId === null
    ? []
    : board.items.slice(lastDay.end + 1);
  const items: BoardItem[] = [];
  for (const [i, day] of order.entries()) {
    items.push(...day.rows);
    // Only the open last day has no break; it needs one unless still last.
    const breakId = day.breakId ??
      (i < order.length - 1 ? newId(rowIds(board.items)) : null);
    if (breakId !== null) items.push({ type: "day_break", id: breakId });
  }
  items.push(...tail);
  return { items, boneyard: [...board.boneyard] };
}

/** What `validateBoard` changed. */
export interface BoardReport {
  /** Scene keys the draft does not know, dropped from board and boneyard. */
  unknown: string[];
  /** Scene keys that stood more than once; the first place was kept. */
  duplicates: string[];
  /** Known scenes the board lacked, put at the end of the boneyard. */
  added: string[];
  /** Day-break or banner ids used twice; later rows got fresh ids. */
  renamed: string[];
}

/**
 * The board made valid against the scenes of the current draft
 * (`sceneKeys`, in script order): each strip at most once (the board
 * before the boneyard, earlier before later), unknown scenes dropped,
 * missing scenes added to the boneyard in script order, row ids unique.
 */
export function validateBoard(
  board: ScheduleBoard,
  sceneKeys: Iterable<string>,
  newId: IdMaker = freshDayBreakId,
): { board: ScheduleBoard; report: BoardReport } {
  const known = new Set(sceneKeys);
  const report: BoardReport = {
    unknown: [],
    duplicates: [],
    added: [],
    renamed: [],
  };
  const placed = new Set<string>();
  const keep = (key: string): boolean => {
    if (!known.has(key)) report.unknown.push(key);
    else if (placed.has(key)) report.duplicates.push(key);
    else {
      placed.add(key);
      return true;
    }
    return false;
  };
  const items: BoardItem[] = [];
  const used = rowIds(board.items);
  const seen = new Set<string>();
  for (const item of board.items) {
    if (item.type === "strip") {
      if (keep(item.sceneKey)) items.push(item);
    } else if (seen.has(item.id)) {
      report.renamed.push(item.id);
      const id = newId(used);
      used.add(id);
      items.push({ ...item, id });
    } else {
      seen.add(item.id);
      items.push(item);
    }
  }
  const boneyard = board.boneyard.filter(keep);
  for (const key of known) {
    if (!placed.has(key)) {
      report.added.push(key);
      boneyard.push(key);
    }
  }
  return { board: { items, boneyard }, report };
}
