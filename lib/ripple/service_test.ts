import assert from "node:assert/strict";
import { categories } from "@/lib/budget/budget_store.ts";
import { ConflictError, NotFoundError } from "@/lib/errors.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { listInbox } from "@/lib/inbox/service.ts";
import { createLink } from "@/lib/links/service.ts";
import { RecordDirectory } from "@/lib/records/directory.ts";
import {
  type DemoWorld,
  demoWorld,
  eventsAfter,
} from "@/lib/records/testing.ts";
import { scripts } from "@/lib/script/store.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { shots } from "@/lib/vfx/store.ts";
import {
  importRevision,
  listRipple,
  resolveFlag,
  rippleOfDraft,
} from "./service.ts";

/** The sample with scene 4 rewritten and scene 5 cut. */
const REVISED = SAMPLE_SCREENPLAY
  .replace(
    "The great glass lens, taller than Ella.",
    "The great glass lens, cracked down the middle, taller than Ella.",
  )
  .replace(/INT\.\/EXT\. BRAM'S BOAT[\s\S]*?raincoat\.\n\n/, "");

async function scenario(world: DemoWorld) {
  const [script] = await scripts.list(world.kv);
  const scenes = await new RecordDirectory(world.kv).currentScenes();
  const key = (n: string) =>
    [...scenes.values()].find((s) => s.scene.number === n)!.scene.key;
  const task = (await tasks.list(world.kv)).find((t) =>
    t.assigneeId === world.people.crew.id
  )!;
  const [category] = await categories.list(world.kv);
  // The demo's shots of scene 4 (one) and of scene 5 (two) are flagged
  // by their own scene field; the task and the budget line by links.
  const shot = (await shots.list(world.kv)).find((s) =>
    s.sceneKey === key("4")
  )!;
  await createLink(world.as("producer"), { type: "task", id: task.id }, {
    type: "scene",
    id: key("4"),
  });
  await createLink(
    world.as("production_manager"),
    { type: "budget_category", id: category.id },
    { type: "scene", id: key("5") },
  );
  return { script, task, category, shot, key };
}

Deno.test("ripple - a revised draft flags what was built on its changed and omitted scenes", async () => {
  const world = await demoWorld();
  try {
    const s = await scenario(world);
    const after = await latestEventId(world.kv);
    const detail = await importRevision(world.as("director"), s.script.id, {
      source: REVISED,
    });
    // 3 shots, the task, the budget line, and the omitted scene's three
    // elements (its set and the cast only it had).
    assert.equal(detail.ripple.flags, 8);

    const office = await listRipple(world.as("producer"));
    const [draft] = office.drafts;
    assert.equal(draft.draft, 2);
    const byRecord = new Map(draft.flags.map((f) => [f.record.ref.id, f]));
    assert.equal(byRecord.get(s.task.id)?.impact, "changed");
    assert.equal(byRecord.get(s.shot.id)?.impact, "changed");
    const line = byRecord.get(s.category.id)!;
    assert.equal(line.impact, "removed");
    assert.equal(line.detail?.after, null);
    const changed = byRecord.get(s.task.id)!.detail!;
    assert.ok(
      changed.diff.some((l) => l.op === "added" && l.text.includes("cracked")),
    );

    // Crew sees its own task's flag and nothing of the budget.
    const crew = await listRipple(world.as("crew"));
    const crewFlags = crew.drafts[0].flags;
    assert.deepEqual(
      crewFlags.filter((f) => f.record.ref.type !== "element")
        .map((f) => f.record.ref.id),
      [s.task.id],
    );
    // Crew reads the script, so sees the elements' flags; only the task's
    // is theirs to resolve.
    assert.deepEqual(
      crewFlags.filter((f) => f.resolvable).map((f) => f.record.ref.id),
      [s.task.id],
    );
    assert.equal(crew.open, 4);
    // The distribution manager sees none of these records.
    assert.equal((await listRipple(world.as("distribution_manager"))).open, 0);

    // One inbox notice per owner for the draft, naming their records.
    const crewInbox = (await listInbox(world.as("crew"))).items
      .filter((i) => i.kind === "ripple");
    assert.equal(crewInbox.length, 1);
    assert.match(
      crewInbox[0].title,
      /^Draft 2 changed scene 4: 1 task to review$/,
    );
    assert.equal(crewInbox[0].body, s.task.title);
    assert.equal(
      crewInbox[0].href,
      `/ripple?script=${s.script.id}&draft=2`,
    );
    const pmInbox = (await listInbox(world.as("production_manager"))).items
      .filter((i) => i.kind === "ripple");
    assert.equal(pmInbox.length, 1);
    assert.match(pmInbox[0].title, /1 budget line/);
    // The director imported the draft: not told of their own change.
    assert.equal(
      (await listInbox(world.as("director"))).items
        .filter((i) => i.kind === "ripple").length,
      0,
    );

    const events = (await eventsAfter(world.kv, after))
      .filter((e) => e.type === "ripple_update");
    assert.equal(events.length, 1);
    assert.ok(events[0].audience.roles.includes("production_manager"));
    assert.ok(!events[0].audience.roles.includes("distribution_manager"));
  } finally {
    world.close();
  }
});

Deno.test("ripple - idempotent per draft, and nothing for a draft that changes nothing", async () => {
  const world = await demoWorld();
  try {
    const s = await scenario(world);
    const first = await importRevision(world.as("director"), s.script.id, {
      source: REVISED,
    });
    const again = await rippleOfDraft(world.as("director"), s.script.id, 2);
    assert.deepEqual(again, first.ripple);
    const same = await importRevision(world.as("director"), s.script.id, {
      source: REVISED,
    });
    assert.equal(same.ripple.flags, 0);
    const view = await listRipple(world.as("producer"));
    assert.equal(view.drafts.length, 2);
    assert.equal(view.open, 8);
  } finally {
    world.close();
  }
});

Deno.test("ripple - owners resolve their flags once; others cannot", async () => {
  const world = await demoWorld();
  try {
    const s = await scenario(world);
    await importRevision(world.as("director"), s.script.id, {
      source: REVISED,
    });
    const [draft] = (await listRipple(world.as("producer"))).drafts;
    const taskFlag = draft.flags.find((f) => f.record.ref.id === s.task.id)!;
    const lineFlag = draft.flags.find((f) =>
      f.record.ref.id === s.category.id
    )!;

    // VFX may not see the crew member's task: not found.
    await assert.rejects(
      resolveFlag(world.as("vfx"), taskFlag.id, "kept", ""),
      NotFoundError,
    );
    const kept = await resolveFlag(world.as("crew"), taskFlag.id, "kept", "");
    assert.equal(kept.status, "kept");
    await assert.rejects(
      resolveFlag(world.as("producer"), taskFlag.id, "updated", ""),
      ConflictError,
    );
    const dismissed = await resolveFlag(
      world.as("production_manager"),
      lineFlag.id,
      "dismissed",
      "The boat scene's budget moves to scene 6",
    );
    assert.equal(dismissed.note, "The boat scene's budget moves to scene 6");
    assert.equal((await listRipple(world.as("producer"))).open, 6);
    assert.equal(
      (await listRipple(world.as("producer"), { open: true }))
        .drafts[0].flags.length,
      6,
    );
  } finally {
    world.close();
  }
});
