import assert from "node:assert/strict";
import type { Scene } from "@/lib/script/shared.ts";
import { scheduleNews } from "./ripple.ts";
import { board } from "./testing.ts";

function scene(key: string, change: Scene["change"]): Scene {
  return { key, number: key, heading: `INT. ${key}`, change } as Scene;
}

Deno.test("schedule ripple - omitted and changed scheduled scenes are named with their day", () => {
  const news = scheduleNews(3, [
    scene("1", "unchanged"),
    scene("2", "removed"),
    scene("3", "changed"),
    scene("9", "changed"),
    scene("10", "added"),
  ], board([["1", "2"], ["3"]], ["9"]));
  assert.deepEqual(
    news?.title,
    "Draft 3 omits scene 2 (day 1); changes scene 3 (day 2); adds 1 scene to the boneyard",
  );
});

Deno.test("schedule ripple - a draft that touches nothing scheduled is no news", () => {
  const b = board([["1"]], ["2"]);
  assert.equal(scheduleNews(2, [scene("2", "changed")], b), null);
  assert.equal(scheduleNews(2, [scene("1", "unchanged")], b), null);
});

Deno.test("schedule ripple - before anything is scheduled, new scenes are no news", () => {
  assert.equal(
    scheduleNews(2, [scene("5", "added")], board([], ["1"])),
    null,
  );
  assert.match(
    scheduleNews(2, [scene("5", "added")], board([["1"]]))!.title,
    /adds 1 scene to the boneyard/,
  );
});
