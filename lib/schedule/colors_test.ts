import assert from "node:assert/strict";
import {
  colorKeyOf,
  DEFAULT_STRIP_COLORS,
  inkOn,
  isHexColor,
  STRIP_COLOR_KEYS,
  stripStyle,
} from "./colors.ts";

Deno.test("colors - the four conventional strips: INT/EXT × DAY/NIGHT", () => {
  const background = (setting: "INT" | "EXT", dayNight: "DAY" | "NIGHT") =>
    stripStyle({ setting, dayNight }).background;
  assert.equal(background("INT", "DAY"), "#ffffff"); // white
  assert.equal(background("EXT", "DAY"), "#ffe873"); // yellow
  assert.equal(background("INT", "NIGHT"), "#8fb8f0"); // blue
  assert.equal(background("EXT", "NIGHT"), "#8fd19e"); // green
  // Four different colours, and dawn and dusk differ from all of them.
  const four = new Set(
    ["INT/DAY", "EXT/DAY", "INT/NIGHT", "EXT/NIGHT"].map((k) =>
      DEFAULT_STRIP_COLORS[k as keyof typeof DEFAULT_STRIP_COLORS]
    ),
  );
  assert.equal(four.size, 4);
  assert.ok(!four.has(DEFAULT_STRIP_COLORS["EXT/DAWN"]));
  assert.ok(!four.has(DEFAULT_STRIP_COLORS["INT/DUSK"]));
  assert.notEqual(
    DEFAULT_STRIP_COLORS["EXT/DAWN"],
    DEFAULT_STRIP_COLORS["EXT/DUSK"],
  );
});

Deno.test("colors - INT/EXT and EST strips are exteriors, no setting an interior", () => {
  assert.equal(colorKeyOf({ setting: "INT/EXT", dayNight: "DAY" }), "EXT/DAY");
  assert.equal(colorKeyOf({ setting: "EST", dayNight: "NIGHT" }), "EXT/NIGHT");
  assert.equal(colorKeyOf({ setting: null, dayNight: "DUSK" }), "INT/DUSK");
  // Morning is lit as day.
  assert.equal(
    stripStyle({ setting: "EXT", dayNight: "MORNING" }).background,
    stripStyle({ setting: "EXT", dayNight: "DAY" }).background,
  );
});

Deno.test("colors - every key has a default, and every default reads in black ink", () => {
  assert.equal(STRIP_COLOR_KEYS.length, 14);
  for (const key of STRIP_COLOR_KEYS) {
    assert.ok(isHexColor(DEFAULT_STRIP_COLORS[key]), key);
    assert.equal(inkOn(DEFAULT_STRIP_COLORS[key]), "black", key);
  }
});

Deno.test("colors - a production's colour wins, with legible ink; a bad one is ignored", () => {
  const colors = { "INT/NIGHT": "#1A237E", "EXT/DAY": "yellow" };
  assert.deepEqual(stripStyle({ setting: "INT", dayNight: "NIGHT" }, colors), {
    background: "#1a237e",
    ink: "white",
  });
  assert.deepEqual(stripStyle({ setting: "EXT", dayNight: "DAY" }, colors), {
    background: DEFAULT_STRIP_COLORS["EXT/DAY"],
    ink: "black",
  });
  assert.equal(inkOn("#000000"), "white");
  assert.equal(inkOn("#ffffff"), "black");
});
