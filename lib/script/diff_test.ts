import assert from "node:assert/strict";
import { parseFountain } from "@/lib/fountain/mod.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { emptyBreakdown } from "./breakdown.ts";
import {
  type MatchableScene,
  matchScenes,
  type ParsedScene,
  planDraft,
  type PlannedScene,
} from "./diff.ts";
import type { Scene } from "./schemas.ts";

/** A scene for matching: heading "INT. <loc> - <time>", hash given. */
function m(
  number: string | null,
  location: string,
  hash: string,
  time = "DAY",
): MatchableScene {
  return { number, heading: `INT. ${location} - ${time}`, location, hash };
}

Deno.test("match: scene numbers decide, whatever the text or order", () => {
  const old = [m("1", "A", "a"), m("2", "B", "b"), m("3", "C", "c")];
  const next = [
    m("1", "A", "a"),
    m("3", "C", "c2"), // changed text
    m("2", "B", "b"), // moved
    m("3A", "D", "d"), // inserted
  ];
  assert.deepEqual(matchScenes(old, next), [0, 2, 1, null]);
});

Deno.test("match: two scenes with different numbers never match, even with the same text", () => {
  const old = [m("1", "A", "a"), m("2", "B", "b")];
  const next = [m("1", "A", "a"), m("5", "B", "b")];
  assert.deepEqual(matchScenes(old, next), [0, null]);
});

Deno.test("match: a repeated number counts only for its first scene", () => {
  const old = [m("1", "A", "a"), m("2", "B", "b")];
  const next = [m("1", "A", "a"), m("1", "B", "b")];
  // The second "1" is unnumbered for matching: found by its text.
  assert.deepEqual(matchScenes(old, next), [0, 1]);
});

Deno.test("match: numbers compare trimmed and without case", () => {
  assert.deepEqual(
    matchScenes([m("12a", "A", "x")], [m(" 12A ", "B", "y")]),
    [0],
  );
});

Deno.test("match: unnumbered scenes by identical text, anywhere", () => {
  const old = [m(null, "A", "a"), m(null, "B", "b"), m(null, "C", "c")];
  const next = [m(null, "C", "c"), m(null, "A", "a"), m(null, "B", "b")];
  assert.deepEqual(matchScenes(old, next), [2, 0, 1]);
});

Deno.test("match: repeated headings align in order around an insertion", () => {
  const old = [
    m(null, "KITCHEN", "k1"),
    m(null, "HALL", "h1"),
    m(null, "KITCHEN", "k2"),
    m(null, "KITCHEN", "k3"),
  ];
  const next = [
    m(null, "KITCHEN", "k1x"), // edited
    m(null, "HALL", "h1"),
    m(null, "KITCHEN", "new"), // inserted: which one is new is ambiguous…
    m(null, "KITCHEN", "k2"),
    m(null, "KITCHEN", "k3x"), // edited
  ];
  // …but k2 is anchored by its text, so the scene before it is the new one.
  assert.deepEqual(matchScenes(old, next), [0, 1, null, 2, 3]);
});

Deno.test("match: a heading changed in place (same location) is the same scene", () => {
  const old = [m(null, "A", "a"), m(null, "B", "b", "DAY"), m(null, "C", "c")];
  const next = [
    m(null, "A", "a"),
    m(null, "B", "b2", "NIGHT"),
    m(null, "C", "c"),
  ];
  assert.deepEqual(matchScenes(old, next), [0, 1, 2]);
});

Deno.test("match: a location is not matched across anchors", () => {
  // B was cut after A; another B scene was written after C. Not one scene.
  const old = [m(null, "A", "a"), m(null, "B", "b"), m(null, "C", "c")];
  const next = [
    m(null, "A", "a"),
    m(null, "C", "c"),
    m(null, "B", "b2", "NIGHT"),
  ];
  assert.deepEqual(matchScenes(old, next), [0, 2, null]);
  // With the very same heading it is one scene, moved and changed (pass 4).
  const same = [m(null, "A", "a"), m(null, "C", "c"), m(null, "B", "b2")];
  assert.deepEqual(matchScenes(old, same), [0, 2, 1]);
});

Deno.test("match: a unique heading that moved and changed is the same scene", () => {
  const old = [
    m(null, "A", "a"),
    m(null, "VAULT", "v"),
    m(null, "C", "c"),
    m(null, "D", "d"),
  ];
  const next = [
    m(null, "A", "a"),
    m(null, "C", "c"),
    m(null, "D", "d"),
    m(null, "VAULT", "v2"),
  ];
  assert.deepEqual(matchScenes(old, next), [0, 2, 3, 1]);
});

Deno.test("match: numbered scenes match unnumbered ones of the other draft by heuristics", () => {
  const old = [m(null, "A", "a"), m(null, "B", "b")];
  const next = [m("1", "A", "a"), m("2", "B", "b2")];
  assert.deepEqual(matchScenes(old, next), [0, 1]);
});

Deno.test("match: large drafts stay fast (greedy alignment past the LCS limit)", () => {
  const old = Array.from({ length: 3000 }, (_, i) => m(null, "X", `o${i}`));
  const next = Array.from({ length: 3000 }, (_, i) => m(null, "X", `n${i}`));
  const t = performance.now();
  const matched = matchScenes(old, next);
  assert.ok(performance.now() - t < 2000);
  assert.deepEqual(matched.slice(0, 3), [0, 1, 2]);
  assert.equal(matched.filter((o) => o !== null).length, 3000);
});

// --- planDraft -------------------------------------------------------------

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
