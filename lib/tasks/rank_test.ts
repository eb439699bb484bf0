import assert from "node:assert/strict";
import { byRank, RANK_PATTERN, rankBetween } from "./rank.ts";

Deno.test("rankBetween - always strictly between, and valid", () => {
  const cases: [string | null, string | null][] = [
    [null, null],
    ["U", null],
    [null, "U"],
    ["U", "V"],
    ["U", "UU"],
    ["1", "2"],
    ["zz", null],
    [null, "1"],
    [null, "01"],
    ["0z", "1"],
    ["abc", "abd"],
  ];
  for (const [a, b] of cases) {
    const r = rankBetween(a, b);
    assert.match(r, RANK_PATTERN, `${a}..${b} → ${r}`);
    if (a !== null) assert.ok(a < r, `${a} < ${r}`);
    if (b !== null) assert.ok(r < b, `${r} < ${b}`);
  }
});

Deno.test("rankBetween - 300 inserts at the same spot stay ordered and valid", () => {
  let low: string | null = null;
  const high = "U";
  const ranks: string[] = [];
  // The worst case: always just before the same card (≈ 6 per digit).
  for (let i = 0; i < 300; i++) {
    low = rankBetween(low, high);
    ranks.push(low);
  }
  assert.deepEqual([...ranks].sort(), ranks);
  assert.ok(ranks.every((r) => RANK_PATTERN.test(r)), ranks.at(-1));
  // Appending and prepending grow by a digit every ~30 moves.
  let last: string | null = null;
  let first: string | null = null;
  const appended: string[] = [];
  const prepended: string[] = [];
  for (let i = 0; i < 1000; i++) {
    appended.push(last = rankBetween(last, null));
    prepended.unshift(first = rankBetween(null, first));
  }
  assert.deepEqual([...appended].sort(), appended);
  assert.deepEqual([...prepended].sort(), prepended);
  assert.ok(last!.length <= 30 && first!.length <= 50, `${last} ${first}`);
  assert.ok([last!, first!].every((r) => RANK_PATTERN.test(r)));
});

Deno.test("rankBetween - refuses an inverted range", () => {
  assert.throws(() => rankBetween("V", "U"), RangeError);
  assert.throws(() => rankBetween("U", "U"), RangeError);
});

Deno.test("byRank - orders by rank then id", () => {
  const items = [
    { id: "b", rank: "U" },
    { id: "a", rank: "U" },
    { id: "c", rank: "1" },
  ];
  assert.deepEqual(items.sort(byRank).map((i) => i.id), ["c", "a", "b"]);
});
