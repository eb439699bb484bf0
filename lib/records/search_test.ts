import assert from "node:assert/strict";
import { ForbiddenError } from "@/lib/errors.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { MAX_SEARCH_RESULTS } from "./shared.ts";
import { searchRecords } from "./search.ts";
import { demoWorld } from "./testing.ts";

Deno.test("record search - text in the title or detail, any case; the title's start first", async () => {
  const world = await demoWorld();
  try {
    const found = await searchRecords(world.as("producer"), "task", "HARBOUR");
    assert.ok(found.records.length >= 2);
    assert.ok(
      found.records.every((r) =>
        r.ref.type === "task" &&
        `${r.title} ${r.detail}`.toLowerCase().includes("harbour")
      ),
    );
    // A department is a task card's detail.
    const byDetail = await searchRecords(
      world.as("producer"),
      "task",
      "locations",
    );
    assert.ok(byDetail.records.length > 0);
    assert.ok(byDetail.records.every((r) => r.detail === "Locations"));
    const starts = await searchRecords(world.as("producer"), "task", "book");
    assert.ok(starts.records[0].title.toLowerCase().startsWith("book"));
    assert.deepEqual(
      (await searchRecords(world.as("producer"), "task", "no such words"))
        .records,
      [],
    );
  } finally {
    world.close();
  }
});

Deno.test("record search - crew find only their own tasks; roles without the module are refused", async () => {
  const world = await demoWorld();
  try {
    const own = await searchRecords(world.as("crew"), "task", "");
    const mine = (await tasks.list(world.kv)).filter((t) =>
      t.assigneeId === world.people.crew.id
    );
    assert.deepEqual(
      own.records.map((r) => r.ref.id).sort(),
      mine.map((t) => t.id).sort(),
    );
    await assert.rejects(
      searchRecords(world.as("crew"), "budget_category", ""),
      ForbiddenError,
    );
    await assert.rejects(
      searchRecords(world.as("production_manager"), "shot", ""),
      ForbiddenError,
    );
    await assert.rejects(
      searchRecords(world.as("distribution_manager"), "scene", ""),
      ForbiddenError,
    );
  } finally {
    world.close();
  }
});

Deno.test("record search - scenes by number (the exact number first) or heading, by key, omitted ones left out", async () => {
  const world = await demoWorld();
  try {
    const all = await searchRecords(world.as("director"), "scene", "");
    assert.ok(all.records.length > 0);
    assert.ok(all.records.every((r) => !r.detail.endsWith("omitted")));
    const [first] = all.records;
    const number = first.title.replace("Scene ", "");
    const byNumber = await searchRecords(world.as("director"), "scene", number);
    assert.equal(byNumber.records[0].title, first.title);
    assert.equal(byNumber.records[0].ref.id, first.ref.id);
    const heading = first.detail.split(" · ")[0];
    const byHeading = await searchRecords(
      world.as("director"),
      "scene",
      heading.toLowerCase(),
    );
    assert.ok(byHeading.records.some((r) => r.ref.id === first.ref.id));
  } finally {
    world.close();
  }
});

Deno.test("record search - at most 20, saying there are more; every kind answers cards of its kind", async () => {
  const world = await demoWorld();
  try {
    const all = await searchRecords(world.as("producer"), "element", "");
    assert.equal(all.records.length, MAX_SEARCH_RESULTS);
    assert.equal(all.more, true);
    for (
      const type of [
        "shot",
        "version",
        "asset",
        "expense",
        "budget_category",
      ] as const
    ) {
      const found = await searchRecords(world.as("producer"), type, "");
      assert.ok(found.records.length > 0, type);
      assert.ok(found.records.every((r) => r.ref.type === type), type);
      assert.ok(found.records.length <= MAX_SEARCH_RESULTS, type);
    }
    const lines = await searchRecords(
      world.as("production_manager"),
      "budget_category",
      "",
    );
    const codes = lines.records.map((r) => r.title.split(" ")[0]);
    assert.deepEqual(
      codes,
      [...codes].sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
    );
  } finally {
    world.close();
  }
});
