import assert from "node:assert/strict";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { withKv } from "@/lib/store/testing.ts";
import { buildReports, countByStatus } from "./reports.ts";
import type { Scene } from "./schemas.ts";
import { createScript, getReports, updateScene } from "./service.ts";
import { emptyBreakdown } from "./shared.ts";
import { renameElement } from "@/lib/elements/service.ts";
import { findByTag } from "@/lib/elements/store.ts";
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

Deno.test("script reports - scenes by element and elements by scene, omitted scenes left out", () =>
  withKv(async (kv) => {
    const { script, scenes: list } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    for (const i of [0, 2, 4]) {
      await updateScene(as(kv, manager), script.id, list[i].id, {
        add: { props: ["Lantern"], vfx: i === 0 ? ["Beam"] : [] },
      });
    }
    await updateScene(as(kv, manager), script.id, list[4].id, {
      status: "omitted",
    });
    const lantern = (await findByTag(kv, "props", "Lantern"))!;
    await renameElement(as(kv, manager), lantern.id, { name: "Storm lantern" });
    const reports = await getReports(as(kv, crew), script.id);

    const row = reports.scenesByElement.find((r) =>
      r.element.name === "Storm lantern"
    )!;
    assert.deepEqual(row.element, {
      id: lantern.id,
      category: "props",
      name: "Storm lantern",
      castNumber: null,
    });
    assert.deepEqual(row.scenes.map((s) => s.number), ["1", "3"]);
    assert.equal(row.eighths, list[0].eighths + list[2].eighths);
    // By category (breakdown-sheet order), cast by number first.
    const categories = reports.scenesByElement.map((r) => r.element.category);
    assert.equal(categories[0], "cast");
    assert.equal(reports.scenesByElement[0].element.castNumber, 1);
    assert.ok(categories.indexOf("vfx") > categories.lastIndexOf("props"));
    assert.ok(categories.indexOf("locations") > categories.indexOf("vfx"));

    assert.equal(reports.elementsByScene.length, 9);
    const first = reports.elementsByScene[0];
    assert.equal(first.scene.number, "1");
    assert.deepEqual(
      first.elements.map((e) => `${e.category}:${e.name}`),
      [
        ...list[0].breakdown.cast.map((c) => `cast:${c}`),
        "props:Storm lantern",
        "vfx:Beam",
        ...list[0].breakdown.locations.map((l) => `locations:${l}`),
      ],
    );
    assert.ok(first.elements.every((e) => e.id !== null));
    assert.ok(!reports.elementsByScene.some((r) => r.scene.number === "5"));
  }));

Deno.test("script reports - a tag without an element counts as itself; an alias counts for its element", () => {
  const scene = (number: string, props: string[]) =>
    ({
      id: `s${number}`,
      number,
      index: Number(number) - 1,
      heading: `INT. ROOM ${number} - DAY`,
      location: `ROOM ${number}`,
      eighths: 8,
      status: "draft",
      breakdown: { ...emptyBreakdown(), props },
    }) as unknown as Scene;
  const rope = {
    id: "e-rope",
    category: "props" as const,
    name: "Rope",
    castNumber: null,
  };
  const reports = buildReports(
    [scene("1", ["Rope", "Net"]), scene("2", ["old rope"])],
    (_category, tag) =>
      ["rope", "old rope"].includes(tag.toLowerCase()) ? rope : null,
  );
  assert.deepEqual(
    reports.scenesByElement.map((r) => [
      r.element.id,
      r.element.name,
      r.scenes.map((s) => s.number),
    ]),
    [[null, "Net", ["1"]], ["e-rope", "Rope", ["1", "2"]]],
  );
});
