import assert from "node:assert/strict";
import { categories } from "@/lib/budget/budget_store.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "@/lib/errors.ts";
import { listInbox } from "@/lib/inbox/service.ts";
import { RecordDirectory } from "@/lib/records/directory.ts";
import {
  type DemoWorld,
  demoWorld,
  eventsAfter,
} from "@/lib/records/testing.ts";
import type { Role } from "@/lib/roles.ts";
import { serviceContext } from "@/lib/service.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { readHistory } from "@/lib/store/history.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import type { CommentUpdateData } from "./shared.ts";
import {
  createComment,
  deleteComment,
  editComment,
  listComments,
  mentionableOn,
} from "./service.ts";

async function crewTask(world: DemoWorld) {
  const task = (await tasks.list(world.kv)).find((t) =>
    t.assigneeId === world.people.crew.id
  )!;
  return { type: "task" as const, id: task.id };
}

const dataOf = (event: { data: unknown }) => event.data as CommentUpdateData;

/** A context for `role` on a clock the test sets. */
function at(world: DemoWorld, role: Role, clock: { ms: number }) {
  return serviceContext(world.kv, world.people[role], () => new Date(clock.ms));
}

Deno.test("comments - live to exactly who may see the record; listed oldest first", async () => {
  const world = await demoWorld();
  try {
    const task = await crewTask(world);
    const after = await latestEventId(world.kv);
    const first = await createComment(world.as("producer"), task, " Ready? ");
    const second = await createComment(world.as("crew"), task, "Yes.");
    assert.equal(first.body, "Ready?");
    assert.equal(first.authorName, world.people.producer.name);

    const events = (await eventsAfter(world.kv, after))
      .filter((e) => e.type === "comment_update");
    assert.equal(events.length, 2);
    for (const event of events) {
      // Management by role, the assignee by id; nobody else.
      assert.deepEqual(event.audience, {
        roles: ["producer", "production_manager", "director"],
        users: [world.people.crew.id],
      });
      assert.equal(dataOf(event).action, "created");
      assert.deepEqual(dataOf(event).target.ref, task);
    }

    const thread = await listComments(world.as("crew"), task);
    assert.deepEqual(thread.comments.map((c) => c.id), [first.id, second.id]);
    // vfx may not see the crew's task: the thread is not found either.
    await assert.rejects(listComments(world.as("vfx"), task), NotFoundError);
    await assert.rejects(
      createComment(world.as("vfx"), task, "hello"),
      NotFoundError,
    );
    await assert.rejects(
      listComments(world.as("crew"), { type: "task", id: "no-such-task" }),
      NotFoundError,
    );
  } finally {
    world.close();
  }
});

Deno.test("comments - a budget line's thread is the production office's only", async () => {
  const world = await demoWorld();
  try {
    const [category] = await categories.list(world.kv);
    const line = { type: "budget_category" as const, id: category.id };
    const after = await latestEventId(world.kv);
    await createComment(world.as("production_manager"), line, "Over?");
    for (const role of ["director", "crew", "vfx"] as const) {
      await assert.rejects(listComments(world.as(role), line), NotFoundError);
    }
    const [event] = await eventsAfter(world.kv, after);
    assert.deepEqual(event.audience, {
      roles: ["producer", "production_manager"],
      users: [],
    });
  } finally {
    world.close();
  }
});

Deno.test("comments - mentions reach members who may see the record; the others are dropped", async () => {
  const world = await demoWorld();
  try {
    const task = await crewTask(world);
    const comment = await createComment(
      world.as("producer"),
      task,
      "@crew and @VFX and @distribution: see ana@crew.example, @nobody, @director.",
    );
    const { crew, director, vfx, distribution_manager } = world.people;
    // vfx and distribution may not see the crew's task: never told.
    assert.deepEqual(
      comment.mentions.toSorted(),
      [crew.id, director.id].sort(),
    );
    const crewInbox = await listInbox(world.as("crew"));
    assert.equal(crewInbox.items.length, 1);
    const [item] = crewInbox.items;
    assert.equal(item.kind, "mention");
    assert.deepEqual(item.ref, task);
    assert.equal(item.href, `/tasks/${task.id}#comment-${comment.id}`);
    assert.match(item.title, /mentioned you/);
    for (const who of [vfx, distribution_manager]) {
      const inbox = await listInbox(serviceContext(world.kv, who));
      assert.equal(inbox.items.length, 0, who.name);
    }
    // The autocomplete offers exactly who may see the record.
    const people = await mentionableOn(world.as("crew"), task);
    assert.deepEqual(
      people.map((p) => p.role).sort(),
      ["crew", "director", "producer", "production_manager"],
    );
  } finally {
    world.close();
  }
});

Deno.test("comments - the author edits within 15 minutes; after, a clear 409", async () => {
  const world = await demoWorld();
  try {
    const task = await crewTask(world);
    const clock = { ms: Date.UTC(2027, 2, 1, 10) };
    const crew = at(world, "crew", clock);
    const comment = await createComment(crew, task, "Done by noon");
    await assert.rejects(
      editComment(at(world, "producer", clock), comment.id, "Mine now"),
      ForbiddenError,
    );
    clock.ms += 14 * 60_000;
    const edited = await editComment(
      crew,
      comment.id,
      "Done by 1 pm @director",
    );
    assert.equal(edited.body, "Done by 1 pm @director");
    assert.equal(edited.editedAt, new Date(clock.ms).toISOString());
    assert.deepEqual(edited.mentions, [world.people.director.id]);
    // A new mention on edit is told once; the same text again tells nobody.
    const inbox = await listInbox(world.as("director"));
    assert.equal(inbox.items.filter((i) => i.kind === "mention").length, 1);

    clock.ms += 2 * 60_000;
    await assert.rejects(
      editComment(crew, comment.id, "Too late"),
      (error: unknown) =>
        error instanceof ConflictError &&
        error.code === "edit_window_closed" &&
        /15 minutes/.test(error.message),
    );
    await assert.rejects(
      editComment(crew, comment.id, "   "),
      ValidationError,
    );
    const history = await readHistory(world.kv, "comments", comment.id);
    assert.deepEqual(history.entries.map((e) => e.action), [
      "edited",
      "created",
    ]);
    assert.deepEqual(
      history.entries[0].changes.find((c) => c.field === "body"),
      { field: "body", from: "Done by noon", to: "Done by 1 pm @director" },
    );
  } finally {
    world.close();
  }
});

Deno.test("comments - the author or management deletes; nobody else", async () => {
  const world = await demoWorld();
  try {
    const task = await crewTask(world);
    const byProducer = await createComment(world.as("producer"), task, "A");
    const byCrew = await createComment(world.as("crew"), task, "B");
    await assert.rejects(
      deleteComment(world.as("crew"), byProducer.id),
      ForbiddenError,
    );
    await assert.rejects(
      deleteComment(world.as("vfx"), byCrew.id),
      NotFoundError,
    );
    const after = await latestEventId(world.kv);
    await deleteComment(world.as("crew"), byCrew.id);
    await deleteComment(world.as("director"), byProducer.id);
    const events = await eventsAfter(world.kv, after);
    assert.deepEqual(
      events.map((e) => [e.type, dataOf(e).action]),
      [["comment_update", "deleted"], ["comment_update", "deleted"]],
    );
    assert.equal(
      (await listComments(world.as("crew"), task)).comments.length,
      0,
    );
    await assert.rejects(
      deleteComment(world.as("crew"), byCrew.id),
      NotFoundError,
    );
  } finally {
    world.close();
  }
});

Deno.test("comments - a scene is named by its key and read by script readers", async () => {
  const world = await demoWorld();
  try {
    const scenes = [...(await new RecordDirectory(world.kv).currentScenes())
      .values()];
    const scene = { type: "scene" as const, id: scenes[0].scene.key };
    const comment = await createComment(world.as("crew"), scene, "Rain?");
    assert.deepEqual(comment.target, scene);
    const thread = await listComments(world.as("vfx"), scene);
    assert.equal(thread.record.title.startsWith("Scene"), true);
    await assert.rejects(
      listComments(world.as("distribution_manager"), scene),
      NotFoundError,
    );
  } finally {
    world.close();
  }
});
