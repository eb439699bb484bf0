import assert from "node:assert/strict";
import { demoWorld } from "@/lib/records/testing.ts";
import { applyBoardOp, getSchedule } from "@/lib/schedule/service.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { seedCallSheet } from "./seed.ts";
import { getCallSheet } from "./service.ts";

Deno.test("seedCallSheet - a published sheet for a day of the board, silently, once", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    const office = world.people.production_manager;
    assert.equal(await seedCallSheet(world.kv, office), null, "no days yet");
    const [key] = (await getSchedule(pm)).board.boneyard;
    await applyBoardOp(pm, { op: "add_day" });
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: key,
      to: { day: 0, index: 0 },
    });
    const cursor = await latestEventId(world.kv);
    const sheet = await seedCallSheet(world.kv, office);
    assert.ok(sheet);
    assert.equal(await latestEventId(world.kv), cursor, "no events");
    assert.equal(sheet.status, "published");
    assert.deepEqual(sheet.scenes.map((s) => s.sceneKey), [key]);
    const view = await getCallSheet(world.as("crew"), sheet.id);
    assert.equal(view.canConfirm, true);
    assert.equal(await seedCallSheet(world.kv, office), null, "once");
  } finally {
    world.close();
  }
});
