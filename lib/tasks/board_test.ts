import assert from "node:assert/strict";
import { applyTaskEvent, column, moveLocally, visible } from "./board.ts";
import type { Task } from "./schemas.ts";

const task = (
  id: string,
  status: Task["status"],
  rank: string,
  extra: Partial<Task> = {},
): Task => ({
  id,
  version: 1,
  createdAt: "",
  updatedAt: "",
  title: id,
  description: "",
  status,
  priority: "medium",
  assigneeId: null,
  department: "",
  dueDate: null,
  createdBy: "p",
  rank,
  ...extra,
});

const manager = { id: "m", management: true };
const crew = { id: "c", management: false };

Deno.test("board - crew see only their own tasks; filters apply", () => {
  const mine = task("a", "todo", "U", { assigneeId: "c", priority: "high" });
  const other = task("b", "todo", "V", { assigneeId: "x" });
  assert.equal(visible(mine, crew, {}), true);
  assert.equal(visible(other, crew, {}), false);
  assert.equal(visible(other, manager, {}), true);
  assert.equal(visible(mine, manager, { priority: "low" }), false);
  assert.equal(
    visible(mine, manager, { assignee: "c", priority: "high" }),
    true,
  );
});

Deno.test("board - moving a card between two others", () => {
  const tasks = [
    task("a", "todo", "F"),
    task("b", "todo", "N"),
    task("c", "review", "U"),
  ];
  const { tasks: after, rank } = moveLocally(tasks, "c", "todo", 1);
  assert.ok("F" < rank && rank < "N");
  assert.deepEqual(column(after, "todo").map((t) => t.id), ["a", "c", "b"]);
  const top = moveLocally(after, "b", "todo", 0);
  assert.deepEqual(column(top.tasks, "todo").map((t) => t.id), ["b", "a", "c"]);
});

Deno.test("board - live events upsert, remove and never go back in version", () => {
  let tasks = [task("a", "todo", "U")];
  tasks = applyTaskEvent(
    tasks,
    { action: "created", task: task("b", "review", "U") },
    manager,
    {},
  );
  assert.equal(tasks.length, 2);
  tasks = applyTaskEvent(
    tasks,
    { action: "updated", task: task("a", "done", "U", { version: 3 }) },
    manager,
    {},
  );
  assert.equal(tasks.find((t) => t.id === "a")!.status, "done");
  // A late, older event does not undo the newer state.
  tasks = applyTaskEvent(
    tasks,
    { action: "updated", task: task("a", "todo", "U", { version: 2 }) },
    manager,
    {},
  );
  assert.equal(tasks.find((t) => t.id === "a")!.status, "done");
  tasks = applyTaskEvent(
    tasks,
    { action: "deleted", task: task("b", "review", "U") },
    manager,
    {},
  );
  assert.deepEqual(tasks.map((t) => t.id), ["a"]);
  // Reassigned away from the crew member: it leaves their board.
  const mine = [task("m1", "todo", "U", { assigneeId: "c" })];
  const gone = applyTaskEvent(
    mine,
    {
      action: "updated",
      task: task("m1", "todo", "U", { assigneeId: "x", version: 2 }),
    },
    crew,
    {},
  );
  assert.deepEqual(gone, []);
});
