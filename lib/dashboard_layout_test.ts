import assert from "node:assert/strict";
import { type CardPlan, lines, planColumns } from "./dashboard_layout.ts";

type K = "tasks" | "activity" | "news" | "online" | "team" | "modules";

Deno.test("planColumns - flexible cards go to the shorter stack, in order", () => {
  // Little work to show (a distribution manager): people move to the left.
  const few: CardPlan<K>[] = [
    { key: "tasks", height: 180, column: "main" },
    { key: "activity", height: 200, column: "main" },
    { key: "news", height: 230, column: "side" },
    { key: "online", height: 100, column: "either" },
    { key: "team", height: 270, column: "either" },
    { key: "modules", height: 100, column: "either" },
  ];
  assert.deepEqual(planColumns(few), {
    main: ["tasks", "activity", "modules"],
    side: ["news", "online", "team"],
  });
  // A long feed keeps everything else beside it.
  const busy = few.map((c) => c.key === "activity" ? { ...c, height: 900 } : c);
  assert.deepEqual(planColumns(busy), {
    main: ["tasks", "activity"],
    side: ["news", "online", "team", "modules"],
  });
});

Deno.test("lines - at least one, rounded up", () => {
  assert.equal(lines("", 40), 1);
  assert.equal(lines("x".repeat(40), 40), 1);
  assert.equal(lines("x".repeat(41), 40), 2);
});
