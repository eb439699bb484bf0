import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import { fakeWorld } from "@/components/fake_world.ts";
import type { ScheduleView } from "@/lib/schedule/shared.ts";
import type { EventData } from "@/realtime/protocol.ts";
import { board, plan, strip } from "@/lib/schedule/testing.ts";
import { CONFLICT_TEXT } from "./board_text.ts";
import { StripboardModel } from "./stripboard_model.ts";

const strips = ["1", "2", "3"].map((k) => strip(k, [Number(k)]));

function view(over: Partial<ScheduleView> = {}): ScheduleView {
  return {
    version: 4,
    versionId: null,
    board: board([["1"], []], ["2", "3"]),
    strips,
    days: [],
    cast: [],
    settings: {
      version: 0,
      startDate: "2027-02-01",
      workWeekdays: [1, 2, 3, 4, 5],
      daysOff: [],
      extraWorkDays: [],
      minutesPerEighth: 15,
      stripColors: {},
      dropPickupAfterDays: null,
      maxDropsPerMember: 1,
    },
    timeZone: "Europe/Oslo",
    versions: [],
    omittedKeys: [],
    newKeys: [],
    canEdit: true,
    ...over,
  };
}

/** Lets the fake API's answers reach the model. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(over: Partial<ScheduleView> = {}) {
  const world = fakeWorld();
  let n = 0;
  const m = new StripboardModel(world, {
    initial: view(over),
    newId: () => `op${++n}`,
  });
  return { world, m };
}

Deno.test("stripboard - an edit shows at once, is sent as one op and confirmed by its answer", async () => {
  const { world, m } = setup();
  const answer = Promise.withResolvers<{ version: number }>();
  world.answers.push(answer.promise);
  const done = m.perform({ op: "add_day" });
  assert.equal(m.days.value.length, 3, "shown at once");
  assert.deepEqual(world.sent, [{
    method: "POST",
    url: "/api/schedule/ops",
    body: { opId: "op1", op: { op: "add_day" } },
    options: undefined,
  }]);
  answer.resolve({ version: 5 });
  assert.equal(await done, true);
  // Its echo neither moves the board again nor reads as someone's change.
  world.emit("schedule_update", {
    action: "board",
    version: 5,
    op: { op: "add_day" },
    opId: "op1",
    summary: "added a shooting day",
  });
  assert.equal(m.days.value.length, 3);
  assert.equal(m.liveNote.value, "");
});

Deno.test("stripboard - someone else's change applies live and says who", () => {
  const { world, m } = setup();
  world.emit("schedule_update", {
    action: "board",
    version: 5,
    op: { op: "move_strip", sceneKey: "2", to: { day: 1, index: 0 } },
    opId: "theirs",
    summary: "moved scene 2 to day 2",
    by: { id: "u1", name: "Dana Kowalski" },
  });
  assert.deepEqual(plan(m.shown.value), [["1"], ["2"]]);
  assert.equal(m.days.value[1].pages, "1", "day totals follow");
  assert.equal(m.liveNote.value, "Dana Kowalski moved scene 2 to day 2.");
  assert.ok(m.flashing.value.has("2"));
  assert.equal(world.sent.length, 0, "no refetch");
});

Deno.test("stripboard - a gap in versions refetches the board", async () => {
  const { world, m } = setup();
  world.answers.push(view({ version: 9, board: board([["3"]], ["1", "2"]) }));
  world.emit("schedule_update", {
    action: "board",
    version: 8,
    op: { op: "add_day" },
    opId: null,
    summary: "added a shooting day",
  });
  assert.deepEqual(world.sent.map((c) => c.url), ["/api/schedule"]);
  await settle();
  assert.deepEqual(plan(m.shown.value), [["3"]]);
  assert.equal(m.view.value.version, 9);
});

Deno.test("stripboard - a refused op leaves the board, says why and refetches", async () => {
  const { world, m } = setup();
  world.answers.push(
    new ApiFailure(409, { code: "board_conflict", message: "Gone" }),
    view({ version: 6, board: board([["1"]], ["2", "3"]) }),
  );
  const ok = await m.perform({
    op: "move_strip",
    sceneKey: "3",
    to: { day: 1, index: 0 },
  });
  assert.equal(ok, false);
  assert.equal(m.notice.value, CONFLICT_TEXT);
  assert.equal(m.announcement.value, CONFLICT_TEXT);
  await settle();
  assert.deepEqual(world.sent.map((c) => c.method), ["POST", "GET"]);
  assert.deepEqual(plan(m.shown.value), [["1"]]);
  m.dismissNotice();
  assert.equal(m.notice.value, null);
});

Deno.test("stripboard - keyboard: pick up, move across into a day, drop; Escape puts it back", () => {
  const { world, m } = setup();
  assert.equal(m.stripKey("2", " "), true);
  assert.match(
    m.announcement.value,
    /^Picked up scene 2, Boneyard, position 1 of 2\./,
  );
  assert.equal(m.stripKey("2", "ArrowUp"), true);
  assert.equal(m.announcement.value, "Day 2, position 1 of 1.");
  assert.deepEqual(
    plan(m.shown.value),
    [["1"], ["2"]],
    "shown where it would land",
  );
  assert.equal(m.stripKey("2", "ArrowUp"), true);
  assert.equal(m.announcement.value, "Day 1, position 2 of 2.");
  assert.equal(m.focusKey(), "strip:2", "focus stays on the held strip");
  assert.equal(m.stripKey("2", " "), true);
  assert.equal(m.announcement.value, "Moved scene 2 to day 1, position 2.");
  assert.deepEqual(world.sent[0].body, {
    opId: "op1",
    op: { op: "move_strip", sceneKey: "2", to: { day: 0, index: 1 } },
  });
  assert.equal(m.focusKey(), "strip:2", "focus goes back once");
  assert.equal(m.focusKey(), null);

  assert.equal(m.stripKey("3", " "), true);
  m.stripKey("3", "ArrowUp");
  assert.equal(m.stripKey("3", "Escape"), true);
  assert.equal(m.announcement.value, "Move of scene 3 cancelled.");
  assert.equal(m.grabbed.value, null);
  assert.equal(m.focusKey(), "strip:3");
  assert.equal(world.sent.length, 1, "nothing sent");
});

Deno.test("stripboard - keyboard moves a whole day", () => {
  const { world, m } = setup();
  assert.equal(m.dayKey(0, " "), true);
  assert.equal(m.dayKey(0, "ArrowDown"), true);
  assert.equal(m.announcement.value, "Day 1 would become day 2.");
  assert.equal(m.focusKey(), "day:1");
  assert.equal(m.dayKey(1, " "), true);
  assert.deepEqual(world.sent[0].body, {
    opId: "op1",
    op: { op: "move_day", from: 0, to: 1 },
  });
  assert.deepEqual(plan(m.shown.value), [[], ["1"]]);
});

Deno.test("stripboard - a proposed order is shown, then sent as one sort op", () => {
  const { world, m } = setup({ board: board([["3", "1", "2"]], []) });
  m.propose({ day: 0 }, "script");
  assert.deepEqual(plan(m.shown.value), [["1", "2", "3"]]);
  assert.equal(world.sent.length, 0);
  m.cancelPreview();
  assert.deepEqual(plan(m.shown.value), [["3", "1", "2"]]);
  m.propose({ day: 0 }, "script");
  m.acceptPreview();
  assert.deepEqual(world.sent[0].body, {
    opId: "op1",
    op: { op: "sort", scope: { day: 0 }, by: "script" },
  });
  assert.equal(m.preview.value, null);
  assert.deepEqual(plan(m.shown.value), [["1", "2", "3"]]);
});

Deno.test("stripboard - read-only: no pick-up, no op; a saved version ignores the working board", () => {
  const { world, m } = setup({ canEdit: false });
  assert.equal(m.stripKey("2", " "), false);
  m.addDay();
  assert.deepEqual(world.sent, []);

  const saved = setup({ versionId: "v1" });
  assert.equal(saved.m.canEdit.value, false);
  saved.world.emit("schedule_update", {
    action: "board",
    version: 5,
    op: { op: "add_day" },
    opId: null,
    summary: "added a shooting day",
  });
  assert.equal(saved.m.days.value.length, 2);
  assert.deepEqual(saved.world.sent, []);
});

Deno.test("stripboard - removing a day asks first; a script import refetches", () => {
  const { world, m } = setup();
  world.confirms = false;
  m.removeDay(0);
  assert.deepEqual(world.asked, [
    "Remove day 1? Its 1 strip goes to the boneyard.",
  ]);
  assert.equal(world.sent.length, 0);
  const imported = { action: "imported" } as unknown as EventData<
    "script_update"
  >;
  world.emit("script_update", imported);
  assert.deepEqual(world.sent.map((c) => c.url), ["/api/schedule"]);
  assert.match(m.liveNote.value, /new draft/);
});
