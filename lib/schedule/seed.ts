/**
 * Demo data: a working board of the first shooting days, written straight
 * to the store (no events: it is the state the production starts from).
 *
 * @module
 */
import { transact } from "@/lib/store/transaction.ts";
import type { BoardItem, ScheduleBoard } from "./shared.ts";
import { readScheduleSource } from "./source.ts";
import { readWorkingBoard, writeWorkingBoard } from "./store.ts";

/**
 * Schedules the current draft's first scenes, `perDay` to a day over
 * `days` days, and leaves the rest in the boneyard. Does nothing (false)
 * once the board has been written or when there are no scenes.
 */
export async function seedSchedule(
  kv: Deno.Kv,
  { days = 4, perDay = 2, now = new Date() } = {},
): Promise<boolean> {
  const { strips } = await readScheduleSource(kv);
  const keys = strips.filter((s) => !s.omitted).map((s) => s.sceneKey);
  if (keys.length === 0) return false;
  const items: BoardItem[] = [];
  const scheduled = keys.slice(0, days * perDay);
  scheduled.forEach((sceneKey, i) => {
    items.push({ type: "strip", sceneKey });
    const ends = (i + 1) % perDay === 0 || i === scheduled.length - 1;
    const day = Math.floor(i / perDay) + 1;
    if (ends) items.push({ type: "day_break", id: `day-${day}` });
  });
  const board: ScheduleBoard = {
    items,
    boneyard: keys.slice(scheduled.length),
  };
  const { result } = await transact(kv, async (tx) => {
    const { head } = await readWorkingBoard(tx);
    if (head.version > 0) return false;
    writeWorkingBoard(tx, head, board, now);
    return true;
  });
  return result;
}
