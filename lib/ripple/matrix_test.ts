/**
 * Every kind of scene change × every kind of record that depends on a
 * scene: a renumbered, a changed and an omitted scene, each with a linked
 * task, shot, expense, budget line and file (and the shots, elements and
 * cast the scenes carry themselves). Each dependent gets exactly one flag
 * with the scene's impact; re-importing the same draft adds none.
 */
import assert from "node:assert/strict";
import { assets } from "@/lib/assets/store.ts";
import { categories, expenses } from "@/lib/budget/budget_store.ts";
import { findByTag } from "@/lib/elements/store.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { createLink } from "@/lib/links/service.ts";
import type { RecordRef } from "@/lib/records/shared.ts";
import { demoWorld } from "@/lib/records/testing.ts";
import { createScript } from "@/lib/script/service.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { shots } from "@/lib/vfx/store.ts";
import { importRevision, listRipple } from "./service.ts";
import { flags } from "./store.ts";

/**
 * The sample without scene numbers: scenes are numbered by position, so
 * cutting one renumbers every scene after it.
 */
const BASE = SAMPLE_SCREENPLAY.replace(/ #\d+#/g, "");

/**
 * Scene 5 cut (so 6 becomes 5: renumbered), scene 7 rewritten with a new
 * voice (changed).
 */
const REVISED = BASE
  .replace(
    "The storm hits. Rain hammers the window.",
    "The storm hits hard. Rain hammers the window.\n\nKEEPER (V.O.)\nHold the light, Margit.",
  )
  .replace(/INT\.\/EXT\. BRAM'S BOAT[\s\S]*?raincoat\.\n\n/, "");

Deno.test("ripple matrix - each kind of change flags each kind of dependent once", async () => {
  const world = await demoWorld();
  try {
    const kv = world.kv;
    const { script, scenes } = await createScript(world.as("director"), {
      title: "Salt Light, unnumbered",
      source: BASE,
    });
    const key = (n: string) => scenes[Number(n) - 1].key;
    const [t1, t2, t3] = await tasks.list(kv);
    const [e1, e2, e3] = await expenses.list(kv);
    const [c1, c2, c3] = await categories.list(kv);
    const [f1, f2, f3] = await assets.list(kv);
    const free = (await shots.list(kv)).filter((s) => s.sceneKey === null);
    assert.ok(free.length >= 3, "the demo has shots with no scene");
    const plan: [string, RecordRef[]][] = [
      ["6", [
        { type: "task", id: t1.id },
        { type: "expense", id: e1.id },
        { type: "budget_category", id: c1.id },
        { type: "shot", id: free[0].id },
      ]],
      ["7", [
        { type: "task", id: t2.id },
        { type: "expense", id: e2.id },
        { type: "budget_category", id: c2.id },
        { type: "shot", id: free[1].id },
      ]],
      ["5", [
        { type: "task", id: t3.id },
        { type: "expense", id: e3.id },
        { type: "budget_category", id: c3.id },
        { type: "shot", id: free[2].id },
      ]],
    ];
    const who = {
      task: "producer",
      expense: "production_manager",
      budget_category: "production_manager",
      shot: "vfx",
    } as const;
    for (const [number, refs] of plan) {
      for (const ref of refs) {
        await createLink(world.as(who[ref.type as keyof typeof who]), ref, {
          type: "scene",
          id: key(number),
        });
      }
    }
    // Files hang off the scenes (a storyboard), linked from the scene.
    const files: [string, RecordRef][] = [
      ["6", { type: "asset", id: f1.id }],
      ["7", { type: "asset", id: f2.id }],
      ["5", { type: "asset", id: f3.id }],
    ];
    for (const [number, file] of files) {
      await createLink(
        world.as("director"),
        { type: "scene", id: key(number) },
        file,
      );
    }

    const detail = await importRevision(world.as("director"), script.id, {
      source: REVISED,
    });
    const all = await flags.list(kv);
    const impactOf = (ref: RecordRef, scene: string) =>
      all.filter((f) =>
        f.record.type === ref.type && f.record.id === ref.id &&
        f.sceneKey === key(scene)
      ).map((f) => f.impact);
    const expected = { "6": "renumbered", "7": "changed", "5": "removed" };
    for (const [number, refs] of plan) {
      for (
        const ref of [
          ...refs,
          ...files.filter(([n]) => n === number).map(([, f]) => f),
        ]
      ) {
        assert.deepEqual(
          impactOf(ref, number),
          [expected[number as keyof typeof expected]],
          `${ref.type} on scene ${number}`,
        );
      }
    }
    // The new voice's cast element, the cut scene's cast.
    const keeper = await findByTag(kv, "cast", "KEEPER");
    assert.ok(keeper, "the new voice has its cast element");
    assert.deepEqual(impactOf({ type: "element", id: keeper.id }, "7"), [
      "changed",
    ]);
    const bram = await findByTag(kv, "cast", "BRAM");
    assert.deepEqual(impactOf({ type: "element", id: bram!.id }, "5"), [
      "removed",
    ]);
    const renumbered = all.find((f) => f.impact === "renumbered")!;
    assert.deepEqual(
      [renumbered.detail.before.number, renumbered.detail.after?.number],
      ["6", "5"],
    );
    assert.equal(detail.ripple.flags, all.length);

    // The same draft again: nothing changes, nothing new is flagged.
    const again = await importRevision(world.as("director"), script.id, {
      source: REVISED,
    });
    assert.equal(again.ripple.flags, 0);
    assert.equal((await flags.list(kv)).length, all.length);
    assert.equal((await listRipple(world.as("producer"))).open, all.length);
  } finally {
    world.close();
  }
});
