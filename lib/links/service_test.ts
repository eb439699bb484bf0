import assert from "node:assert/strict";
import { categories } from "@/lib/budget/budget_store.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "@/lib/errors.ts";
import { RecordDirectory } from "@/lib/records/directory.ts";
import { mergeElement } from "@/lib/elements/service.ts";
import { listElements } from "@/lib/elements/store.ts";
import {
  type DemoWorld,
  demoWorld,
  eventsAfter,
} from "@/lib/records/testing.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { shots } from "@/lib/vfx/store.ts";
import { createLink, deleteLink, linksOf } from "./service.ts";

async function fixture(world: DemoWorld) {
  const crewTask = (await tasks.list(world.kv)).find((t) =>
    t.assigneeId === world.people.crew.id
  )!;
  const scenes = [...(await new RecordDirectory(world.kv).currentScenes())
    .values()];
  const scene = scenes.find((s) => s.scene.change !== "removed")!.scene;
  const [category] = await categories.list(world.kv);
  const [shot] = await shots.list(world.kv);
  return {
    task: { type: "task" as const, id: crewTask.id },
    scene: { type: "scene" as const, id: scene.key },
    category: { type: "budget_category" as const, id: category.id },
    shot: { type: "shot" as const, id: shot.id },
  };
}

Deno.test("links - a task linked to a scene shows both ways, to who may see both", async () => {
  const world = await demoWorld();
  try {
    const f = await fixture(world);
    const after = await latestEventId(world.kv);
    const link = await createLink(world.as("producer"), f.task, f.scene);
    assert.deepEqual(link.from, f.task);

    const fromTask = await linksOf(world.as("crew"), f.task);
    assert.deepEqual(fromTask.links.map((l) => [l.direction, l.other.ref]), [
      ["out", f.scene],
    ]);
    const fromScene = await linksOf(world.as("director"), f.scene);
    assert.ok(
      fromScene.links.some((l) =>
        l.direction === "in" && l.other.ref.id === f.task.id
      ),
    );
    // Crew sees the scene; the task is theirs, so its link shows there too.
    const crewScene = await linksOf(world.as("crew"), f.scene);
    assert.ok(crewScene.links.some((l) => l.other.ref.id === f.task.id));
    // The distribution manager reads no script: the scene is not found.
    await assert.rejects(
      linksOf(world.as("distribution_manager"), f.scene),
      NotFoundError,
    );

    const [event] = await eventsAfter(world.kv, after);
    assert.equal(event.type, "link_update");
    // Management reads both; crew only as the task's assignee.
    assert.deepEqual(event.audience.users, [world.people.crew.id]);
    assert.ok(!event.audience.roles.includes("crew"));
    assert.ok(!event.audience.roles.includes("distribution_manager"));
  } finally {
    world.close();
  }
});

Deno.test("links - a budget line's link never reaches who may not read the budget", async () => {
  const world = await demoWorld();
  try {
    const f = await fixture(world);
    const after = await latestEventId(world.kv);
    await createLink(world.as("production_manager"), f.category, f.scene);
    for (const role of ["crew", "director", "vfx"] as const) {
      const seen = await linksOf(world.as(role), f.scene);
      assert.ok(
        !seen.links.some((l) => l.other.ref.type === "budget_category"),
        `${role} must not learn of the budget line`,
      );
    }
    const office = await linksOf(world.as("producer"), f.scene);
    assert.ok(office.links.some((l) => l.other.ref.id === f.category.id));
    const [event] = await eventsAfter(world.kv, after);
    assert.deepEqual(event.audience, {
      roles: ["producer", "production_manager"],
      users: [],
    });
  } finally {
    world.close();
  }
});

Deno.test("links - who may link, which kinds, once, and removal", async () => {
  const world = await demoWorld();
  try {
    const f = await fixture(world);
    // Crew may not change the task, so may not link it.
    await assert.rejects(
      createLink(world.as("crew"), f.task, f.scene),
      ForbiddenError,
    );
    // A scene does not link to a task (the task links to the scene).
    await assert.rejects(
      createLink(world.as("producer"), f.scene, f.task),
      ValidationError,
    );
    // The director cannot see the budget: the line is not found.
    await assert.rejects(
      createLink(world.as("director"), f.category, f.scene),
      NotFoundError,
    );
    const link = await createLink(world.as("producer"), f.task, f.shot);
    await assert.rejects(
      createLink(world.as("producer"), f.task, f.shot),
      ConflictError,
    );
    const listed = await linksOf(world.as("producer"), f.task);
    assert.equal(listed.links.find((l) => l.id === link.id)?.removable, true);
    assert.deepEqual(listed.targets, ["scene", "element", "shot", "asset"]);
    await assert.rejects(deleteLink(world.as("crew"), link.id), NotFoundError);
    await deleteLink(world.as("producer"), link.id);
    assert.equal((await linksOf(world.as("producer"), f.task)).links.length, 0);
    await assert.rejects(
      deleteLink(world.as("producer"), link.id),
      NotFoundError,
    );
  } finally {
    world.close();
  }
});

Deno.test("links - a shot's scene shows as a fixed link on both records", async () => {
  const world = await demoWorld();
  try {
    const withScene = (await shots.list(world.kv)).find((s) => s.sceneKey);
    assert.ok(withScene, "the demo has a shot with a scene");
    const shot = await linksOf(world.as("vfx"), {
      type: "shot",
      id: withScene.id,
    });
    const fixed = shot.links.find((l) => l.fixed)!;
    assert.deepEqual(fixed.other.ref, {
      type: "scene",
      id: withScene.sceneKey,
    });
    assert.equal(fixed.removable, false);
    const scene = await linksOf(world.as("director"), fixed.other.ref);
    assert.ok(
      scene.links.some((l) => l.fixed && l.other.ref.id === withScene.id),
    );
  } finally {
    world.close();
  }
});

Deno.test("links - a shot links only to VFX elements; a merged element's links move to its target", async () => {
  const world = await demoWorld();
  try {
    const f = await fixture(world);
    const all = await listElements(world.kv);
    const vfxElement = all.find((e) => e.category === "vfx")!;
    const cast = all.filter((e) => e.category === "cast");
    await assert.rejects(
      createLink(world.as("vfx"), f.shot, { type: "element", id: cast[0].id }),
      ValidationError,
    );
    await createLink(world.as("vfx"), f.shot, {
      type: "element",
      id: vfxElement.id,
    });
    // Both cast elements linked from the task; one merged into the other.
    const [keep, merge] = cast;
    await createLink(world.as("producer"), f.task, {
      type: "element",
      id: keep.id,
    });
    await createLink(world.as("producer"), f.task, {
      type: "element",
      id: merge.id,
    });
    await mergeElement(world.as("director"), merge.id, { into: keep.id });
    const listed = await linksOf(world.as("producer"), f.task);
    assert.deepEqual(
      listed.links.filter((l) => l.other.ref.type === "element")
        .map((l) => l.other.ref.id),
      [keep.id],
    );
    const element = await linksOf(world.as("director"), {
      type: "element",
      id: keep.id,
    });
    assert.ok(element.links.some((l) => l.other.ref.id === f.task.id));
  } finally {
    world.close();
  }
});
