import assert from "node:assert/strict";
import { type MatchableScene, matchScenes } from "./scene_match.ts";

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
