import assert from "node:assert/strict";
import { ELEMENT_CATEGORIES } from "@/lib/elements/shared.ts";
import { findByTag } from "@/lib/elements/store.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { getScript, updateScene } from "./service.ts";
import { scripts } from "./store.ts";
import { seedScript } from "./seed.ts";
import { as, crew, manager } from "./testing.ts";

Deno.test("script store - seedScript: the sample, broken down, two approved, no events", () =>
  withKv(async (kv) => {
    const head = await latestEventId(kv);
    assert.equal(
      await seedScript(kv, { director: { id: "u-dir", name: "Dana" } }),
      true,
    );
    assert.equal(
      await seedScript(kv, { director: { id: "u-dir", name: "Dana" } }),
      false,
    );
    assert.equal(await latestEventId(kv), head);
    const [script] = await scripts.list(kv);
    const detail = await getScript(as(kv, crew), script.id);
    assert.equal(detail.script.title, "Salt Light");
    assert.equal(detail.scenes.length, 10);
    const statuses = detail.scenes.map((s) => s.status);
    assert.equal(statuses.filter((s) => s === "approved").length, 2);
    assert.ok(statuses.filter((s) => s === "broken_down").length >= 2);
    assert.ok(statuses.includes("draft"));
    const approved = detail.scenes.filter((s) => s.status === "approved");
    assert.ok(approved.every((s) => s.approvedBy === "u-dir" && s.approvedAt));
    assert.ok(detail.scenes[1].breakdown.props.includes("Radio handset"));
    // Cast stays pre-filled.
    assert.deepEqual(detail.scenes[1].breakdown.cast, ["COASTGUARD", "MARGIT"]);
    // Every tag of the seeded breakdown has its element (none for notes).
    for (const scene of detail.scenes) {
      for (const category of ELEMENT_CATEGORIES) {
        for (const tag of scene.breakdown[category]) {
          assert.ok(await findByTag(kv, category, tag), `${category} ${tag}`);
        }
      }
    }
    assert.equal((await findByTag(kv, "cast", "MARGIT"))?.castNumber, 1);
    // The seeded breakdown is editable as usual.
    const next = await updateScene(
      as(kv, manager),
      script.id,
      detail.scenes[2].id,
      {
        add: { props: ["Buoy"] },
      },
    );
    assert.ok(next.breakdown.props.includes("Buoy"));
  }));
