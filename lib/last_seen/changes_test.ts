import assert from "node:assert/strict";
import { collectChanges, eventActorId, subjectOf } from "./changes.ts";

const viewer = { id: "me", role: "producer" as const };
let seq = 0;
/** An event of the log as the services write it. */
function logged(type: string, data: Record<string, unknown>) {
  seq++;
  return { id: String(seq).padStart(16, "0"), ts: seq, type, data };
}

Deno.test("subjectOf - the record of each module's event, and whether it made or removed it", () => {
  const cases: [string, Record<string, unknown>, unknown][] = [
    ["task_update", { action: "created", task: { id: "t1" } }, [
      "task",
      "t1",
      true,
      false,
    ]],
    ["budget_update", { action: "expense_deleted", expense: { id: "e1" } }, [
      "expense",
      "e1",
      false,
      true,
    ]],
    ["budget_update", { action: "category_updated", category: { id: "c1" } }, [
      "budget_category",
      "c1",
      false,
      false,
    ]],
    [
      "script_update",
      { action: "imported", script: { id: "s1" }, version: { number: 1 } },
      ["script", "s1", true, false],
    ],
    [
      "script_update",
      { action: "imported", script: { id: "s1" }, version: { number: 3 } },
      ["script", "s1", false, false],
    ],
    ["script_update", {
      action: "scene_updated",
      scene: { id: "sc9", key: "k12" },
    }, ["scene", "k12", false, false]],
    ["vfx_update", { action: "shot_created", shot: { id: "sh1" } }, [
      "shot",
      "sh1",
      true,
      false,
    ]],
    ["asset_update", { action: "deleted", asset: { id: "a1" } }, [
      "file",
      "a1",
      false,
      true,
    ]],
    ["announcement", { id: "n1", message: "Wrap party" }, [
      "announcement",
      "n1",
      true,
      false,
    ]],
    ["user_update", { action: "removed", user: { id: "u1" } }, [
      "member",
      "u1",
      false,
      true,
    ]],
  ];
  for (const [type, data, want] of cases) {
    const s = subjectOf({ type, data });
    assert.deepEqual(
      s && [s.noun, s.id, s.creates, s.removes],
      want,
      `${type} ${data.action}`,
    );
  }
  // About no one record: their own features tell of them.
  assert.equal(subjectOf({ type: "comment_update", data: {} }), null);
  assert.equal(subjectOf({ type: "task_update", data: {} }), null);
});

Deno.test("eventActorId - `by`, or an announcement's `from`", () => {
  assert.equal(eventActorId({ data: { by: { id: "u1" } } }), "u1");
  assert.equal(eventActorId({ data: { from: { id: "u2" } } }), "u2");
  assert.equal(eventActorId({ data: null }), null);
});

Deno.test("collectChanges - one change per record, its newest line; made-and-removed left out", () => {
  const task = (id: string, title: string, status = "todo") => ({
    id,
    title,
    status,
    assigneeId: null,
  });
  const by = { id: "u1", name: "Dana Kowalski" };
  const changes = collectChanges([
    logged("task_update", {
      action: "updated",
      task: task("t1", "Chase", "in_progress"),
      changed: ["status"],
      by,
    }),
    logged("task_update", { action: "created", task: task("t2", "Brief"), by }),
    logged("task_update", {
      action: "created",
      task: task("t3", "Ephemeral"),
      by,
    }),
    logged("task_update", {
      action: "updated",
      task: task("t1", "Chase", "review"),
      changed: ["status"],
      by,
    }),
    logged("task_update", {
      action: "deleted",
      task: task("t3", "Ephemeral"),
      by,
    }),
    logged("link_update", { action: "linked", by }),
  ], { viewer });
  assert.deepEqual(changes.map((c) => [c.kind, c.id, c.item.text]), [
    ["changed", "t1", "Dana Kowalski moved “Chase” to Review"],
    ["new", "t2", "Dana Kowalski created the task “Brief”"],
  ]);
});
