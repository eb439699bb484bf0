import assert from "node:assert/strict";
import {
  applyTaskEvent,
  column,
  dueOf,
  moveLocally,
  visible,
} from "./board.ts";
import type { Task } from "./schemas.ts";
import { task } from "./testing.ts";

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

Deno.test("board - a past due date reads as overdue, with the year when not this one", () => {
  const now = "2026-12-04T12:00:00Z";
  const due = (dueDate: string, status: Task["status"] = "todo") =>
    dueOf(task("a", status, "U", { dueDate }), "Europe/Oslo", now);
  assert.deepEqual(due("2026-11-20"), { date: "20 Nov", overdue: true });
  assert.deepEqual(due("2025-11-20"), { date: "20 Nov 2025", overdue: true });
  assert.deepEqual(due("2026-12-04"), { date: "4 Dec", overdue: false });
  assert.deepEqual(due("2027-01-10"), { date: "10 Jan 2027", overdue: false });
  // Done is done: never overdue.
  assert.deepEqual(due("2026-11-20", "done"), {
    date: "20 Nov",
    overdue: false,
  });
  assert.equal(dueOf(task("b", "todo", "U"), "Europe/Oslo", now), null);
});

Deno.test("board - overdue and the year follow the production's time zone", () => {
  // 23:30 UTC on 4 Dec is already 5 Dec in Oslo.
  const late = "2026-12-04T23:30:00Z";
  const dec4 = task("a", "todo", "U", { dueDate: "2026-12-04" });
  assert.equal(dueOf(dec4, "Europe/Oslo", late)!.overdue, true);
  assert.equal(dueOf(dec4, "UTC", late)!.overdue, false);
  // New Year arrives in Oslo an hour before UTC.
  const eve = "2026-12-31T23:30:00Z";
  const jan1 = task("b", "todo", "U", { dueDate: "2027-01-01" });
  assert.equal(dueOf(jan1, "Europe/Oslo", eve)!.date, "1 Jan");
  assert.equal(dueOf(jan1, "UTC", eve)!.date, "1 Jan 2027");
});
