/**
 * Every kind of inbox item, from the service that sends it, in the commit
 * of the change it tells of.
 */
import assert from "node:assert/strict";
import { createExpense } from "@/lib/budget/service.ts";
import { categories } from "@/lib/budget/budget_store.ts";
import { createComment } from "@/lib/comments/service.ts";
import { demoWorld, eventsAfter } from "@/lib/records/testing.ts";
import type { Role } from "@/lib/roles.ts";
import { updateScene } from "@/lib/script/service.ts";
import {
  draftScenes,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "@/lib/script/store.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { transact } from "@/lib/store/transaction.ts";
import { NewTaskSchema } from "@/lib/tasks/schemas.ts";
import { createTask, updateTask } from "@/lib/tasks/service.ts";
import { reviewVersion, submitVersion } from "@/lib/vfx/service.ts";
import { shots } from "@/lib/vfx/store.ts";
import type { InboxItem, InboxKind, InboxUpdateData } from "./shared.ts";
import { listInbox, notify } from "./service.ts";

type World = Awaited<ReturnType<typeof demoWorld>>;

async function inboxOf(world: World, role: Role): Promise<InboxItem[]> {
  return (await listInbox(world.as(role))).items;
}

function kinds(items: InboxItem[]): InboxKind[] {
  return items.map((i) => i.kind);
}

/** The `added` items the log holds after `after`, as `[userId, kind]`. */
async function addedAfter(world: World, after: string) {
  return (await eventsAfter(world.kv, after))
    .filter((e) => e.type === "inbox_update")
    .map((e) => {
      const data = e.data as InboxUpdateData;
      assert.deepEqual(e.audience.roles, []);
      return data.action === "added"
        ? [e.audience.users[0], data.item.kind]
        : [e.audience.users[0], data.action];
    });
}

Deno.test("inbox sources - assignment and reassignment, never one's own", async () => {
  const world = await demoWorld();
  try {
    const { crew, vfx, producer } = world.people;
    const after = await latestEventId(world.kv);
    const task = await createTask(
      world.as("producer"),
      NewTaskSchema.parse({ title: "Scout the quarry", assigneeId: crew.id }),
    );
    await updateTask(world.as("director"), task.id, { assigneeId: vfx.id });
    // Assigning oneself tells nobody; the one it leaves is told.
    await updateTask(world.as("producer"), task.id, {
      assigneeId: producer.id,
    });
    assert.deepEqual(await addedAfter(world, after), [
      [crew.id, "assigned"],
      [vfx.id, "assigned"],
      [crew.id, "unassigned"],
      [vfx.id, "unassigned"],
    ]);
    const [gone, given] = await inboxOf(world, "crew");
    assert.equal(given.kind, "assigned");
    assert.equal(given.href, `/tasks/${task.id}`);
    assert.equal(
      given.title,
      `${producer.name} assigned you “Scout the quarry”`,
    );
    assert.equal(gone.kind, "unassigned");
    assert.equal(gone.href, "/tasks");
    assert.deepEqual(kinds(await inboxOf(world, "producer")), []);
  } finally {
    world.close();
  }
});

Deno.test("inbox sources - review requested of every reviewer; the decision to the submitter", async () => {
  const world = await demoWorld();
  try {
    const shot = (await shots.list(world.kv)).find((s) =>
      ["not_started", "in_progress", "changes_requested"].includes(s.status)
    )!;
    const { director, producer, vfx } = world.people;
    const after = await latestEventId(world.kv);
    const submitted = await submitVersion(world.as("vfx"), shot.id, {
      notes: "Sky replaced",
      assetId: null,
    });
    await reviewVersion(
      world.as("director"),
      shot.id,
      submitted.version.number,
      { decision: "request_changes", note: "Warmer sky" },
    );
    const added = await addedAfter(world, after);
    assert.deepEqual(
      added.slice(0, 2).map(([id]) => id).sort(),
      [director.id, producer.id].sort(),
    );
    assert.deepEqual(added.slice(2), [[vfx.id, "review_decision"]]);
    const [decision] = await inboxOf(world, "vfx");
    assert.equal(
      decision.title,
      `${director.name} requested changes on ${shot.code} v${submitted.version.number}`,
    );
    assert.equal(decision.body, "Warmer sky");
    assert.deepEqual(decision.ref, {
      type: "version",
      id: submitted.version.id,
    });
    const [request] = await inboxOf(world, "producer");
    assert.equal(request.kind, "review_requested");
  } finally {
    world.close();
  }
});

Deno.test("inbox sources - an approval tells who broke the scene down", async () => {
  const world = await demoWorld();
  try {
    const [script] = await scripts.list(world.kv);
    const draft = (await scriptVersions.get(
      world.kv,
      scriptVersionId(script.id, script.currentVersion),
    ))!;
    const scene = (await draftScenes(world.kv, draft)).find((s) =>
      s.status !== "approved" && s.status !== "omitted" &&
      s.change !== "removed"
    )!;
    const pm = world.people.production_manager;
    await updateScene(world.as("production_manager"), script.id, scene.id, {
      add: { props: ["Red umbrella"] },
    });
    const after = await latestEventId(world.kv);
    await updateScene(world.as("director"), script.id, scene.id, {
      status: scene.status === "broken_down" ? "approved" : "broken_down",
    });
    if (scene.status !== "broken_down") {
      await updateScene(world.as("director"), script.id, scene.id, {
        status: "approved",
      });
    }
    assert.deepEqual(await addedAfter(world, after), [
      [pm.id, "scene_approved"],
    ]);
    const [item] = await inboxOf(world, "production_manager");
    assert.deepEqual(item.ref, { type: "scene", id: scene.key });
    assert.equal(item.href, `/script/${script.id}/scenes/${scene.id}`);
  } finally {
    world.close();
  }
});

Deno.test("inbox sources - a budget alert reaches the production office but the actor", async () => {
  const world = await demoWorld();
  try {
    const category = (await categories.list(world.kv)).find((c) =>
      c.allocatedCents > 0 && c.spentCents * 10 < c.allocatedCents * 7
    )!;
    const amount = Math.ceil(category.allocatedCents * 0.85) -
      category.spentCents;
    const after = await latestEventId(world.kv);
    const { alert } = await createExpense(world.as("production_manager"), {
      categoryId: category.id,
      amountCents: amount,
      description: "Crane day",
      vendor: "",
      date: "2027-02-01",
    });
    assert.equal(alert?.level, 80);
    assert.deepEqual(await addedAfter(world, after), [
      [world.people.producer.id, "budget_alert"],
    ]);
    const [item] = await inboxOf(world, "producer");
    assert.match(item.title, /has reached 80% of its budget/);
    assert.equal(item.href, `/budget#cat-${category.id}`);
  } finally {
    world.close();
  }
});

Deno.test("inbox sources - mentions and ripple items", async () => {
  const world = await demoWorld();
  try {
    const shot = (await shots.list(world.kv))[0];
    await createComment(
      world.as("director"),
      { type: "shot", id: shot.id },
      "@vfx please check the edge",
    );
    const cx = world.as("director");
    await transact(world.kv, (tx) =>
      Promise.resolve(notify(tx, cx, [{
        userId: world.people.vfx.id,
        kind: "ripple",
        title: "Scene 12 changed: your shot needs a look",
        href: `/vfx/${shot.id}`,
        ref: { type: "shot", id: shot.id },
      }])));
    assert.deepEqual(kinds(await inboxOf(world, "vfx")), ["ripple", "mention"]);
  } finally {
    world.close();
  }
});
