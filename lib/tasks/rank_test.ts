import assert from "node:assert/strict";
import {
  byRank,
  RANK_PATTERN,
  RANK_SOFT_LIMIT,
  rankBetween,
  roomy,
  spreadBelow,
} from "./rank.ts";

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

Deno.test("spreadBelow - short, ordered, unique ranks below the first", () => {
  assert.deepEqual(spreadBelow("U", 3), ["7", "F", "M"]);
  for (const first of ["U", "1", "01", "0z", "zzzz", null]) {
    for (const n of [1, 2, 10, 61, 500]) {
      const ranks = spreadBelow(first, n);
      assert.equal(ranks.length, n);
      for (const [i, rank] of ranks.entries()) {
        assert.match(rank, RANK_PATTERN, `${first} ${n}: ${rank}`);
        assert.ok(roomy(rank), rank);
        if (first !== null) assert.ok(rank < first, `${rank} < ${first}`);
        if (i > 0) assert.ok(ranks[i - 1] < rank, `${ranks[i - 1]} < ${rank}`);
      }
    }
  }
  assert.deepEqual(spreadBelow("U", 0), []);
});

Deno.test("roomy - the soft limit leaves room to extend", () => {
  assert.equal(roomy("z".repeat(RANK_SOFT_LIMIT)), true);
  assert.equal(roomy("z".repeat(RANK_SOFT_LIMIT + 1)), false);
  assert.ok(RANK_SOFT_LIMIT * 2 <= 128);
});
