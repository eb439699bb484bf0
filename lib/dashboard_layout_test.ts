import assert from "node:assert/strict";
import { type CardPlan, lines, planColumns } from "./dashboard_layout.ts";

type K = "tasks" | "activity" | "news" | "online" | "team" | "modules";

Deno.test("planColumns - flexible cards split so the stacks end closest together, in order", () => {
  // Little work to show (a distribution manager): people move to the left.
  const few: CardPlan<K>[] = [
    { key: "tasks", height: 180, column: "main" },
    { key: "activity", height: 200, column: "main" },
    { key: "news", height: 230, column: "side" },
    { key: "online", height: 100, column: "either" },
    { key: "team", height: 270, column: "either" },
    { key: "modules", height: 100, column: "either" },
  ];
  // 396 + 2 × 116 = 628 beside 230 + 286 = 516: 112 px apart.
  assert.deepEqual(planColumns(few), {
    main: ["tasks", "activity", "online", "modules"],
    side: ["news", "team"],
  });
  // A long feed keeps everything else beside it.
  const busy = few.map((c) => c.key === "activity" ? { ...c, height: 900 } : c);
  assert.deepEqual(planColumns(busy), {
    main: ["tasks", "activity"],
    side: ["news", "online", "team", "modules"],
  });
});

Deno.test("planColumns - a tall flexible card last does not tip the balance", () => {
  // A director: the module list is long; filling the shorter stack card by
  // card would put it under the tasks and end 274 px apart.
  const director: CardPlan<K>[] = [
    { key: "tasks", height: 410, column: "main" },
    { key: "news", height: 90, column: "side" },
    { key: "online", height: 90, column: "either" },
    { key: "team", height: 270, column: "either" },
    { key: "modules", height: 330, column: "either" },
  ];
  assert.deepEqual(planColumns(director), {
    main: ["tasks", "team"],
    side: ["news", "online", "modules"],
  });
  assert.throws(
    () =>
      planColumns(
        Array.from({ length: 9 }, (_, i) => ({
          key: `c${i}` as K,
          height: 10,
          column: "either" as const,
        })),
      ),
    RangeError,
  );
});

Deno.test("lines - at least one, rounded up", () => {
  assert.equal(lines("", 40), 1);
  assert.equal(lines("x".repeat(40), 40), 1);
  assert.equal(lines("x".repeat(41), 40), 2);
});
