import assert from "node:assert/strict";
import { createCategory } from "@/lib/budget/service.ts";
import type { Role } from "@/lib/roles.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { eventId, eventKey, latestEventId } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { transact } from "@/lib/store/transaction.ts";
import { createTask, deleteTask, updateTask } from "@/lib/tasks/service.ts";
import { insertMember } from "@/lib/team/members.ts";
import { sinceLastLooked } from "./service.ts";
import { hasNews, moreText } from "./shared.ts";
import { lastSeenKey, readMark } from "./store.ts";

const FIRST = new Date("2027-02-01T09:00:00.000Z");
const SECOND = new Date("2027-02-01T12:00:00.000Z");

/** A stored, active member with `role`, as a service actor. */
async function member(kv: Deno.Kv, role: Role, name: string) {
  const { result } = await transact(kv, (tx) =>
    insertMember(tx, kv, {
      username: `${role}-${crypto.randomUUID().slice(0, 8)}`,
      name,
      role,
      active: true,
      passwordHash: "unused",
    }));
  return { id: result.id, name: result.name, role } as ServiceActor;
}

/** Three members of a production and a context each. */
async function crewOf(kv: Deno.Kv) {
  const producer = await member(kv, "producer", "Dana Kowalski");
  const manager = await member(kv, "production_manager", "Paula Reyes");
  const crew = await member(kv, "crew", "Sam Ortiz");
  const as = (actor: ServiceActor, at = SECOND) =>
    serviceContext(kv, actor, () => at);
  return { producer, manager, crew, as };
}

const newTask = (title: string, assigneeId: string | null = null) => ({
  title,
  description: "",
  status: "todo" as const,
  priority: "medium" as const,
  assigneeId,
  department: "Production",
  dueDate: null,
});

Deno.test("sinceLastLooked - the first visit tells nothing and sets the mark", () =>
  withKv(async (kv) => {
    const { producer, manager, as } = await crewOf(kv);
    await createTask(as(producer), newTask("Storyboard the chase"));
    const first = await sinceLastLooked(as(manager, FIRST), "tasks");
    assert.equal(first.since, null);
    assert.deepEqual(first.lines, []);
    assert.equal(hasNews(first), false);
    assert.deepEqual(await readMark(kv, manager.id, "tasks"), {
      eventId: await latestEventId(kv),
      at: FIRST.toISOString(),
    });
    // Nothing happened since: a visit with a mark, and nothing to say.
    const again = await sinceLastLooked(as(manager), "tasks");
    assert.equal(again.since, FIRST.toISOString());
    assert.deepEqual(again.lines, []);
    assert.equal(hasNews(again), false);
  }));

Deno.test("sinceLastLooked - others' changes since the visit, one line per record, never the viewer's own", () =>
  withKv(async (kv) => {
    const { producer, manager, as } = await crewOf(kv);
    const chase = await createTask(
      as(producer),
      newTask("Storyboard the chase"),
    );
    const old = await createTask(as(producer), newTask("Book the crane"));
    await sinceLastLooked(as(manager, FIRST), "tasks");
    await updateTask(as(producer), chase.id, { status: "in_progress" });
    await updateTask(as(producer), chase.id, { status: "review" });
    await createTask(as(manager), newTask("My own task"));
    await updateTask(as(manager), old.id, { priority: "high" });
    const made = await createTask(as(producer), newTask("Scout the quarry"));
    const gone = await createTask(as(producer), newTask("Made and dropped"));
    await deleteTask(as(producer), gone.id);
    await deleteTask(as(producer), old.id);

    const since = await sinceLastLooked(as(manager), "tasks");
    assert.equal(since.since, FIRST.toISOString());
    assert.deepEqual(
      since.lines.map((l) => [l.kind, l.item.text]),
      [
        ["removed", "Dana Kowalski deleted the task “Book the crane”"],
        ["new", "Dana Kowalski created the task “Scout the quarry”"],
        ["changed", "Dana Kowalski moved “Storyboard the chase” to Review"],
      ],
    );
    assert.equal(since.lines[2].item.href, `/tasks/${chase.id}`);
    assert.equal(since.lines[0].item.href, null);
    assert.deepEqual(since.more, []);
    // The board can mark what is still on it.
    assert.deepEqual(since.marks, { [made.id]: "new", [chase.id]: "changed" });
    assert.equal(since.olderThanLog, false);
  }));

Deno.test("sinceLastLooked - only what the viewer's role may see: crew never hears of the budget or others' tasks", () =>
  withKv(async (kv) => {
    const { producer, crew, manager, as } = await crewOf(kv);
    await sinceLastLooked(as(crew, FIRST), "dashboard");
    await sinceLastLooked(as(manager, FIRST), "dashboard");
    await createCategory(as(producer), {
      name: "Camera rental",
      code: "2100",
      section: "below_the_line",
      allocatedCents: 500_000,
    });
    await createTask(as(producer), newTask("Not theirs"));
    await createTask(as(producer), newTask("Load the truck", crew.id));

    const crews = await sinceLastLooked(as(crew), "dashboard");
    assert.deepEqual(crews.lines.map((l) => l.item.text), [
      "Dana Kowalski created the task “Load the truck”",
    ]);
    const managers = await sinceLastLooked(as(manager), "dashboard");
    assert.deepEqual(managers.lines.map((l) => l.item.text), [
      "Dana Kowalski created the task “Load the truck”",
      "Dana Kowalski created the task “Not theirs”",
      "Dana Kowalski added the budget category Camera rental",
    ]);
  }));

Deno.test("sinceLastLooked - each page tells of its module's events; the dashboard of all", () =>
  withKv(async (kv) => {
    const { producer, manager, as } = await crewOf(kv);
    for (const page of ["tasks", "budget", "dashboard"] as const) {
      await sinceLastLooked(as(manager, FIRST), page);
    }
    await createCategory(as(producer), {
      name: "Catering",
      code: "3300",
      section: "below_the_line",
      allocatedCents: 100_000,
    });
    await createTask(as(producer), newTask("Order lunch"));
    const kinds = async (page: "tasks" | "budget" | "dashboard") =>
      (await sinceLastLooked(as(manager), page)).lines.map((l) => l.item.type);
    assert.deepEqual(await kinds("tasks"), ["task_update"]);
    assert.deepEqual(await kinds("budget"), ["budget_update"]);
    assert.deepEqual(await kinds("dashboard"), [
      "task_update",
      "budget_update",
    ]);
  }));

Deno.test("sinceLastLooked - many changes: eight lines, then the rest counted", () =>
  withKv(async (kv) => {
    const { producer, manager, as } = await crewOf(kv);
    const before = [];
    for (let i = 0; i < 9; i++) {
      before.push(await createTask(as(producer), newTask(`Old ${i}`)));
    }
    await sinceLastLooked(as(manager, FIRST), "tasks");
    for (let i = 0; i < 12; i++) {
      await createTask(as(producer), newTask(`New ${i}`));
    }
    for (const task of before.slice(0, 6)) {
      await updateTask(as(producer), task.id, { status: "done" });
    }
    for (const task of before.slice(6)) {
      await deleteTask(as(producer), task.id);
    }
    const since = await sinceLastLooked(as(manager), "tasks");
    assert.equal(since.lines.length, 8);
    // Newest first: the three deletions, then five of the six moves.
    assert.deepEqual(
      since.lines.map((l) => l.kind),
      ["removed", "removed", "removed", ...Array(5).fill("changed")],
    );
    assert.equal(
      moreText(since.more),
      "and 13 more changes: 1 task changed, 12 new",
    );
    assert.equal(Object.keys(since.marks).length, 6 + 12);
  }));

Deno.test("sinceLastLooked - the mark moves to the newest event at each visit", () =>
  withKv(async (kv) => {
    const { producer, manager, as } = await crewOf(kv);
    await sinceLastLooked(as(manager, FIRST), "tasks");
    await createTask(as(producer), newTask("One"));
    const seen = await sinceLastLooked(as(manager), "tasks");
    assert.equal(seen.lines.length, 1);
    assert.deepEqual(await readMark(kv, manager.id, "tasks"), {
      eventId: await latestEventId(kv),
      at: SECOND.toISOString(),
    });
    // Told once: the next visit has nothing new.
    assert.deepEqual((await sinceLastLooked(as(manager), "tasks")).lines, []);
    // Marks are per page: the dashboard was never visited.
    assert.equal(await readMark(kv, manager.id, "dashboard"), null);
    assert.equal(
      (await kv.get(lastSeenKey(producer.id, "tasks"))).value,
      null,
    );
  }));

Deno.test("sinceLastLooked - a visit older than the log says so and tells what the log still holds", () =>
  withKv(async (kv) => {
    const { producer, manager, as } = await crewOf(kv);
    await sinceLastLooked(as(manager, FIRST), "tasks");
    const mark = await readMark(kv, manager.id, "tasks");
    await createTask(as(producer), newTask("Expired"));
    await createTask(as(producer), newTask("Still logged"));
    // Retention expiry removes the oldest events first.
    await kv.delete(eventKey(eventId(Number(mark!.eventId) + 1)));
    const since = await sinceLastLooked(as(manager), "tasks");
    assert.equal(since.olderThanLog, true);
    assert.equal(since.retentionHours, 48);
    assert.deepEqual(since.lines.map((l) => l.item.text), [
      "Dana Kowalski created the task “Still logged”",
    ]);
    assert.equal(hasNews(since), true);
  }));

Deno.test("sinceLastLooked - a long absence reads only the newest events", () =>
  withKv(async (kv) => {
    const { producer, manager, as } = await crewOf(kv);
    await sinceLastLooked(as(manager, FIRST), "tasks");
    for (let i = 0; i < 6; i++) {
      await createTask(as(producer), newTask(`Task ${i}`));
    }
    const since = await sinceLastLooked(as(manager), "tasks", { scan: 4 });
    assert.equal(since.capped, true);
    assert.deepEqual(since.lines.map((l) => l.item.text), [
      "Dana Kowalski created the task “Task 5”",
      "Dana Kowalski created the task “Task 4”",
      "Dana Kowalski created the task “Task 3”",
      "Dana Kowalski created the task “Task 2”",
    ]);
  }));
