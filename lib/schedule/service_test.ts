import assert from "node:assert/strict";
import { ScheduleUpdateDataSchema } from "./schemas.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { demoWorld, eventsAfter } from "@/lib/records/testing.ts";
import {
  flagsOf,
  importRevision,
  listRipple,
  resolveFlag,
} from "@/lib/ripple/service.ts";
import { SCHEDULE_RECORD_ID } from "@/lib/records/cards.ts";
import { listInbox } from "@/lib/inbox/service.ts";
import { createComment, listComments } from "@/lib/comments/service.ts";
import { scripts } from "@/lib/script/store.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { ROLES } from "@/lib/roles.ts";
import {
  applyBoardOp,
  getDayOutOfDays,
  getSchedule,
  updateSettings,
} from "./service.ts";
import {
  compareBoards,
  deleteVersion,
  saveVersion,
  setVersionLock,
} from "./versions.ts";
import { applyOp, type BoardOp } from "./ops.ts";
import { MAX_SCHEDULE_VERSIONS } from "./shared.ts";

const SETTINGS = {
  startDate: "2027-02-01",
  workWeekdays: [1, 2, 3, 4, 5] as (1 | 2 | 3 | 4 | 5)[],
  daysOff: ["2027-02-03"],
  extraWorkDays: [],
  minutesPerEighth: 10,
  stripColors: {},
  dropPickupAfterDays: null,
  maxDropsPerMember: 1,
};

Deno.test("schedule - before any edit every scene waits in the boneyard, in script order", async () => {
  const world = await demoWorld();
  try {
    const view = await getSchedule(world.as("production_manager"));
    assert.equal(view.version, 0);
    assert.deepEqual(view.board.items, []);
    assert.deepEqual(
      view.board.boneyard,
      view.strips.map((s) => s.sceneKey),
    );
    assert.ok(view.strips.length >= 5, "the demo script's scenes");
    assert.ok(view.cast.length > 0, "the demo cast is numbered");
    assert.ok(
      view.strips.some((s) => s.castIds.length > 0),
      "strips carry cast numbers",
    );
    assert.equal(view.canEdit, true);
    assert.equal((await getSchedule(world.as("director"))).canEdit, false);
  } finally {
    world.close();
  }
});

Deno.test("schedule - who may read, edit and lock, from the policy table", async () => {
  const world = await demoWorld();
  try {
    for (const role of ROLES) {
      const cx = world.as(role);
      const reads = role !== "distribution_manager";
      if (reads) await getSchedule(cx);
      else await assert.rejects(getSchedule(cx), ForbiddenError);
      const edits = role === "producer" || role === "production_manager";
      const op = applyBoardOp(cx, { op: "add_day" });
      if (edits) await op;
      else await assert.rejects(op, ForbiddenError);
      const save = saveVersion(cx, { name: `v ${role}`, lock: true });
      if (edits) await save;
      else await assert.rejects(save, ForbiddenError);
    }
  } finally {
    world.close();
  }
});

Deno.test("schedule - an op moves strips, logs one event with the op, and a watcher's copy matches", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    const before = await getSchedule(pm);
    const [first, second] = before.board.boneyard;
    const cursor = await latestEventId(world.kv);
    await applyBoardOp(pm, { op: "add_day" }, "op-1");
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: first,
      to: { day: 0, index: 0 },
    }, "op-2");
    const { version, board } = await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: second,
      to: { day: 0, index: 0 },
    }, "op-3");
    assert.equal(version, 3);
    const view = await getSchedule(world.as("director"));
    assert.deepEqual(view.board, board);
    assert.equal(view.days.length, 1);
    assert.deepEqual(
      view.days[0].rows.map((r) => r.type === "strip" && r.sceneKey),
      [second, first],
    );
    assert.equal(view.days[0].date, "2027-02-01", "the production's start");

    // The events replay the same ops onto the first board.
    const events = (await eventsAfter(world.kv, cursor)).filter((e) =>
      e.type === "schedule_update"
    ).map((e) => ({
      ...e,
      data: e.data as { opId: string; op: BoardOp },
    }));
    assert.deepEqual(events.map((e) => e.data.opId), ["op-1", "op-2", "op-3"]);
    for (const e of events) {
      // What travels is what the wire schema says (`by` is the envelope's).
      const { by: _by, ...data } = e.data as Record<string, unknown>;
      assert.deepEqual(ScheduleUpdateDataSchema.parse(e.data), data);
    }
    assert.equal(
      events[0].audience.roles.includes("distribution_manager"),
      false,
    );
    let replay = before.board;
    const strips = new Map(before.strips.map((s) => [s.sceneKey, s]));
    for (const e of events) {
      replay = applyOp(replay, e.data.op, strips);
    }
    assert.deepEqual(replay, board);
  } finally {
    world.close();
  }
});

Deno.test("schedule - an op that no longer fits is a conflict and changes nothing", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    await applyBoardOp(pm, { op: "add_day" });
    const view = await getSchedule(pm);
    await assert.rejects(
      applyBoardOp(pm, { op: "move_day", from: 0, to: 4 }),
      (e) => e instanceof ConflictError && e.code === "board_conflict",
    );
    await assert.rejects(
      applyBoardOp(pm, { op: "remove_banner", id: "nope" }),
      ConflictError,
    );
    await assert.rejects(
      applyBoardOp(pm, {
        op: "move_strip",
        sceneKey: "not-a-scene",
        to: { day: 0, index: 0 },
      }),
      ConflictError,
    );
    assert.deepEqual(await getSchedule(pm), view);
  } finally {
    world.close();
  }
});

Deno.test("schedule - settings date the days: weekends and days off skipped, minutes per eighth", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    const settings = await updateSettings(pm, SETTINGS);
    assert.equal(settings.version, 1);
    await assert.rejects(
      updateSettings(pm, SETTINGS, 0),
      (e) => e instanceof ConflictError && e.code === "version_conflict",
    );
    await assert.rejects(
      updateSettings(world.as("director"), SETTINGS),
      ForbiddenError,
    );
    const view0 = await getSchedule(pm);
    for (let d = 0; d < 4; d++) await applyBoardOp(pm, { op: "add_day" });
    for (const [i, key] of view0.board.boneyard.slice(0, 4).entries()) {
      await applyBoardOp(pm, {
        op: "move_strip",
        sceneKey: key,
        to: { day: i, index: 0 },
      });
    }
    const view = await getSchedule(pm);
    assert.deepEqual(
      view.days.map((d) => d.date),
      ["2027-02-01", "2027-02-02", "2027-02-04", "2027-02-05"],
    );
    const strip = view.strips.find((s) =>
      s.sceneKey === view0.board.boneyard[0]
    )!;
    assert.equal(view.days[0].minutes, strip.eighths * 10);
  } finally {
    world.close();
  }
});

Deno.test("schedule - versions: save, lock one at a time, compare, delete only unlocked", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    const keys = (await getSchedule(pm)).board.boneyard;
    await applyBoardOp(pm, { op: "add_day" });
    await applyBoardOp(pm, { op: "add_day" });
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: keys[0],
      to: { day: 0, index: 0 },
    });
    const white = await saveVersion(pm, { name: "White", lock: true });
    assert.equal(white.locked, true);
    assert.equal(white.scheduled, 1);
    assert.equal(white.days, 2);

    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: keys[0],
      to: { day: 1, index: 0 },
    });
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: keys[1],
      to: { day: 0, index: 0 },
    });
    // The locked version reads as it was saved.
    const locked = await getSchedule(world.as("crew"), white.id);
    assert.equal(locked.days[0].rows.length, 1);
    assert.deepEqual(locked.days[0].rows[0], {
      type: "strip",
      sceneKey: keys[0],
    });

    const diff = await compareBoards(pm, white.id, "working");
    assert.deepEqual(
      diff.moves.map((m) => [m.sceneKey, m.from, m.to]),
      [[keys[0], 1, 2], [keys[1], null, 1]],
    );

    const blue = await saveVersion(pm, { name: "Blue", lock: true });
    const view = await getSchedule(pm);
    assert.deepEqual(
      view.versions.map((v) => [v.name, v.locked]),
      [["Blue", true], ["White", false]],
    );
    await assert.rejects(
      deleteVersion(pm, blue.id),
      (e) => e instanceof ConflictError && e.code === "locked",
    );
    await setVersionLock(pm, blue.id, false);
    await deleteVersion(pm, blue.id);
    await assert.rejects(getSchedule(pm, blue.id), NotFoundError);
    await assert.rejects(
      setVersionLock(world.as("director"), white.id, true),
      ForbiddenError,
    );
  } finally {
    world.close();
  }
});

Deno.test("schedule - at most MAX_SCHEDULE_VERSIONS versions, also when two save at once", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    for (let n = 1; n < MAX_SCHEDULE_VERSIONS; n++) {
      await saveVersion(pm, { name: `v${n}`, lock: false });
    }
    // One place left, two saves racing for it: one wins, one is told why.
    const results = await Promise.allSettled([
      saveVersion(pm, { name: "Pink", lock: false }),
      saveVersion(world.as("producer"), { name: "Yellow", lock: false }),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const refused = results.find((r) => r.status === "rejected");
    assert.ok(
      refused?.reason instanceof ConflictError &&
        refused.reason.code === "too_many_versions",
    );
    const { versions } = await getSchedule(pm);
    assert.equal(versions.length, MAX_SCHEDULE_VERSIONS);
    await deleteVersion(pm, versions[0].id);
    await saveVersion(pm, { name: "Green", lock: false });
  } finally {
    world.close();
  }
});

Deno.test("schedule - a revision that omits a scheduled scene flags it on the board; its eighths stop counting", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    const view0 = await getSchedule(pm);
    const boat = view0.strips.find((s) => s.set.includes("BOAT"))!;
    await applyBoardOp(pm, { op: "add_day" });
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: boat.sceneKey,
      to: { day: 0, index: 0 },
    });
    const [script] = await scripts.list(world.kv);
    const revised = SAMPLE_SCREENPLAY.replace(
      /INT\.\/EXT\. BRAM'S BOAT[\s\S]*?raincoat\.\n\n/,
      "",
    );
    assert.notEqual(revised, SAMPLE_SCREENPLAY);
    await importRevision(world.as("director"), script.id, { source: revised });
    const view = await getSchedule(pm);
    assert.deepEqual(view.omittedKeys, [boat.sceneKey]);
    assert.equal(view.days[0].omitted, 1);
    assert.equal(view.days[0].eighths, 0);
    // The production office hears of it once, naming the day.
    for (const role of ["production_manager", "producer"] as const) {
      const news = (await listInbox(world.as(role))).items.filter((i) =>
        i.href === "/schedule"
      );
      assert.equal(news.length, 1, role);
      assert.match(news[0].title, /^Draft 2 omits scene \S+ \(day 1\)$/);
    }
    const crewNews = (await listInbox(world.as("crew"))).items.filter((i) =>
      i.href === "/schedule"
    );
    assert.deepEqual(crewNews, []);
    // The schedule carries a flag in the script changes view, the
    // production office's to resolve; scenes in the boneyard raise none.
    const { drafts } = await listRipple(pm);
    const onSchedule = drafts.flatMap((d) => d.flags).filter((f) =>
      f.record.ref.type === "schedule"
    );
    assert.deepEqual(onSchedule.map((f) => [f.sceneKey, f.impact]), [
      [boat.sceneKey, "removed"],
    ]);
    assert.equal(onSchedule[0].resolvable, true);
    assert.equal(onSchedule[0].record.ref.id, SCHEDULE_RECORD_ID);
    // The flag names the day the scene is on, as the board has it now.
    assert.equal(onSchedule[0].record.detail, "shooting day\u00a01");
    // So does the stripboard's own page, which lists its open flags.
    const onBoard = await flagsOf(pm, {
      type: "schedule",
      id: SCHEDULE_RECORD_ID,
    });
    assert.deepEqual(onBoard.map((f) => f.record.detail), [
      "shooting day\u00a01",
    ]);
    const resolved = await resolveFlag(pm, onSchedule[0].id, "kept", "");
    assert.equal(resolved.record.detail, "shooting day\u00a01");
  } finally {
    world.close();
  }
});

Deno.test("schedule - the day out of days marks who works on which date", async () => {
  const world = await demoWorld();
  try {
    const pm = world.as("production_manager");
    await updateSettings(pm, SETTINGS);
    const view0 = await getSchedule(pm);
    const withCast = view0.strips.filter((s) => s.castIds.length > 0);
    await applyBoardOp(pm, { op: "add_day" });
    await applyBoardOp(pm, {
      op: "move_strip",
      sceneKey: withCast[0].sceneKey,
      to: { day: 0, index: 0 },
    });
    const dood = await getDayOutOfDays(world.as("director"));
    assert.deepEqual(dood.columns.map((c) => c.date), ["2027-02-01"]);
    for (const row of dood.rows) {
      const works = withCast[0].castIds.includes(row.castNumber);
      assert.deepEqual(row.codes, [works ? "SWF" : ""], row.name);
    }
    await assert.rejects(
      getDayOutOfDays(world.as("distribution_manager")),
      ForbiddenError,
    );
  } finally {
    world.close();
  }
});

Deno.test("schedule - the stripboard is a record: the director comments, schedule readers see it, distribution does not", async () => {
  const world = await demoWorld();
  try {
    const board = { type: "schedule" as const, id: "board" };
    const cursor = await latestEventId(world.kv);
    const comment = await createComment(
      world.as("director"),
      board,
      "Can the lighthouse nights go in one week?",
    );
    const seen = await listComments(world.as("crew"), board);
    assert.deepEqual(seen.comments.map((c) => c.id), [comment.id]);
    await assert.rejects(
      listComments(world.as("distribution_manager"), board),
      NotFoundError,
    );
    const [event] = (await eventsAfter(world.kv, cursor)).filter((e) =>
      e.type === "comment_update"
    );
    assert.equal(event.audience.roles.includes("crew"), true);
    assert.equal(
      event.audience.roles.includes("distribution_manager"),
      false,
    );
  } finally {
    world.close();
  }
});
