import assert from "node:assert/strict";
import { describeEvent } from "./activity_text.ts";
import type { Actor } from "./policy.ts";

const producer: Actor = { id: "u-paula", role: "producer" };
const manager: Actor = { id: "u-marcus", role: "production_manager" };
const director: Actor = { id: "u-dana", role: "director" };
const crew: Actor = { id: "u-sam", role: "crew" };
const vfx: Actor = { id: "u-ines", role: "vfx" };

const PAULA = { id: "u-paula", name: "Paula Reyes" };
const MARCUS = { id: "u-marcus", name: "Marcus Obi" };
const DANA = { id: "u-dana", name: "Dana Kowalski" };
const SAM = { id: "u-sam", name: "Sam Lindqvist" };
const INES = { id: "u-ines", name: "Ines Moreau" };

let seq = 0;
const event = (type: string, data: unknown) => ({
  id: String(++seq).padStart(16, "0"),
  ts: Date.UTC(2027, 1, 3, 13, 5),
  type,
  data,
});

/** The sentence and link a viewer gets for an event. */
function seen(
  type: string,
  data: unknown,
  viewer: Actor,
  currency?: string,
): { text: string; href: string | null } {
  const item = describeEvent(event(type, data), { viewer, currency });
  assert.ok(item, `${type} is described`);
  assert.equal(item.text, `${item.who} ${item.did} ${item.what}${item.rest}`);
  return { text: item.text, href: item.href };
}

const task = {
  id: "t1",
  title: "Lock the call sheet for day 12",
  status: "in_progress",
  assigneeId: SAM.id,
};

Deno.test("describeEvent - tasks: who, what and a link for those who may open it", () => {
  assert.deepEqual(
    seen("task_update", { action: "created", task, by: PAULA }, director),
    {
      text: "Paula Reyes created the task “Lock the call sheet for day 12”",
      href: "/tasks/t1",
    },
  );
  assert.deepEqual(
    seen(
      "task_update",
      { action: "updated", task, by: SAM, changed: ["status"] },
      producer,
    ),
    {
      text:
        "Sam Lindqvist moved “Lock the call sheet for day 12” to In progress",
      href: "/tasks/t1",
    },
  );
  // The viewer's own change.
  assert.equal(
    seen(
      "task_update",
      { action: "updated", task, by: SAM, changed: ["status"] },
      crew,
    ).text,
    "You moved “Lock the call sheet for day 12” to In progress",
  );
  assert.deepEqual(
    seen(
      "task_update",
      { action: "updated", task, by: PAULA, changed: ["assigneeId"] },
      crew,
    ),
    {
      text: "Paula Reyes assigned you “Lock the call sheet for day 12”",
      href: "/tasks/t1",
    },
  );
  assert.equal(
    seen(
      "task_update",
      { action: "updated", task, by: PAULA, changed: ["title"] },
      director,
    ).text,
    "Paula Reyes updated “Lock the call sheet for day 12”",
  );
  assert.deepEqual(
    seen("task_update", { action: "deleted", task, by: PAULA }, director),
    {
      text: "Paula Reyes deleted the task “Lock the call sheet for day 12”",
      href: null,
    },
  );
});

Deno.test("describeEvent - a task moved off the viewer is named but not linked", () => {
  // The old assignee hears of the reassignment but may no longer open it.
  const moved = { ...task, assigneeId: "u-other" };
  assert.deepEqual(
    seen(
      "task_update",
      {
        action: "updated",
        task: moved,
        by: PAULA,
        previousAssigneeId: SAM.id,
        changed: ["assigneeId"],
      },
      crew,
    ),
    {
      text: "Paula Reyes reassigned “Lock the call sheet for day 12”",
      href: null,
    },
  );
});

Deno.test("describeEvent - budget: the amount in the production currency and the alert", () => {
  const category = { id: "c-cam", name: "Camera" };
  assert.deepEqual(
    seen(
      "budget_update",
      {
        action: "expense_created",
        category,
        expense: { amountCents: 125_000, createdByName: "Marcus Obi" },
        alert: { level: 80, categoryId: "c-cam", name: "Camera", percent: 81 },
        by: MARCUS,
      },
      producer,
      "EUR",
    ),
    {
      text:
        "Marcus Obi recorded €1,250.00 in Camera — now at 80% of its budget",
      href: "/budget#cat-c-cam",
    },
  );
  assert.equal(
    seen("budget_update", { action: "category_created", category, by: PAULA }, {
      ...manager,
    }).text,
    "Paula Reyes added the budget category Camera",
  );
  assert.equal(
    seen("budget_update", {
      action: "expense_deleted",
      category,
      alert: undefined,
      by: PAULA,
    }, manager).text,
    "Paula Reyes removed an expense from Camera",
  );
});

Deno.test("describeEvent - script: imports and breakdown approvals link to the scene", () => {
  assert.deepEqual(
    seen(
      "script_update",
      {
        action: "imported",
        script: { id: "s1", title: "Northern Lights" },
        version: { number: 2, uploadedByName: "Dana Kowalski" },
        by: DANA,
      },
      crew,
    ),
    {
      text: "Dana Kowalski imported draft 2 of “Northern Lights”",
      href: "/script/s1",
    },
  );
  const at = "2027-02-03T13:05:00.000Z";
  assert.deepEqual(
    seen(
      "script_update",
      {
        action: "scene_updated",
        scene: {
          id: "sc12",
          scriptId: "s1",
          number: "12",
          index: 11,
          status: "approved",
          approvedAt: at,
          updatedAt: at,
          approvedByName: "Dana Kowalski",
        },
        by: DANA,
      },
      producer,
    ),
    {
      text: "Dana Kowalski approved the breakdown of scene 12",
      href: "/script/s1/scenes/sc12",
    },
  );
  assert.equal(
    seen(
      "script_update",
      {
        action: "scene_updated",
        scene: {
          id: "sc3",
          scriptId: "s1",
          number: null,
          index: 2,
          status: "broken_down",
          approvedAt: null,
          updatedAt: at,
        },
        by: MARCUS,
      },
      producer,
    ).text,
    "Marcus Obi updated the breakdown of scene 3 (Broken down)",
  );
});

Deno.test("describeEvent - script: element renames and merges link to the element", () => {
  const element = { id: "e1", category: "cast", name: "Margit Olsen" };
  assert.deepEqual(
    seen(
      "script_update",
      {
        action: "element_renamed",
        element,
        previousName: "MARGIT",
        by: DANA,
      },
      crew,
    ),
    {
      text: "Dana Kowalski renamed element “MARGIT” to “Margit Olsen”",
      href: "/elements/e1",
    },
  );
  assert.deepEqual(
    seen(
      "script_update",
      {
        action: "element_merged",
        element,
        merged: { id: "e2", category: "cast", name: "MAGGIE" },
        by: MARCUS,
      },
      director,
    ),
    {
      text: "Marcus Obi merged element “MAGGIE” into “Margit Olsen”",
      href: "/elements/e1",
    },
  );
  // An action this version does not know is left out, not misread.
  assert.equal(
    describeEvent(event("script_update", { action: "later", by: DANA }), {
      viewer: crew,
    }),
    null,
  );
});

Deno.test("describeEvent - VFX: shots, versions and reviews", () => {
  const shot = { id: "sh1", code: "NL_010_0040", status: "pending_review" };
  assert.deepEqual(
    seen(
      "vfx_update",
      {
        action: "version_submitted",
        shot,
        version: { number: 3, submittedByName: "Ines Moreau" },
        by: INES,
      },
      director,
    ),
    { text: "Ines Moreau submitted v3 of NL_010_0040", href: "/vfx/sh1" },
  );
  assert.equal(
    seen(
      "vfx_update",
      {
        action: "version_reviewed",
        shot: { ...shot, status: "approved" },
        version: { number: 3, review: { decision: "approve", byName: "Dana" } },
        by: DANA,
      },
      vfx,
    ).text,
    "Dana Kowalski approved v3 of NL_010_0040",
  );
  assert.equal(
    seen(
      "vfx_update",
      {
        action: "version_reviewed",
        shot,
        version: { number: 2, review: { decision: "request_changes" } },
        by: PAULA,
      },
      vfx,
    ).text,
    "Paula Reyes requested changes to v2 of NL_010_0040",
  );
  assert.equal(
    seen("vfx_update", { action: "shot_created", shot, by: INES }, director)
      .text,
    "Ines Moreau added the shot NL_010_0040",
  );
});

Deno.test("describeEvent - assets: the uploader and the file, linked to its category", () => {
  const asset = {
    id: "a1",
    name: "storyboard_12.png",
    category: "storyboard",
    uploaderName: "Ines Moreau",
  };
  assert.deepEqual(
    seen("asset_update", { action: "uploaded", asset, by: INES }, crew),
    {
      text: "Ines Moreau uploaded storyboard_12.png",
      href: "/assets?category=storyboard",
    },
  );
  assert.deepEqual(
    seen("asset_update", { action: "deleted", asset, by: PAULA }, crew),
    { text: "Paula Reyes deleted storyboard_12.png", href: null },
  );
});

Deno.test("describeEvent - team changes, and the member concerned reads 'your'", () => {
  const robin = { id: "u-robin", name: "Robin Boom", role: "crew" };
  assert.deepEqual(
    seen(
      "user_update",
      { action: "created", user: { ...robin, active: true }, by: MARCUS },
      director,
    ),
    { text: "Marcus Obi added Robin Boom as Crew", href: "/team" },
  );
  assert.equal(
    seen(
      "user_update",
      {
        action: "updated",
        user: { ...SAM, role: "vfx", active: true },
        by: MARCUS,
        changed: ["role"],
      },
      crew,
    ).text,
    "Marcus Obi changed your role to VFX",
  );
  assert.equal(
    seen(
      "user_update",
      {
        action: "updated",
        user: { ...robin, active: false },
        by: PAULA,
        changed: ["active"],
      },
      director,
    ).text,
    "Paula Reyes deactivated Robin Boom’s account",
  );
});

Deno.test("describeEvent - announcements name who sent them and how urgent", () => {
  assert.deepEqual(
    seen(
      "announcement",
      {
        id: "an1",
        message: "Exterior shoot cancelled for Thursday",
        level: "urgent",
        from: { ...MARCUS, role: "production_manager" },
      },
      crew,
    ),
    {
      text:
        "Marcus Obi posted an urgent announcement: “Exterior shoot cancelled for Thursday”",
      href: "/announcements#announcement-an1",
    },
  );
});

Deno.test("describeEvent - a long announcement is cut in the feed, whole on its page", () => {
  const message = "Parking: ".padEnd(200, "x");
  const { text } = seen(
    "announcement",
    { id: "an2", message, level: "info", from: PAULA },
    crew,
  );
  assert.ok(text.startsWith("Paula Reyes announced: “Parking: xxx"));
  assert.ok(text.endsWith("…”"));
  assert.ok(text.length < 130, `${text.length} characters`);
});

Deno.test("describeEvent - events logged before `by` fall back to the record's names", () => {
  assert.equal(
    seen("asset_update", {
      action: "uploaded",
      asset: { name: "still.jpg", category: "still", uploaderName: "Ines M" },
    }, crew).text,
    "Ines M uploaded still.jpg",
  );
  assert.equal(
    seen("task_update", { action: "updated", task }, producer).text,
    "Someone updated “Lock the call sheet for day 12” (In progress)",
  );
  assert.equal(
    describeEvent(event("presence", {}), { viewer: crew }),
    null,
  );
});

Deno.test("describeEvent - a production archived and brought back, for every member", () => {
  const production = {
    title: "Saltwater — Block 2",
    slug: "saltwater-block-2",
  };
  for (
    const [viewer, name] of [[producer, "You"], [crew, "Paula Reyes"]] as const
  ) {
    const archived = seen("production_update", {
      action: "archived",
      production,
      changed: [],
      by: PAULA,
    }, viewer);
    assert.equal(
      archived.text,
      `${name} archived Saltwater — Block 2 (read-only now)`,
    );
    assert.equal(archived.href, null);
    const back = seen("production_update", {
      action: "unarchived",
      production,
      changed: [],
      by: PAULA,
    }, viewer);
    assert.equal(back.text, `${name} brought back Saltwater — Block 2`);
  }
});
