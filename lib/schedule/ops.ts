/**
 * The stripboard's edits as data: every change the board accepts is one
 * {@linkcode BoardOp}, applied by the same pure {@linkcode applyOp} in the
 * browser (at once, optimistic) and on the server (for real). Ops carry
 * every id they create, so both ends reach the same board; the server's
 * event carries the op, and a watcher one version behind applies it too.
 *
 * The stored board never ends in an open day: {@linkcode normaliseBoard}
 * closes it with a fresh break, so "Add day" always means one more break.
 *
 * @module
 */
import { splitDays } from "./days.ts";
import { freshDayBreakId, moveDay, moveStrip } from "./moves.ts";
import {
  type BannerItem,
  type BannerKind,
  type BoardItem,
  MAX_BOARD_ITEMS,
  MAX_SHOOTING_DAYS,
  type ScheduleBoard,
  type Strip,
  type StripTarget,
} from "./shared.ts";
import { type SortKey, sortSceneKeys } from "./sort.ts";

/** Where a sort applies: one shooting day, or the boneyard. */
export type SortScope = { day: number } | { boneyard: true };

/** One edit of the board. */
export type BoardOp =
  | { op: "move_strip"; sceneKey: string; to: StripTarget }
  | { op: "move_day"; from: number; to: number }
  | { op: "add_day" }
  | { op: "split_day"; day: number; index: number }
  | { op: "remove_day"; day: number }
  | {
    op: "add_banner";
    id: string;
    day: number;
    index: number;
    kind: BannerKind;
    text: string;
    castIds: number[];
  }
  | {
    op: "edit_banner";
    id: string;
    kind: BannerKind;
    text: string;
    castIds: number[];
  }
  | { op: "remove_banner"; id: string }
  | { op: "sort"; scope: SortScope; by: SortKey };

/** The kinds of op. */
export type BoardOpName = BoardOp["op"];

/** An op that does not fit the board it is applied to (a 409 on the server). */
export class BoardOpError extends Error {
  /** Creates the error with a sentence a user can read. */
  constructor(message: string) {
    super(message);
    this.name = "BoardOpError";
  }
}

/** The board with its open last day (if any) closed by a fresh break. */
export function normaliseBoard(board: ScheduleBoard): ScheduleBoard {
  const { days } = splitDays(board);
  const last = days[days.length - 1];
  if (last === undefined || last.breakId !== null) return board;
  const used = new Set(
    board.items.flatMap((i) => i.type === "strip" ? [] : [i.id]),
  );
  const close: BoardItem = { type: "day_break", id: freshDayBreakId(used) };
  return { items: [...board.items, close], boneyard: board.boneyard };
}

function dayOf(board: ScheduleBoard, day: number) {
  const found = splitDays(board).days[day];
  if (found === undefined) throw new BoardOpError(`There is no day ${day + 1}`);
  return found;
}

function bannerAt(board: ScheduleBoard, id: string): number {
  const at = board.items.findIndex((i) => i.type === "banner" && i.id === id);
  if (at === -1) throw new BoardOpError("That banner is no longer there");
  return at;
}

function hasRowId(board: ScheduleBoard, id: string): boolean {
  return board.items.some((i) => i.type !== "strip" && i.id === id);
}

/**
 * The board after `op`, normalised; `strips` (the current draft's, by
 * scene key) is what a sort orders by. Throws {@linkcode BoardOpError}
 * when the op does not fit this board (a day or strip that is gone, a
 * banner id in use, a limit reached).
 *
 * @example
 * ```ts
 * applyOp(board, { op: "move_strip", sceneKey: "k7", to: { day: 0, index: 0 } }, strips);
 * ```
 */
export function applyOp(
  board: ScheduleBoard,
  op: BoardOp,
  strips: ReadonlyMap<string, Strip>,
): ScheduleBoard {
  const next = normaliseBoard(apply(normaliseBoard(board), op, strips));
  if (next.items.length > MAX_BOARD_ITEMS) {
    throw new BoardOpError(`A board holds at most ${MAX_BOARD_ITEMS} rows`);
  }
  if (splitDays(next).days.length > MAX_SHOOTING_DAYS) {
    throw new BoardOpError(
      `A schedule holds at most ${MAX_SHOOTING_DAYS} shooting days`,
    );
  }
  return next;
}

function apply(
  board: ScheduleBoard,
  op: BoardOp,
  strips: ReadonlyMap<string, Strip>,
): ScheduleBoard {
  switch (op.op) {
    case "move_strip":
      try {
        return moveStrip(board, op.sceneKey, op.to);
      } catch (e) {
        if (e instanceof RangeError) {
          throw new BoardOpError(
            "That strip or day is no longer where you saw it",
          );
        }
        throw e;
      }
    case "move_day":
      dayOf(board, op.from);
      dayOf(board, op.to);
      return moveDay(board, op.from, op.to);
    case "add_day": {
      const used = new Set(
        board.items.flatMap((i) => i.type === "strip" ? [] : [i.id]),
      );
      const item: BoardItem = { type: "day_break", id: freshDayBreakId(used) };
      return { items: [...board.items, item], boneyard: board.boneyard };
    }
    case "split_day": {
      const day = dayOf(board, op.day);
      if (op.index < 1 || op.index >= day.rows.length) {
        throw new BoardOpError("A day splits between two of its rows");
      }
      const used = new Set(
        board.items.flatMap((i) => i.type === "strip" ? [] : [i.id]),
      );
      const items = [...board.items];
      items.splice(day.positions[op.index], 0, {
        type: "day_break",
        id: freshDayBreakId(used),
      });
      return { items, boneyard: board.boneyard };
    }
    case "remove_day": {
      const day = dayOf(board, op.day);
      const gone = new Set([...day.positions, day.end]);
      const back = day.rows.flatMap((r) =>
        r.type === "strip" ? [r.sceneKey] : []
      );
      return {
        items: board.items.filter((_, i) => !gone.has(i)),
        boneyard: [...back, ...board.boneyard],
      };
    }
    case "add_banner": {
      if (hasRowId(board, op.id)) {
        throw new BoardOpError("That banner id is already on the board");
      }
      const day = splitDays(board).days[op.day];
      const banner: BannerItem = {
        type: "banner",
        id: op.id,
        kind: op.kind,
        text: op.text,
        castIds: [...op.castIds],
      };
      const items = [...board.items];
      if (day === undefined) {
        if (op.day !== splitDays(board).days.length) {
          throw new BoardOpError(`There is no day ${op.day + 1}`);
        }
        // A banner after the last day (a wrap travel day, say).
        items.push(banner);
      } else {
        const index = Math.min(Math.max(0, op.index), day.rows.length);
        items.splice(day.positions[index] ?? day.end, 0, banner);
      }
      return { items, boneyard: board.boneyard };
    }
    case "edit_banner": {
      const at = bannerAt(board, op.id);
      const items = [...board.items];
      items[at] = {
        type: "banner",
        id: op.id,
        kind: op.kind,
        text: op.text,
        castIds: [...op.castIds],
      };
      return { items, boneyard: board.boneyard };
    }
    case "remove_banner": {
      const at = bannerAt(board, op.id);
      return {
        items: board.items.filter((_, i) => i !== at),
        boneyard: board.boneyard,
      };
    }
    case "sort":
      return sortScope(board, op.scope, op.by, strips);
  }
}

function sortScope(
  board: ScheduleBoard,
  scope: SortScope,
  by: SortKey,
  strips: ReadonlyMap<string, Strip>,
): ScheduleBoard {
  if ("boneyard" in scope) {
    return {
      items: board.items,
      boneyard: sortSceneKeys(board.boneyard, strips, by),
    };
  }
  const day = dayOf(board, scope.day);
  const keys = day.rows.flatMap((r) => r.type === "strip" ? [r.sceneKey] : []);
  const sorted = sortSceneKeys(keys, strips, by);
  // The strips take the sorted order in the places strips held; banners
  // stay where they stand.
  const items = [...board.items];
  let next = 0;
  for (const [i, row] of day.rows.entries()) {
    if (row.type === "strip") {
      items[day.positions[i]] = { type: "strip", sceneKey: sorted[next++] };
    }
  }
  return { items, boneyard: board.boneyard };
}

/** What a board op did, in words: the screen-reader announcement and the event. */
export function describeOp(op: BoardOp, strips: ReadonlyMap<string, Strip>) {
  const scene = (key: string) => {
    const n = strips.get(key)?.number;
    return n ? `scene ${n}` : "a scene";
  };
  switch (op.op) {
    case "move_strip":
      return "boneyard" in op.to
        ? `moved ${scene(op.sceneKey)} to the boneyard`
        : `moved ${scene(op.sceneKey)} to day ${op.to.day + 1}`;
    case "move_day":
      return `moved day ${op.from + 1} to day ${op.to + 1}`;
    case "add_day":
      return "added a shooting day";
    case "split_day":
      return `split day ${op.day + 1}`;
    case "remove_day":
      return `removed day ${op.day + 1}`;
    case "add_banner":
      return `added a banner to day ${op.day + 1}`;
    case "edit_banner":
      return "changed a banner";
    case "remove_banner":
      return "removed a banner";
    case "sort":
      return "boneyard" in op.scope
        ? "sorted the boneyard"
        : `sorted day ${op.scope.day + 1}`;
  }
}
