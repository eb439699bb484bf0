import assert from "node:assert/strict";
import { CallSheetUpdateDataSchema } from "./schemas.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooLargeError,
  ValidationError,
} from "@/lib/errors.ts";
import { listInbox } from "@/lib/inbox/service.ts";
import {
  type DemoWorld,
  demoWorld,
  eventsAfter,
} from "@/lib/records/testing.ts";
import type { Role } from "@/lib/roles.ts";
import {
  applyBoardOp,
  getSchedule,
  updateSettings,
} from "@/lib/schedule/service.ts";
import { saveVersion } from "@/lib/schedule/versions.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { type CommitStats, observeCommits } from "@/lib/store/transaction.ts";
import { CallSheetPatchSchema } from "./schemas.ts";
import {
  confirmCallSheet,
  deleteCallSheet,
  generateCallSheet,
  getCallSheet,
  listCallSheets,
  publishCallSheet,
  refreshCallSheet,
  updateCallSheet,
} from "./service.ts";
import { MAX_DEPARTMENT_NOTES, MAX_NOTE_LENGTH } from "./shared.ts";

const SETTINGS = {
  startDate: "2027-02-01",
  workWeekdays: [1, 2, 3, 4, 5] as (1 | 2 | 3 | 4 | 5)[],
  daysOff: [],
  extraWorkDays: [],
  minutesPerEighth: 10,
  stripColors: {},
  dropPickupAfterDays: null,
  maxDropsPerMember: 1,
};

/**
 * Three shooting days from the demo breakdown: day 1 the first scene,
 * day 2 the second and third, day 3 the fourth. Returns the scene keys.
 */
async function threeDays(world: DemoWorld): Promise<string[]> {
  const pm = world.as("production_manager");
  await updateSettings(pm, SETTINGS);
  const keys = (await getSchedule(pm)).board.boneyard;
  for (let d = 0; d < 3; d++) await applyBoardOp(pm, { op: "add_day" });
  const plan: [number, number][] = [[0, 0], [1, 1], [2, 1], [3, 2]];
  for (const [k, day] of plan) {
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: keys[k],
      to: { day, index: 99 },
    });
  }
  return keys;
}

async function withWorld(fn: (world: DemoWorld) => Promise<void>) {
  const world = await demoWorld();
  try {
    await fn(world);
  } finally {
    world.close();
  }
}

const id = (world: DemoWorld, role: Role) => world.people[role].id;

Deno.test("call sheets - generated from the working board: scenes, cast, date, next day, crew", async () => {
  await withWorld(async (world) => {
    const keys = await threeDays(world);
    const pm = world.as("production_manager");
    const schedule = await getSchedule(pm);
    const view = await generateCallSheet(pm, 2);
    const { sheet } = view;
    assert.equal(sheet.day, 2);
    assert.equal(sheet.date, "2027-02-02");
    assert.equal(sheet.totalDays, 3);
    assert.equal(view.state, "draft");
    assert.deepEqual(sheet.source, { versionId: null, versionName: null });
    assert.deepEqual(sheet.scenes.map((s) => s.sceneKey), [keys[1], keys[2]]);
    const strips = new Map(schedule.strips.map((s) => [s.sceneKey, s]));
    const castIds = [
      ...new Set([keys[1], keys[2]].flatMap((k) => strips.get(k)!.castIds)),
    ].sort((a, b) => a - b);
    assert.ok(castIds.length > 0, "the demo scenes have cast");
    assert.deepEqual(sheet.cast.map((c) => c.castNumber), castIds);
    const name = schedule.cast.find((c) => c.castNumber === castIds[0])!.name;
    assert.equal(sheet.cast[0].character, name);
    assert.equal(sheet.cast[0].actor, "");
    assert.equal(sheet.cast[0].call, "07:00");
    assert.equal(sheet.cast[0].onSet, "08:00");
    assert.equal(sheet.scenes[0].eighths, strips.get(keys[1])!.eighths);
    assert.deepEqual(sheet.advance?.scenes.map((s) => s.sceneKey), [keys[3]]);
    assert.equal(sheet.advance?.date, "2027-02-03");
    assert.equal(sheet.generalCall, "07:00");
    // Every active member on the general call; every set of the day.
    assert.equal(sheet.crew.length, Object.keys(world.people).length);
    assert.ok(sheet.crew.every((c) => c.call === null));
    assert.ok(view.crew.every((c) => c.call === "07:00" && !c.own));
    assert.deepEqual(
      sheet.locations.map((l) => l.set),
      [...new Set(sheet.scenes.map((s) => s.set))],
    );
    assert.ok(sheet.departmentNotes.some((n) => n.department === "Camera"));
    // The last day has no advance schedule; a day too many is refused.
    assert.equal((await generateCallSheet(pm, 3)).sheet.advance, null);
    await assert.rejects(generateCallSheet(pm, 4), ValidationError);
    await assert.rejects(
      generateCallSheet(pm, 2),
      (e) =>
        e instanceof ConflictError && e.code === "exists" &&
        (e.details as { id: string }).id === sheet.id,
    );
    const list = await listCallSheets(pm);
    assert.deepEqual(list.sheets.map((s) => s.day), [2, 3]);
    assert.deepEqual(list.openDays?.map((d) => d.day), [1]);
  });
});

Deno.test("call sheets - the locked version is preferred over the working board", async () => {
  await withWorld(async (world) => {
    const keys = await threeDays(world);
    const pm = world.as("production_manager");
    await saveVersion(pm, { name: "White", lock: true });
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: keys[4],
      to: { day: 1, index: 0 },
    });
    const { sheet } = await generateCallSheet(pm, 2);
    assert.equal(sheet.source.versionName, "White");
    assert.deepEqual(sheet.scenes.map((s) => s.sceneKey), [keys[1], keys[2]]);
  });
});

Deno.test("call sheets - refresh takes the schedule again and keeps what was typed", async () => {
  await withWorld(async (world) => {
    const keys = await threeDays(world);
    const pm = world.as("production_manager");
    const first = await generateCallSheet(pm, 2);
    const cast = first.sheet.cast.map((c) => ({ ...c, actor: "Ada Actor" }));
    const typed = await updateCallSheet(pm, first.sheet.id, {
      cast,
      locations: first.sheet.locations.map((l) => ({
        ...l,
        address: "1 Harbour Road",
      })),
      notes: "Bring warm clothes",
    }, first.sheet.version);
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: keys[2],
      to: { boneyard: true },
    });
    const { sheet } = await refreshCallSheet(pm, first.sheet.id);
    assert.deepEqual(sheet.scenes.map((s) => s.sceneKey), [keys[1]]);
    assert.equal(sheet.notes, "Bring warm clothes");
    assert.ok(sheet.cast.every((c) => c.actor === "Ada Actor"));
    assert.ok(sheet.locations.every((l) => l.address === "1 Harbour Road"));
    assert.equal(sheet.version, typed.sheet.version + 1);
  });
});

Deno.test("call sheets - who may see, edit, publish and confirm", async () => {
  await withWorld(async (world) => {
    await threeDays(world);
    const pm = world.as("production_manager");
    const a = (await generateCallSheet(pm, 1)).sheet;
    const b = (await generateCallSheet(pm, 2)).sheet;
    // Drafts: management reads them; nobody else knows they exist.
    const director = world.as("director");
    assert.equal((await getCallSheet(director, a.id)).canEdit, false);
    await assert.rejects(
      updateCallSheet(director, a.id, { notes: "x" }),
      ForbiddenError,
    );
    await assert.rejects(publishCallSheet(director, a.id), ForbiddenError);
    await assert.rejects(deleteCallSheet(director, a.id), ForbiddenError);
    await assert.rejects(generateCallSheet(director, 3), ForbiddenError);
    for (const role of ["crew", "vfx", "distribution_manager"] as const) {
      const cx = world.as(role);
      await assert.rejects(getCallSheet(cx, a.id), NotFoundError);
      assert.deepEqual((await listCallSheets(cx)).sheets, []);
      await assert.rejects(confirmCallSheet(cx, a.id), NotFoundError);
      await assert.rejects(generateCallSheet(cx, 3), ForbiddenError);
    }
    // Day 1 calls distribution and crew; day 2 crew and the director.
    await updateCallSheet(pm, a.id, {
      crew: [
        { userId: id(world, "distribution_manager"), call: "06:30" },
        { userId: id(world, "crew"), call: null },
      ],
    });
    await updateCallSheet(pm, b.id, {
      crew: [{ userId: id(world, "crew"), call: null }],
    });
    await publishCallSheet(pm, a.id);
    await publishCallSheet(world.as("producer"), b.id);

    const dist = world.as("distribution_manager");
    const list = await listCallSheets(dist);
    assert.deepEqual(list.sheets.map((s) => s.id), [a.id]);
    assert.equal(list.sheets[0].confirmed, null, "receipts are management's");
    assert.equal(list.sheets[0].mine?.call, "06:30");
    assert.equal(list.openDays, null);
    await assert.rejects(getCallSheet(dist, b.id), NotFoundError);
    const seen = await getCallSheet(dist, a.id);
    assert.equal(seen.confirmations, null);
    assert.equal(seen.canConfirm, true);
    assert.equal(seen.canEdit, false);
    await assert.rejects(
      updateCallSheet(dist, a.id, { notes: "x" }),
      ForbiddenError,
    );
    await assert.rejects(
      confirmCallSheet(world.as("vfx"), a.id),
      NotFoundError,
    );
    // The director reads every sheet but confirms only one that calls them.
    await assert.rejects(confirmCallSheet(director, b.id), ForbiddenError);
    assert.equal(
      (await listCallSheets(world.as("crew"))).sheets.length,
      2,
    );
  });
});

Deno.test("call sheets - publishing tells every called member once, in one commit within the limits", async () => {
  await withWorld(async (world) => {
    await threeDays(world);
    const pm = world.as("production_manager");
    const { sheet } = await generateCallSheet(pm, 2);
    const cursor = await latestEventId(world.kv);
    const sizes: CommitStats[] = [];
    const stop = observeCommits(world.kv, (_e, stats) => sizes.push(stats));
    let published;
    try {
      published = await publishCallSheet(pm, sheet.id, sheet.version);
    } finally {
      stop();
    }
    assert.equal(published.state, "published");
    assert.equal(published.sheet.revision, 1);
    assert.ok(published.sheet.publishedAt);
    assert.equal(sizes.length, 1);
    assert.ok(sizes[0].checks <= 10, `${sizes[0].checks} checks`);
    for (const role of Object.keys(world.people) as Role[]) {
      const items = (await listInbox(world.as(role))).items
        .filter((i) => i.kind === "call_sheet");
      // Nobody is told of what they did themselves.
      assert.equal(items.length, role === "production_manager" ? 0 : 1, role);
      if (items[0]) {
        assert.equal(items[0].href, `/callsheets/${sheet.id}`);
        assert.match(items[0].title, /Call sheet: Day 2 of 3, Tue 2 Feb 2027/);
        assert.match(items[0].body, /Your call: 07:00/);
      }
    }
    const events = (await eventsAfter(world.kv, cursor)).filter((e) =>
      e.type === "callsheet_update"
    );
    assert.equal(events.length, 1);
    assert.deepEqual(
      new Set(events[0].audience.users),
      new Set(sheet.crew.map((c) => c.userId)),
    );
    // Publishing again changes nothing and tells nobody.
    const again = await publishCallSheet(pm, sheet.id);
    assert.equal(again.sheet.version, published.sheet.version);
  });
});

Deno.test("call sheets - a draft's events go to management only", async () => {
  await withWorld(async (world) => {
    await threeDays(world);
    const pm = world.as("production_manager");
    const cursor = await latestEventId(world.kv);
    const { sheet } = await generateCallSheet(pm, 1);
    await updateCallSheet(pm, sheet.id, { weather: "Rain, 4°C" });
    await deleteCallSheet(pm, sheet.id);
    const events = (await eventsAfter(world.kv, cursor)).filter((e) =>
      e.type === "callsheet_update"
    );
    assert.deepEqual(
      events.map((e) => (e.data as { action: string }).action),
      ["generated", "updated", "deleted"],
    );
    for (const e of events) {
      // What travels is what the wire schema says (`by` is the envelope's).
      const { by: _by, ...data } = e.data as Record<string, unknown>;
      assert.deepEqual(CallSheetUpdateDataSchema.parse(e.data), data);
      assert.deepEqual(e.audience.users, []);
      assert.deepEqual(
        [...e.audience.roles].sort(),
        ["director", "producer", "production_manager"],
      );
    }
  });
});

Deno.test("call sheets - confirm: called members only, idempotent, live for management", async () => {
  await withWorld(async (world) => {
    await threeDays(world);
    const pm = world.as("production_manager");
    const { sheet } = await generateCallSheet(pm, 2);
    await publishCallSheet(pm, sheet.id);
    const cursor = await latestEventId(world.kv);
    const crew = world.as("crew");
    const first = await confirmCallSheet(crew, sheet.id);
    const second = await confirmCallSheet(crew, sheet.id);
    assert.deepEqual(second, first);
    const events = (await eventsAfter(world.kv, cursor)).filter((e) =>
      e.type === "callsheet_update"
    );
    assert.equal(events.length, 1, "the second confirm logs nothing");
    assert.deepEqual(events[0].audience.users, [id(world, "crew")]);
    const view = await getCallSheet(pm, sheet.id);
    assert.deepEqual(view.confirmations?.map((c) => c.userId), [
      id(world, "crew"),
    ]);
    assert.equal(
      (await getCallSheet(crew, sheet.id)).mine.confirmedAt,
      first.at,
    );
    const [line] = (await listCallSheets(pm)).sheets;
    assert.equal(line.confirmed, 1);
    assert.equal(line.called, sheet.crew.length);
  });
});

Deno.test("call sheets - editing a published sheet makes a revision to confirm again", async () => {
  await withWorld(async (world) => {
    await threeDays(world);
    const pm = world.as("production_manager");
    const { sheet } = await generateCallSheet(pm, 2);
    await publishCallSheet(pm, sheet.id);
    const crew = world.as("crew");
    await confirmCallSheet(crew, sheet.id);
    // Saving what is there is no revision.
    const same = await updateCallSheet(pm, sheet.id, { generalCall: "07:00" });
    assert.equal(same.sheet.revision, 1);
    const revised = await updateCallSheet(pm, sheet.id, {
      generalCall: "06:00",
    });
    assert.equal(revised.state, "revised");
    assert.equal(revised.sheet.revision, 2);
    assert.ok(revised.sheet.revisedAt);
    assert.deepEqual(revised.confirmations, []);
    const mine = await getCallSheet(crew, sheet.id);
    assert.equal(mine.mine.confirmedAt, null);
    assert.equal(mine.mine.call, "06:00");
    const items = (await listInbox(crew)).items.filter((i) =>
      i.kind === "call_sheet"
    );
    assert.equal(items.length, 2);
    assert.match(items[0].title, /Revised call sheet \(revision 2\)/);
    await confirmCallSheet(crew, sheet.id);
    assert.equal((await getCallSheet(pm, sheet.id)).confirmations?.length, 1);
    await assert.rejects(
      deleteCallSheet(pm, sheet.id),
      (e) => e instanceof ConflictError && e.code === "published",
    );
  });
});

Deno.test("call sheets - a stale version is a conflict and changes nothing", async () => {
  await withWorld(async (world) => {
    await threeDays(world);
    const pm = world.as("production_manager");
    const { sheet } = await generateCallSheet(pm, 1);
    await updateCallSheet(pm, sheet.id, { notes: "First" }, sheet.version);
    await assert.rejects(
      updateCallSheet(pm, sheet.id, { notes: "Second" }, sheet.version),
      (e) => e instanceof ConflictError && e.code === "version_conflict",
    );
    await assert.rejects(
      updateCallSheet(pm, sheet.id, { notes: "Third", version: 1 }),
      (e) => e instanceof ConflictError && e.code === "version_conflict",
    );
    await assert.rejects(
      publishCallSheet(pm, sheet.id, sheet.version),
      ConflictError,
    );
    const now = await getCallSheet(pm, sheet.id);
    assert.equal(now.sheet.notes, "First");
    assert.equal(now.state, "draft");
  });
});

Deno.test("call sheets - limits: bad members, long texts, too many notes, too large", async () => {
  await withWorld(async (world) => {
    await threeDays(world);
    const pm = world.as("production_manager");
    const { sheet } = await generateCallSheet(pm, 1);
    await assert.rejects(
      updateCallSheet(pm, sheet.id, {
        crew: [{ userId: "nobody", call: null }],
      }),
      ValidationError,
    );
    const parse = (value: unknown) => CallSheetPatchSchema.safeParse(value);
    assert.equal(parse({ notes: "x".repeat(3000) }).success, false);
    assert.equal(parse({ generalCall: "25:00" }).success, false);
    assert.equal(parse({ generalCall: "7am" }).success, false);
    assert.equal(parse({ status: "published" }).success, false, "strict");
    assert.equal(
      parse({
        departmentNotes: Array.from(
          { length: MAX_DEPARTMENT_NOTES + 1 },
          (_, i) => ({ department: `D${i}`, text: "" }),
        ),
      }).success,
      false,
    );
    assert.equal(
      parse({
        crew: [{ userId: "u1", call: null }, { userId: "u1", call: null }],
      }).success,
      false,
    );
    // Every note at its longest, in a three-byte script: too large to keep.
    const notes = Array.from({ length: 40 }, (_, i) => ({
      department: `Department ${i}`,
      text: "雪".repeat(MAX_NOTE_LENGTH),
    }));
    const patch = parse({ departmentNotes: notes });
    assert.ok(patch.success);
    await assert.rejects(
      updateCallSheet(pm, sheet.id, patch.data),
      TooLargeError,
    );
    assert.equal((await getCallSheet(pm, sheet.id)).sheet.version, 1);
  });
});
