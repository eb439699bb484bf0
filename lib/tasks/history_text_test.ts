import assert from "node:assert/strict";
import { describeChange, describeTaskEntry } from "./history_text.ts";

const names = { u1: "Paula Reyes", u2: "Sam Lindqvist" };

Deno.test("describeChange - labels fields and values, never ids", () => {
  const say = (field: string, from: unknown, to: unknown) =>
    describeChange({ field, from, to }, names);
  assert.equal(
    say("status", "todo", "in_progress"),
    "changed status from To do to In progress",
  );
  assert.equal(
    say("priority", "medium", "urgent"),
    "changed priority from Medium to Urgent",
  );
  assert.equal(
    say("assigneeId", null, "u2"),
    "changed assignee from Unassigned to Sam Lindqvist",
  );
  assert.equal(
    say("assigneeId", "u2", "gone"),
    "changed assignee from Sam Lindqvist to a former team member",
  );
  assert.equal(
    say("dueDate", null, "2027-03-01"),
    "set due date to 1 Mar 2027",
  );
  assert.equal(
    say("dueDate", "2027-03-01", null),
    "cleared due date (was 1 Mar 2027)",
  );
  assert.equal(say("title", "A", "B"), "changed title from “A” to “B”");
  assert.equal(say("description", "", "Long text"), "added a description");
  assert.equal(say("description", "a", "b"), "edited the description");
  assert.equal(say("description", "a", ""), "removed the description");
});

Deno.test("describeTaskEntry - who, all changes in one sentence, when in the zone", () => {
  const line = describeTaskEntry(
    {
      version: 3,
      at: "2026-12-03T13:05:00.000Z",
      actor: { id: "u1", name: "Paula R." },
      action: "updated",
      changes: [
        { field: "status", from: "todo", to: "in_progress" },
        { field: "assigneeId", from: null, to: "u2" },
        { field: "priority", from: "low", to: "high" },
      ],
    },
    names,
    "Europe/Oslo",
  );
  assert.equal(line.who, "Paula Reyes");
  assert.equal(
    line.what,
    "changed status from To do to In progress, assignee from Unassigned to Sam Lindqvist and priority from Low to High",
  );
  assert.equal(line.when, "3 Dec 2026, 14:05");
  assert.equal(line.iso, "2026-12-03T13:05:00.000Z");
  // Someone no longer on the team keeps the name recorded at the time.
  const created = describeTaskEntry(
    {
      version: 1,
      at: "2026-12-01T09:00:00.000Z",
      actor: { id: "gone", name: "Former Member" },
      action: "created",
      changes: [{ field: "title", from: null, to: "T" }],
    },
    names,
    "UTC",
  );
  assert.equal(
    `${created.who} ${created.what}`,
    "Former Member created the task",
  );
});
