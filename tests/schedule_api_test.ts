/**
 * The schedule's API over HTTP (issue #14): who reads and who edits, board
 * ops and their refusals (bad bodies change nothing, a stale op is a
 * conflict), the settings with their checks and If-Match, saved versions
 * with the lock, the comparison, the day out of days as JSON and CSV, and
 * who may open the three pages beside the stripboard.
 */
import assert from "node:assert/strict";
import {
  api,
  assertApiError,
  row,
  type Session,
  sessions,
} from "./helpers/api_client.ts";
import { pageAs } from "./helpers/pages.ts";
import { DEMO_SLUG, type TestApp, withModuleData } from "./helpers/test_app.ts";

const S = `/api/p/${DEMO_SLUG}/schedule`;
const PAGES = `/p/${DEMO_SLUG}/schedule`;

const SETTINGS = {
  startDate: "2027-02-01",
  workWeekdays: [1, 2, 3, 4, 5],
  daysOff: ["2027-02-03"],
  extraWorkDays: [],
  minutesPerEighth: 15,
  stripColors: {},
  dropPickupAfterDays: null,
  maxDropsPerMember: 1,
};

/** The demo script's scene keys by scene number. */
async function sceneKeys(app: TestApp, who: Session) {
  const view = (await api(app, who).get(S)).body;
  return (n: string): string =>
    view.strips.find((s: { number: string }) => s.number === n).sceneKey;
}

/** Moves scene `n` to the end of day `day` (0-based) as `who`. */
function moveTo(app: TestApp, who: Session, sceneKey: string, day: number) {
  return api(app, who).post(`${S}/ops`, {
    op: { op: "move_strip", sceneKey, to: { day, index: 0 } },
  });
}

Deno.test("schedule api - every role but distribution reads the schedule, its report and versions", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const expected = row(200, 200, 200, 200, 200, 403);
    for (
      const path of [
        S,
        `${S}/dood`,
        `${S}/dood.csv`,
        `${S}/versions`,
        `${S}/settings`,
        `${S}/compare?a=working&b=working`,
      ]
    ) {
      for (const [who, status] of Object.entries(expected)) {
        const res = await api(app, s[who]).request("GET", path);
        assert.equal(res.status, status, `${who} GET ${path}`);
        if (status === 403) {
          assert.equal((await res.json()).error.code, "forbidden");
        } else await res.body?.cancel();
      }
    }
    assertApiError(await api(app, null).get(S), 401, "signed out");
  }, { schedule: false }));

Deno.test("schedule api - the production office moves strips (the version counts up), others may not", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const key = await sceneKeys(app, s.prodmanager);
    const first = await moveTo(app, s.prodmanager, key("1"), 0);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.version, 1);
    assert.equal(first.body.opId, null);
    const second = await api(app, s.producer).post(`${S}/ops`, {
      opId: "op-2",
      op: { op: "move_strip", sceneKey: key("2"), to: { day: 0, index: 1 } },
    });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, { version: 2, opId: "op-2" });
    for (const who of ["director", "crew", "vfx", "distribution"]) {
      assertApiError(await moveTo(app, s[who], key("3"), 0), 403, who);
    }
    const view = (await api(app, s.director).get(S)).body;
    assert.equal(view.version, 2);
    assert.equal(view.canEdit, false);
    assert.deepEqual(
      view.days[0].rows.map((r: { sceneKey: string }) => r.sceneKey),
      [key("1"), key("2")],
    );
    assert.ok(!view.board.boneyard.includes(key("1")));
  }, { schedule: false }));

Deno.test("schedule api - a bad op body is a 4xx JSON error and changes nothing", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const key = await sceneKeys(app, s.prodmanager);
    await moveTo(app, s.prodmanager, key("1"), 0);
    const before = (await pm.get(S)).body;
    const bad: [string, unknown][] = [
      ["unknown op", { op: { op: "shuffle" } }],
      ["no op", {}],
      ["negative day", { op: { op: "remove_day", day: -1 } }],
      ["fractional day", { op: { op: "remove_day", day: 0.5 } }],
      ["day past the limit", { op: { op: "remove_day", day: 501 } }],
      ["extra field in the op", { op: { op: "add_day", day: 0 } }],
      ["extra field beside it", { op: { op: "add_day" }, sneaky: true }],
      ["huge scene key", {
        op: {
          op: "move_strip",
          sceneKey: "k".repeat(10_000),
          to: { day: 0, index: 0 },
        },
      }],
      ["huge banner text", {
        op: {
          op: "add_banner",
          id: "b1",
          day: 0,
          index: 0,
          kind: "other",
          text: "x".repeat(201),
          castIds: [],
        },
      }],
      ["path-like banner id", {
        op: {
          op: "add_banner",
          id: "../b1",
          day: 0,
          index: 0,
          kind: "other",
          text: "Note",
          castIds: [],
        },
      }],
      ["unknown banner kind", {
        op: {
          op: "add_banner",
          id: "b1",
          day: 0,
          index: 0,
          kind: "party",
          text: "",
          castIds: [],
        },
      }],
      ["bad op id", { opId: "no spaces please", op: { op: "add_day" } }],
      ["an array", [{ op: "add_day" }]],
    ];
    for (const [label, body] of bad) {
      const reply = await pm.post(`${S}/ops`, body);
      assertApiError(reply, 400, label);
      assert.equal(reply.body.error.code, "validation", label);
    }
    assertApiError(
      await pm.post(`${S}/ops`, "{not json"),
      400,
      "not JSON",
    );
    assertApiError(
      await pm.post(`${S}/ops`, JSON.stringify({ op: { op: "add_day" } }), {
        "content-type": "text/plain",
      }),
      415,
      "not sent as JSON",
    );
    assertApiError(
      await pm.post(`${S}/ops`, {
        op: { op: "add_day" },
        pad: "x".repeat(70_000),
      }),
      413,
      "over the body limit",
    );
    const after = (await pm.get(S)).body;
    assert.equal(after.version, before.version);
    assert.deepEqual(after.board, before.board);
  }, { schedule: false }));

Deno.test("schedule api - an op that no longer fits the board is 409 board_conflict", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const key = await sceneKeys(app, s.prodmanager);
    await moveTo(app, s.prodmanager, key("1"), 0);
    const before = (await pm.get(S)).body;
    for (
      const op of [
        { op: "remove_day", day: 7 },
        { op: "move_day", from: 3, to: 0 },
        { op: "edit_banner", id: "nobanner", kind: "other", text: "x" },
        {
          op: "move_strip",
          sceneKey: "no-such-scene",
          to: { day: 0, index: 0 },
        },
      ]
    ) {
      const reply = await pm.post(`${S}/ops`, { op });
      assertApiError(reply, 409, op.op);
      assert.equal(reply.body.error.code, "board_conflict", op.op);
      assert.equal(reply.body.error.details.version, before.version);
    }
    const after = (await pm.get(S)).body;
    assert.equal(after.version, before.version);
    assert.deepEqual(after.board, before.board);
  }, { schedule: false }));

Deno.test("schedule api - settings: checked per field, guarded by If-Match, the office's alone", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const put = (body: unknown, version?: number, who = pm) =>
      who.call(
        "PUT",
        `${S}/settings`,
        body,
        version === undefined ? {} : { "if-match": String(version) },
      );
    const initial = (await pm.get(`${S}/settings`)).body;
    assert.equal(initial.version, 0);
    assertApiError(
      await put(SETTINGS, 0, api(app, s.director)),
      403,
      "director",
    );
    const saved = await put(SETTINGS, 0);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, 1);
    assert.deepEqual(saved.body.daysOff, ["2027-02-03"]);

    // Each mistake is a validation error naming its field; the API
    // answers 400 for every validation error (DESIGN §4).
    const invalid: [string, Record<string, unknown>, string][] = [
      ["no weekday", { workWeekdays: [] }, "workWeekdays"],
      ["weekday 8", { workWeekdays: [8] }, "workWeekdays"],
      ["bad start date", { startDate: "2027-02-30" }, "startDate"],
      ["bad day off", { daysOff: ["soon"] }, "daysOff"],
      ["off and worked", {
        daysOff: ["2027-02-06"],
        extraWorkDays: ["2027-02-06"],
      }, "extraWorkDays"],
      ["0 minutes", { minutesPerEighth: 0 }, "minutesPerEighth"],
      ["121 minutes", { minutesPerEighth: 121 }, "minutesPerEighth"],
      [
        "a colour key",
        { stripColors: { "INT/NOON": "#ffffff" } },
        "stripColors",
      ],
      ["a colour", { stripColors: { "INT/DAY": "red" } }, "stripColors"],
      ["drop after 0 days", { dropPickupAfterDays: 0 }, "dropPickupAfterDays"],
    ];
    for (const [label, change, field] of invalid) {
      const reply = await put({ ...SETTINGS, ...change }, 1);
      assertApiError(reply, 400, label);
      assert.equal(reply.body.error.code, "validation", label);
      assert.ok(
        reply.body.error.details.some((i: { path: string[] }) =>
          i.path[0] === field
        ),
        `${label}: ${JSON.stringify(reply.body.error.details)}`,
      );
    }
    assertApiError(await put({ ...SETTINGS, version: 9 }, 1), 400, "extra");
    assertApiError(
      await pm.call("PUT", `${S}/settings`, SETTINGS, { "if-match": "abc" }),
      400,
      "If-Match not a version",
    );
    // Nothing invalid was kept.
    assert.equal((await pm.get(`${S}/settings`)).body.version, 1);

    // Without If-Match the last write wins; with a stale one it is refused.
    const again = await put({ ...SETTINGS, minutesPerEighth: 12 });
    assert.equal(again.status, 200);
    assert.equal(again.body.version, 2);
    const stale = await put({ ...SETTINGS, minutesPerEighth: 20 }, 1);
    assertApiError(stale, 409, "stale");
    assert.equal(stale.body.error.code, "version_conflict");
    assert.equal(stale.body.error.details.current.version, 2);
    assert.equal(stale.body.error.details.current.minutesPerEighth, 12);
    assert.equal((await pm.get(`${S}/settings`)).body.minutesPerEighth, 12);
  }, { schedule: false }));

Deno.test("schedule api - versions: save, lock one at a time, unlock, delete (never the locked one)", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const director = api(app, s.director);
    const key = await sceneKeys(app, s.prodmanager);
    await moveTo(app, s.prodmanager, key("1"), 0);

    const white = await pm.post(`${S}/versions`, {
      name: "  White — locked 2027-02-01 ",
      lock: true,
    });
    assert.equal(white.status, 201, JSON.stringify(white.body));
    assert.equal(white.body.name, "White — locked 2027-02-01");
    assert.equal(white.body.locked, true);
    assert.equal(white.body.lockedByName, white.body.createdByName);
    assert.equal(white.body.scheduled, 1);
    assert.equal(white.body.days, 1);
    const blue = await pm.post(`${S}/versions`, { name: "Blue" });
    assert.equal(blue.status, 201);
    assert.equal(blue.body.locked, false);

    for (
      const [label, body] of [
        ["no name", { name: "   " }],
        ["long name", { name: "x".repeat(121) }],
        ["lock not a flag", { name: "Pink", lock: "yes" }],
        ["extra field", { name: "Pink", board: [] }],
      ] as const
    ) {
      assertApiError(await pm.post(`${S}/versions`, body), 400, label);
    }
    assertApiError(
      await director.post(`${S}/versions`, { name: "Mine" }),
      403,
      "director saves",
    );
    assertApiError(
      await director.patch(`${S}/versions/${blue.body.id}`, { locked: true }),
      403,
      "director locks",
    );
    assertApiError(
      await director.del(`${S}/versions/${blue.body.id}`),
      403,
      "director deletes",
    );

    // Locking Blue unlocks White: one shooting schedule.
    const locked = await pm.patch(`${S}/versions/${blue.body.id}`, {
      locked: true,
    });
    assert.equal(locked.status, 200);
    assert.equal(locked.body.locked, true);
    const list = (await director.get(`${S}/versions`)).body;
    assert.deepEqual(
      list.map((v: { name: string; locked: boolean }) => [v.name, v.locked]),
      [["Blue", true], ["White — locked 2027-02-01", false]],
    );
    assertApiError(
      await pm.patch(`${S}/versions/${blue.body.id}`, { locked: "no" }),
      400,
      "locked not a flag",
    );
    assertApiError(
      await pm.patch(`${S}/versions/nope`, { locked: true }),
      404,
      "unknown version",
    );

    const refused = await pm.del(`${S}/versions/${blue.body.id}`);
    assertApiError(refused, 409, "locked");
    assert.equal(refused.body.error.code, "locked");
    const unlocked = await pm.patch(`${S}/versions/${blue.body.id}`, {
      locked: false,
    });
    assert.equal(unlocked.body.locked, false);
    assert.equal(unlocked.body.lockedAt, null);
    assert.equal((await pm.del(`${S}/versions/${blue.body.id}`)).status, 204);
    assertApiError(await pm.del(`${S}/versions/${blue.body.id}`), 404, "gone");
    assert.deepEqual(
      (await pm.get(`${S}/versions`)).body.map((v: { id: string }) => v.id),
      [white.body.id],
    );
    // A saved version opens read-only by id; an unknown id is 404.
    const opened = (await director.get(`${S}?version=${white.body.id}`)).body;
    assert.equal(opened.versionId, white.body.id);
    assertApiError(await director.get(`${S}?version=nope`), 404, "unknown");
  }, { schedule: false }));

Deno.test("schedule api - compare lists the scenes that moved; an unknown board is 404", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const crew = api(app, s.crew);
    const key = await sceneKeys(app, s.prodmanager);
    await moveTo(app, s.prodmanager, key("1"), 0);
    await moveTo(app, s.prodmanager, key("2"), 0);
    const saved = (await pm.post(`${S}/versions`, { name: "White" })).body;
    const same = await crew.get(`${S}/compare?a=${saved.id}&b=working`);
    assert.equal(same.status, 200);
    assert.deepEqual(same.body.moves, []);
    assert.equal(same.body.a.name, "White");
    assert.equal(same.body.b.name, "Working schedule");

    await pm.post(`${S}/ops`, { op: { op: "add_day" } });
    await moveTo(app, s.prodmanager, key("2"), 1);
    await pm.post(`${S}/ops`, {
      op: { op: "move_strip", sceneKey: key("1"), to: { boneyard: true } },
    });
    await moveTo(app, s.prodmanager, key("3"), 1);
    const moved = (await crew.get(`${S}/compare?a=${saved.id}&b=working`))
      .body;
    assert.deepEqual(
      moved.moves.map((m: { number: string; from: number; to: number }) => [
        m.number,
        m.from,
        m.to,
      ]),
      [["1", 1, null], ["2", 1, 2], ["3", null, 2]],
    );
    assert.equal(moved.b.days, 2);
    assert.ok(moved.moves.every((m: { set: string }) => m.set.length > 0));

    assertApiError(
      await crew.get(`${S}/compare?a=${saved.id}&b=nope`),
      404,
      "unknown b",
    );
    assertApiError(await crew.get(`${S}/compare?a=working`), 400, "no b");
    assertApiError(
      await crew.get(`${S}/compare?a=working&b=${"x".repeat(200)}`),
      400,
      "long id",
    );
  }, { schedule: false }));

Deno.test("schedule api - the day out of days as JSON and as a CSV download", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const key = await sceneKeys(app, s.prodmanager);
    await pm.call("PUT", `${S}/settings`, SETTINGS, { "if-match": "0" });
    // Scene 1 (cast 1) on day 1, scene 2 (cast 1, 2) on day 2.
    await moveTo(app, s.prodmanager, key("1"), 0);
    await moveTo(app, s.prodmanager, key("2"), 1);
    const dood = (await api(app, s.vfx).get(`${S}/dood`)).body;
    assert.deepEqual(
      dood.columns.map((c: { date: string; kind: string }) => [c.date, c.kind]),
      [["2027-02-01", "shoot"], ["2027-02-02", "shoot"]],
    );
    const margit = dood.rows.find((r: { castNumber: number }) =>
      r.castNumber === 1
    );
    assert.deepEqual(margit.codes, ["SW", "WF"]);
    assert.equal(margit.totals.work, 2);
    assert.equal(dood.settings.version, 1);
    assert.equal(typeof dood.timeZone, "string");

    const res = await api(app, s.director).request("GET", `${S}/dood.csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(
      res.headers.get("content-disposition") ?? "",
      new RegExp(`attachment; filename="day-out-of-days-${DEMO_SLUG}\\.csv"`),
    );
    const text = await res.text();
    const [header, labels, first] = text.replace(/^\uFEFF/, "").split(/\r?\n/);
    assert.ok(text.startsWith("\uFEFF"), "a BOM for spreadsheet apps");
    assert.equal(
      header,
      "Cast #,Cast,2027-02-01,2027-02-02,Work,Hold,Travel,Idle,Pick-ups,Start,Finish",
    );
    assert.equal(labels, ",,Mon Day 1,Tue Day 2,,,,,,,");
    assert.match(first, /^1,MARGIT,SW,WF,2,0,0,0,0,2027-02-01,2027-02-02$/);

    const saved = (await pm.post(`${S}/versions`, { name: "White" })).body;
    const versionCsv = await api(app, s.director).request(
      "GET",
      `${S}/dood.csv?version=${saved.id}`,
    );
    assert.equal(versionCsv.status, 200);
    await versionCsv.body?.cancel();
    assertApiError(
      await api(app, s.director).get(`${S}/dood.csv?version=nope`),
      404,
      "unknown version",
    );
  }, { schedule: false }));

Deno.test("schedule pages - day out of days and versions for every reader, settings for the office", () =>
  withModuleData(async (app) => {
    const expected: Record<string, [number, number, number]> = {
      producer: [200, 200, 200],
      prodmanager: [200, 200, 200],
      director: [200, 200, 403],
      crew: [200, 200, 403],
      vfx: [200, 200, 403],
      distribution: [403, 403, 403],
    };
    for (const [who, statuses] of Object.entries(expected)) {
      const paths = ["dood", "versions", "settings"];
      for (const [i, path] of paths.entries()) {
        const page = await pageAs(app, who, `${PAGES}/${path}`);
        assert.equal(page.status, statuses[i], `${who} ${path}`);
        if (page.status === 200) {
          assert.match(page.html, /<h1>Schedule<\/h1>/, `${who} ${path}`);
          assert.match(page.html, /class="schedule-tabs"/, `${who} ${path}`);
        }
      }
    }
    const empty = await pageAs(app, "director", `${PAGES}/dood`);
    assert.match(empty.html, /No cast member works yet/);
    const unknown = await pageAs(app, "director", `${PAGES}/dood?version=nope`);
    assert.equal(unknown.status, 404);
  }, { schedule: false }));
