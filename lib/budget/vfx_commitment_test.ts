import assert from "node:assert/strict";
import { ValidationError } from "@/lib/errors.ts";
import { getProduction } from "@/lib/production/store.ts";
import { updateProduction } from "@/lib/production/service.ts";
import { demoWorld, eventsAfter } from "@/lib/records/testing.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { createShot, updateShot } from "@/lib/vfx/service.ts";
import { shots } from "@/lib/vfx/store.ts";
import { categories } from "./budget_store.ts";
import { getBudget } from "./service.ts";
import { commitmentOf } from "./vfx_commitment.ts";

Deno.test("vfx commitment - the bids of every shot not omitted, counted and summed", () => {
  assert.deepEqual(
    commitmentOf("c1", [
      { status: "in_progress", bidCents: 1_000 },
      { status: "omitted", bidCents: 5_000 },
      { status: "final", bidCents: 250 },
    ]),
    { categoryId: "c1", committedCents: 1_250, shots: 2 },
  );
});

Deno.test("vfx commitment - the chosen line shows the bids; a bid change, an omission and another line tell budget readers", async () => {
  const world = await demoWorld();
  try {
    const office = world.as("production_manager");
    assert.equal((await getBudget(office)).vfx, null, "no line chosen yet");
    const [line, other] = await categories.list(world.kv);
    const production = (await getProduction(world.kv))!;

    let after = await latestEventId(world.kv);
    await updateProduction(office, production.id, {
      vfxBudgetCategoryId: line.id,
    });
    const chosen = (await eventsAfter(world.kv, after))
      .filter((e) => e.type === "budget_update");
    assert.equal(chosen.length, 1);
    const data = chosen[0].data as { action: string; category: { id: string } };
    assert.equal(data.action, "committed_changed");
    assert.equal(data.category.id, line.id);
    assert.deepEqual(chosen[0].audience, {
      roles: ["producer", "production_manager"],
      users: [],
    });

    const all = await shots.list(world.kv);
    const expected = all.filter((s) => s.status !== "omitted")
      .reduce((n, s) => n + s.bidCents, 0);
    const before = (await getBudget(office)).vfx!;
    assert.equal(before.categoryId, line.id);
    assert.equal(before.committedCents, expected);

    // A bid raised by the VFX team.
    const shot = all.find((s) => s.status !== "omitted")!;
    after = await latestEventId(world.kv);
    await updateShot(world.as("vfx"), shot.id, {
      bidCents: shot.bidCents + 10_000,
    });
    const types = (await eventsAfter(world.kv, after)).map((e) => e.type);
    assert.deepEqual(types, ["vfx_update", "budget_update"]);
    assert.equal(
      (await getBudget(office)).vfx!.committedCents,
      expected + 10_000,
    );

    // The description alone commits nothing new: no budget event.
    after = await latestEventId(world.kv);
    await updateShot(world.as("vfx"), shot.id, { description: "Wider" });
    assert.deepEqual(
      (await eventsAfter(world.kv, after)).map((e) => e.type),
      ["vfx_update"],
    );

    // Omitted: its bid leaves the commitment.
    await updateShot(world.as("producer"), shot.id, { status: "omitted" });
    const omitted = (await getBudget(office)).vfx!;
    assert.equal(omitted.committedCents, expected - shot.bidCents);
    assert.equal(omitted.shots, before.shots - 1);

    // A new shot with a bid.
    after = await latestEventId(world.kv);
    await createShot(world.as("vfx"), {
      code: "NL_990_0010",
      sceneKey: null,
      description: "",
      frameIn: 1,
      frameOut: 10,
      vendor: "",
      bidCents: 700,
      assigneeId: null,
    });
    assert.ok(
      (await eventsAfter(world.kv, after)).some((e) =>
        e.type === "budget_update"
      ),
    );

    // Another line: the commitment moves; an unknown line is refused.
    await updateProduction(office, production.id, {
      vfxBudgetCategoryId: other.id,
    });
    assert.equal((await getBudget(office)).vfx!.categoryId, other.id);
    await assert.rejects(
      updateProduction(office, production.id, {
        vfxBudgetCategoryId: "no-such-line",
      }),
      ValidationError,
    );
    await updateProduction(office, production.id, {
      vfxBudgetCategoryId: null,
    });
    assert.equal((await getBudget(office)).vfx, null);
  } finally {
    world.close();
  }
});
