import assert from "node:assert/strict";
import {
  castLookup,
  deriveStrips,
  normaliseDayNight,
  stripOf,
  synopsisOf,
} from "./strips.ts";
import { scene } from "./testing.ts";

const CAST = castLookup([
  { name: "MARGIT", castNumber: 1 },
  { name: "Bram", castNumber: 2 },
  { name: "Old Gull", castNumber: 12 },
  { name: "Lantern", castNumber: null },
], [["Margit Olsen", 1]]);

Deno.test("strips - cast ids: numbers of the cast tags, ascending, whatever the spelling", () => {
  const s = stripOf(
    scene("4", { cast: ["old gull", "Bram", "MARGIT", "Margit Olsen", "Ida"] }),
    CAST,
  );
  // 12 sorts after 2 as a number; the alias and the case variant are one member.
  assert.deepEqual(s.castIds, [1, 2, 12]);
  assert.deepEqual(s.unnumberedCast, ["Ida"]);
});

Deno.test("strips - the scene's fields carry over; an omitted scene is flagged", () => {
  const s = stripOf(
    scene("7A", {
      setting: "EXT",
      location: "HARBOUR - PIER",
      heading: "EXT. HARBOUR - PIER - NIGHT",
      timeOfDay: "NIGHT",
      eighths: 11,
      status: "omitted",
    }),
    CAST,
  );
  assert.equal(s.sceneKey, "7A");
  assert.equal(s.sceneId, "scene-7A");
  assert.equal(s.number, "7A");
  assert.equal(s.setting, "EXT");
  assert.equal(s.dayNight, "NIGHT");
  assert.equal(s.set, "HARBOUR - PIER");
  assert.equal(s.eighths, 11);
  assert.equal(s.omitted, true);
  assert.equal(
    stripOf(scene("8", { status: "approved" }), CAST).omitted,
    false,
  );
});

Deno.test("strips - day/night from the heading's time of day", () => {
  const cases: [string | null, string][] = [
    ["DAY", "DAY"],
    ["NIGHT", "NIGHT"],
    ["LATER THAT NIGHT", "NIGHT"],
    ["MIDNIGHT", "NIGHT"],
    ["SUNRISE", "DAWN"],
    ["PRE-DAWN", "DAWN"],
    ["SUNSET", "DUSK"],
    ["MAGIC HOUR", "DUSK"],
    ["EARLY MORNING", "MORNING"],
    ["EVENING", "EVENING"],
    ["AFTERNOON", "DAY"],
    ["day", "DAY"],
    ["FLASHBACK", "OTHER"],
    [null, "OTHER"],
  ];
  for (const [timeOfDay, expected] of cases) {
    assert.equal(normaliseDayNight(timeOfDay), expected, String(timeOfDay));
  }
  // Whole words only: a NIGHTCLUB is no night.
  assert.equal(normaliseDayNight("NIGHTCLUB"), "OTHER");
});

Deno.test("strips - a time of day hidden before a suffix is found in the heading", () => {
  assert.equal(
    normaliseDayNight("FLASHBACK", "INT. HOUSE - NIGHT - FLASHBACK"),
    "NIGHT",
  );
  // The location itself is not read: "DAY ROOM" names a room.
  assert.equal(normaliseDayNight(null, "INT. DAY ROOM"), "OTHER");
});

Deno.test("strips - CONTINUOUS, SAME and LATER take the scene before, within a script", () => {
  assert.equal(normaliseDayNight("CONTINUOUS", undefined, "NIGHT"), "NIGHT");
  assert.equal(normaliseDayNight("CONT'D", undefined, "DUSK"), "DUSK");
  assert.equal(normaliseDayNight("MOMENTS LATER", undefined, "DAY"), "DAY");
  assert.equal(normaliseDayNight("CONTINUOUS"), "OTHER");
  const strips = deriveStrips([
    scene("1", { timeOfDay: "NIGHT" }),
    scene("2", { timeOfDay: "CONTINUOUS" }),
    scene("3", { timeOfDay: "SAME" }),
    scene("4", { timeOfDay: "CONTINUOUS", scriptId: "script-2" }),
  ], CAST);
  assert.deepEqual(strips.map((s) => s.dayNight), [
    "NIGHT",
    "NIGHT",
    "NIGHT",
    // The first scene of the next script does not inherit the last one's night.
    "OTHER",
  ]);
});

Deno.test("strips - synopsis: the first action line, emphasis removed", () => {
  assert.equal(
    synopsisOf([
      { type: "character", name: "MARGIT", extension: null, dual: false },
      { type: "dialogue", text: "Who's there?" },
      {
        type: "action",
        text: "  \n*Margit*   climbs the _stairs_.\nThe lamp dies.",
      },
      { type: "action", text: "Later action." },
    ]),
    "Margit climbs the stairs.",
  );
  assert.equal(synopsisOf([{ type: "dialogue", text: "Only talk." }]), "");
  assert.equal(synopsisOf([]), "");
});

Deno.test("strips - synopsis: cut at a word to 80 characters with an ellipsis", () => {
  const long =
    "Margit drags the heavy crate across the wet boards of the pier, past the " +
    "nets, towards the boat that is already leaving";
  const cut = synopsisOf([{ type: "action", text: long }]);
  assert.ok(cut.length <= 80, `${cut.length}: ${cut}`);
  assert.equal(
    cut,
    "Margit drags the heavy crate across the wet boards of the pier, past the nets…",
  );
  const exactly80 = "x".repeat(80);
  assert.equal(synopsisOf([{ type: "action", text: exactly80 }]), exactly80);
  // One long word is cut mid-word rather than thrown away.
  const word = synopsisOf([{ type: "action", text: "y".repeat(120) }]);
  assert.equal(word, `${"y".repeat(79)}…`);
});
