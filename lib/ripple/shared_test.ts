import assert from "node:assert/strict";
import { countsByKind } from "./shared.ts";

Deno.test("countsByKind - work first, then money, files and elements; schedule flags count scheduled scenes", () => {
  assert.deepEqual(
    countsByKind([
      "element",
      "schedule",
      "budget_category",
      "task",
      "schedule",
      "shot",
    ]),
    [
      ["tasks", 1],
      ["shots", 1],
      ["scheduled scenes", 2],
      ["budget lines", 1],
      ["elements", 1],
    ],
  );
});
