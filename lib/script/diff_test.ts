import assert from "node:assert/strict";
import { parseFountain } from "@/lib/fountain/mod.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { emptyBreakdown } from "./breakdown.ts";
import { type ParsedScene, planDraft, type PlannedScene } from "./diff.ts";
import type { Scene } from "./schemas.ts";

let counter = 0;
const key = () => `k${++counter}`;

function stored(planned: PlannedScene[], draftVersion: number): Scene[] {
  return planned.map((s) => ({
    ...s,
    id: `d${draftVersion}-${s.position}`,
    version: 1,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    scriptId: "script",
    draftVersion,
    importId: `import-${draftVersion}`,
  }));
}

async function parse(source: string): Promise<ParsedScene[]> {
  return (await parseFountain(source)).scenes;
}

Deno.test("plan: a first draft is all added, draft, with cast and location pre-filled", async () => {
  const parsed = await parse(SAMPLE_SCREENPLAY);
  const { scenes, summary } = planDraft([], parsed, key);
  assert.deepEqual(summary, {
    added: 10,
    removed: 0,
    changed: 0,
    unchanged: 0,
  });
  assert.equal(scenes.length, 10);
  assert.ok(scenes.every((s) => s.status === "draft" && s.change === "added"));
  assert.deepEqual(scenes.map((s) => s.position), [...Array(10).keys()]);
  assert.equal(new Set(scenes.map((s) => s.key)).size, 10);
  const jetty = scenes[2];
  assert.equal(jetty.heading, "EXT. JETTY - DAY");
  assert.deepEqual(jetty.breakdown.cast, ["ELLA", "BRAM", "MARGIT"]);
  assert.deepEqual(jetty.breakdown.locations, ["JETTY"]);
  assert.deepEqual(jetty.breakdown.props, []);
  assert.equal(jetty.text[0].type, "action");
  assert.equal(jetty.previousId, null);
});

const DRAFT_1 = `INT. KITCHEN - DAY #1#

Margit makes tea.

MARGIT
Tea?

EXT. JETTY - DAY #2#

Bram ties up the boat.

INT. LAMP ROOM - NIGHT #3#

The lens turns.

EXT. CLIFF - DUSK #4#

Wind.
`;

// Scene 1 unchanged, 2 changed (new speaker), 3 removed, 4 unchanged, 3A added.
const DRAFT_2 = `INT. KITCHEN - DAY #1#

Margit makes tea.

MARGIT
Tea?

EXT. JETTY - DAY #2#

Bram ties up the boat. Ella jumps ashore.

ELLA
Grandma!

EXT. CLIFF - DUSK #4#

Wind.

INT. STAIRWELL - NIGHT #4A#

Footsteps.
`;

Deno.test("plan: a new draft marks added, removed, changed and unchanged and carries the breakdown", async () => {
  const first = stored(planDraft([], await parse(DRAFT_1), key).scenes, 1);
  // The production worked on draft 1.
  const [kitchen, jetty, lamp, cliff] = first;
  Object.assign(kitchen, {
    status: "approved",
    notes: "Practical kettle",
    approvedBy: "u-dir",
    approvedByName: "Dana",
    approvedAt: "2025-01-02T00:00:00.000Z",
  });
  kitchen.breakdown.props = ["Kettle"];
  Object.assign(jetty, {
    status: "approved",
    notes: "Low tide",
    approvedBy: "u-dir",
    approvedByName: "Dana",
    approvedAt: "2025-01-02T00:00:00.000Z",
  });
  jetty.breakdown.vehicles = ["Supply boat"];
  lamp.status = "broken_down";
  lamp.breakdown.props = ["Lens"];
  cliff.status = "broken_down";

  const { scenes, summary } = planDraft(first, await parse(DRAFT_2), key);
  assert.deepEqual(summary, { added: 1, removed: 1, changed: 1, unchanged: 2 });
  assert.deepEqual(
    scenes.map((s) => [s.number, s.change, s.status, s.position]),
    [
      ["1", "unchanged", "approved", 0],
      ["2", "changed", "broken_down", 1],
      ["3", "removed", "omitted", 2],
      ["4", "unchanged", "broken_down", 3],
      ["4A", "added", "draft", 4],
    ],
  );
  const [k2, j2, l2, c2, s2] = scenes;
  // Unchanged: everything carried over, same key, linked to the old record.
  assert.equal(k2.key, kitchen.key);
  assert.equal(k2.previousId, kitchen.id);
  assert.deepEqual(k2.breakdown, kitchen.breakdown);
  assert.equal(k2.notes, "Practical kettle");
  assert.equal(k2.approvedBy, "u-dir");
  assert.equal(k2.needsReview, false);
  // Changed and approved: back to broken down, flagged for review, the
  // breakdown kept plus the new speaking character.
  assert.equal(j2.key, jetty.key);
  assert.equal(j2.needsReview, true);
  assert.equal(j2.approvedBy, null);
  assert.equal(j2.notes, "Low tide");
  assert.deepEqual(j2.breakdown.vehicles, ["Supply boat"]);
  assert.deepEqual(j2.breakdown.cast, ["ELLA"]);
  assert.match(JSON.stringify(j2.text), /Ella jumps ashore/);
  // Removed: kept with its breakdown, omitted, where it stood.
  assert.equal(l2.key, lamp.key);
  assert.equal(l2.heading, "INT. LAMP ROOM - NIGHT");
  assert.deepEqual(l2.breakdown.props, ["Lens"]);
  assert.equal(l2.needsReview, false);
  assert.equal(c2.key, cliff.key);
  // Added: a new key, fresh breakdown.
  assert.ok(![kitchen, jetty, lamp, cliff].some((s) => s.key === s2.key));
  assert.equal(s2.previousId, null);
  assert.deepEqual(s2.breakdown.locations, ["STAIRWELL"]);
});

Deno.test("plan: a changed scene that was not approved keeps its status and no review flag", async () => {
  const first = stored(planDraft([], await parse(DRAFT_1), key).scenes, 1);
  first[0].status = "draft";
  first[1].status = "broken_down";
  first[2].status = "omitted";
  const edited = DRAFT_1.replace("makes tea", "makes coffee")
    .replace("ties up", "unties").replace("lens turns", "lens stops");
  const { scenes, summary } = planDraft(first, await parse(edited), key);
  assert.equal(summary.changed, 3);
  assert.deepEqual(
    scenes.map((s) => [s.change, s.status, s.needsReview]),
    [
      ["changed", "draft", false],
      ["changed", "broken_down", false],
      ["changed", "omitted", false],
      ["unchanged", "draft", false],
    ],
  );
});

Deno.test("plan: a pending review flag survives later drafts until approval", async () => {
  const first = stored(planDraft([], await parse(DRAFT_1), key).scenes, 1);
  first[1].status = "approved";
  const second = stored(
    planDraft(first, await parse(DRAFT_1.replace("ties up", "unties")), key)
      .scenes,
    2,
  );
  assert.equal(second[1].needsReview, true);
  // Unchanged in draft 3: still flagged. Changed again: still flagged.
  const same = planDraft(
    second,
    await parse(DRAFT_1.replace("ties up", "unties")),
    key,
  );
  assert.equal(same.scenes[1].needsReview, true);
  assert.equal(same.scenes[1].change, "unchanged");
  const again = planDraft(
    second,
    await parse(DRAFT_1.replace("ties up", "lets go")),
    key,
  );
  assert.equal(again.scenes[1].needsReview, true);
  assert.equal(again.scenes[1].change, "changed");
});

Deno.test("plan: removed scenes at the start and the end stay in place", async () => {
  const first = stored(planDraft([], await parse(DRAFT_1), key).scenes, 1);
  const start = DRAFT_1.indexOf("EXT. JETTY");
  const middle = DRAFT_1.slice(start, DRAFT_1.indexOf("EXT. CLIFF"));
  const { scenes } = planDraft(first, await parse(middle), key);
  assert.deepEqual(
    scenes.map((s) => [s.number, s.change]),
    [["1", "removed"], ["2", "unchanged"], ["3", "unchanged"], [
      "4",
      "removed",
    ]],
  );
});

Deno.test("plan: renumbering is not a change of text", async () => {
  const first = stored(
    planDraft([], await parse(DRAFT_1.replace(/ #\d+#/g, "")), key).scenes,
    1,
  );
  const { summary, scenes } = planDraft(first, await parse(DRAFT_1), key);
  assert.deepEqual(summary, { added: 0, removed: 0, changed: 0, unchanged: 4 });
  assert.deepEqual(scenes.map((s) => s.number), ["1", "2", "3", "4"]);
});

Deno.test("plan: pre-filled tags respect the tag limits", async () => {
  const long = "X".repeat(150);
  const [scene] = await parse(`INT. ${long} - DAY\n\nHi.\n`);
  const { scenes } = planDraft([], [scene], key);
  assert.equal(scenes[0].breakdown.locations[0].length, 100);
  assert.deepEqual(
    Object.keys(scenes[0].breakdown),
    Object.keys(emptyBreakdown()),
  );
});
