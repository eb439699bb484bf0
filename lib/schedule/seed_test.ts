import assert from "node:assert/strict";
import { demoWorld } from "@/lib/records/testing.ts";
import { callSheets } from "@/lib/callsheets/store.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { seedSchedule } from "./seed.ts";
import { getSchedule } from "./service.ts";

Deno.test("seedSchedule - the first scenes over the first days, the rest in the boneyard, silently, once", async () => {
  const world = await demoWorld();
  try {
    const before = await getSchedule(world.as("director"));
    const cursor = await latestEventId(world.kv);
    assert.equal(await seedSchedule(world.kv, { days: 2, perDay: 3 }), true);
    assert.equal(await latestEventId(world.kv), cursor, "no events");
    const view = await getSchedule(world.as("director"));
    const keys = before.board.boneyard;
    assert.deepEqual(
      view.days.map((d) => d.rows.map((r) => r.type === "strip" && r.sceneKey)),
      [keys.slice(0, 3), keys.slice(3, 6)],
    );
    assert.deepEqual(view.board.boneyard, keys.slice(6));
    assert.equal(view.version, 1);
    assert.equal(await seedSchedule(world.kv), false, "once");
  } finally {
    world.close();
  }
});

Deno.test("demo seed - the schedule and a published call sheet come with the module data", async () => {
  const world = await demoWorld({ schedule: true });
  try {
    const view = await getSchedule(world.as("production_manager"));
    assert.equal(view.days.length, 4);
    assert.ok(view.days.every((d) => d.rows.length === 2));
    assert.ok(view.board.boneyard.length > 0, "some scenes left to schedule");
    const [sheet] = await callSheets.findBy(world.kv, "day", 1);
    assert.equal(sheet?.status, "published");
  } finally {
    world.close();
  }
});
