import assert from "node:assert/strict";
import { isFiltering, matchesFilter, setsOf } from "./filter.ts";
import { strip } from "./testing.ts";

const kitchen = strip("1", [1, 3], { set: "LIGHTHOUSE - KITCHEN" });
const harbour = strip("2", [2], {
  set: "HARBOUR",
  setting: "EXT",
  dayNight: "NIGHT",
});
const boat = strip("3", [1], { set: "BOAT", setting: "INT/EXT" });

Deno.test("filter - an empty filter lets every strip through", () => {
  assert.equal(isFiltering({}), false);
  for (const s of [kitchen, harbour, boat]) assert.ok(matchesFilter(s, {}));
});

Deno.test("filter - by cast number, set, side and time of day, all conditions at once", () => {
  const lit = (f: Parameters<typeof matchesFilter>[1]) =>
    [kitchen, harbour, boat].filter((s) => matchesFilter(s, f)).map((s) =>
      s.sceneKey
    );
  assert.deepEqual(lit({ castId: 1 }), ["1", "3"]);
  assert.deepEqual(lit({ set: "HARBOUR" }), ["2"]);
  assert.deepEqual(lit({ side: "EXT" }), ["2", "3"], "INT/EXT is exterior");
  assert.deepEqual(lit({ side: "INT" }), ["1"]);
  assert.deepEqual(lit({ dayNight: "NIGHT" }), ["2"]);
  assert.deepEqual(lit({ castId: 1, side: "EXT" }), ["3"]);
  assert.ok(isFiltering({ castId: 1 }));
});

Deno.test("filter - the sets offered, A–Z, once each", () => {
  assert.deepEqual(setsOf([kitchen, harbour, boat, kitchen]), [
    "BOAT",
    "HARBOUR",
    "LIGHTHOUSE - KITCHEN",
  ]);
});
