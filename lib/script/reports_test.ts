import assert from "node:assert/strict";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { withKv } from "@/lib/store/testing.ts";
import { buildReports, countByStatus } from "./reports.ts";
import type { Scene } from "./schemas.ts";
import { createScript, getReports, updateScene } from "./service.ts";
import { as, crew, director, manager } from "./testing.ts";

Deno.test("script store - reports: scenes and eighths per set and per cast member", () =>
  withKv(async (kv) => {
    const { script, scenes: list } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    // A non-speaking cast member tagged by hand counts; an omitted scene does not.
    await updateScene(as(kv, manager), script.id, list[0].id, {
      add: { cast: ["Gull (puppet)"] },
    });
    await updateScene(as(kv, manager), script.id, list[4].id, {
      status: "omitted",
    });
    const reports = await getReports(as(kv, crew), script.id);
    assert.equal(reports.draftVersion, 1);
    assert.deepEqual(reports.totals, {
      scenes: 9,
      eighths: list.filter((_, i) => i !== 4).reduce(
        (n, s) => n + s.eighths,
        0,
      ),
      omitted: 1,
    });
    const locations = reports.byLocation.map((l) => l.location);
    assert.deepEqual(locations, [...locations].sort());
    assert.ok(!locations.includes("BRAM'S BOAT - MOVING"));
    const kitchen = reports.byLocation.find((l) =>
      l.location === "LIGHTHOUSE - KITCHEN"
    )!;
    assert.deepEqual(kitchen.scenes.map((s) => s.number), ["2", "7"]);
    assert.equal(kitchen.eighths, list[1].eighths + list[6].eighths);
    const jetty = reports.byLocation.find((l) => l.location === "JETTY")!;
    assert.deepEqual(jetty.scenes.map((s) => s.number), ["3", "10"]);
    const margit = reports.characters[0];
    assert.equal(margit.name, "MARGIT");
    assert.deepEqual(
      margit.scenes.map((s) => s.number),
      ["1", "2", "3", "4", "6", "8", "9", "10"],
    );
    const gull = reports.characters.find((c) => c.name === "Gull (puppet)")!;
    assert.deepEqual(gull.scenes.map((s) => s.index), [0]);
    // Coastguard speaks in 2, 5 (omitted) and 9.
    const coastguard = reports.characters.find((c) => c.name === "COASTGUARD")!;
    assert.deepEqual(coastguard.scenes.map((s) => s.number), ["2", "9"]);
    assert.deepEqual(buildReports([]).totals, {
      scenes: 0,
      eighths: 0,
      omitted: 0,
    });
  }));

Deno.test("script reports - scenes per status, every status counted", () => {
  const scene = (status: Scene["status"]) => ({ status }) as Scene;
  assert.deepEqual(
    countByStatus([scene("draft"), scene("approved"), scene("draft")]),
    { draft: 2, broken_down: 0, approved: 1, omitted: 0 },
  );
});
