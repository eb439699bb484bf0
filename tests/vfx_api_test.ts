import assert from "node:assert/strict";
import { DEMO_USERS } from "@/lib/seed.ts";
import { latestEventId, type StoredEvent } from "@/lib/store/event_log.ts";
import { type VfxUpdateData, VfxUpdateDataSchema } from "@/lib/vfx/schemas.ts";
import {
  api,
  assertApiError,
  type Reply,
  row,
  type Session,
  sessions,
} from "./helpers/api_client.ts";
import { type TestApp, withApp } from "./helpers/test_app.ts";
import { loggedEvents } from "./helpers/events.ts";

const SHOTS = "/api/vfx/shots";

const newShot = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  description: "Wave crashes against the cliff base",
  frameIn: 1001,
  frameOut: 1210,
  vendor: "Stormglass VFX",
  bidCents: 42_000_00,
  ...extra,
});

/** The vfx_update events logged after `after`, each parsed and checked. */
async function vfxEvents(
  app: TestApp,
  after: string,
): Promise<(StoredEvent & { data: VfxUpdateData })[]> {
  // Inbox items (review requests, approvals) travel beside the module's
  // own events; they are tested in lib/inbox and tests/inbox_api_test.ts.
  const logged = await loggedEvents(app, after, 10_000);
  return logged.filter((e) => e.type !== "inbox_update").map((e) => {
    assert.equal(e.type, "vfx_update");
    assert.deepEqual(e.audience, {
      roles: ["vfx", "director", "producer"],
      users: [],
    });
    return { ...e, data: VfxUpdateDataSchema.parse(e.data) };
  });
}

// What each demo user gets from each endpoint, written by hand from DESIGN §3
// (vfx: read vfx, director, producer; shots and versions: vfx; review:
// director, producer).
const MATRIX: Record<string, Record<string, number>> = {
  //               producer prodmanager director crew vfx distribution
  list: row(200, 403, 200, 403, 200, 403),
  get: row(200, 403, 200, 403, 200, 403),
  create: row(403, 403, 403, 403, 201, 403),
  edit: row(403, 403, 403, 403, 200, 403),
  submit: row(403, 403, 403, 403, 201, 403),
  review: row(200, 403, 200, 403, 403, 403),
};

Deno.test("vfx api - permission matrix: six roles × every endpoint", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    const shot = (await vfx.post(SHOTS, newShot("NL_010_0010"))).body;
    const head = await latestEventId(app.services.kv);
    let writes = 0;
    for (const [i, demo] of DEMO_USERS.entries()) {
      const who = api(app, s[demo.username]);
      const expect = (endpoint: string, reply: Reply) => {
        const want = MATRIX[endpoint][demo.username];
        if (want >= 400) {
          assertApiError(reply, want, `${endpoint} ${demo.username}`);
        } else {
          assert.equal(reply.status, want, `${endpoint} ${demo.username}`);
          if (endpoint !== "list" && endpoint !== "get") writes++;
        }
      };
      expect("list", await who.get(SHOTS));
      expect("get", await who.get(`${SHOTS}/${shot.id}`));
      expect("create", await who.post(SHOTS, newShot(`NL_020_000${i}`)));
      expect(
        "edit",
        await who.patch(`${SHOTS}/${shot.id}`, { vendor: demo.username }),
      );
      // Make sure a version waits for review, so only the role decides.
      const current = (await vfx.get(`${SHOTS}/${shot.id}`)).body.shot;
      if (current.status !== "pending_review") {
        assert.equal(
          (await vfx.post(`${SHOTS}/${shot.id}/versions`, {})).status,
          201,
        );
        writes++;
      }
      const n = (await vfx.get(`${SHOTS}/${shot.id}`)).body.shot.versionCount;
      expect(
        "review",
        await who.patch(`${SHOTS}/${shot.id}/versions/${n}`, {
          decision: "request_changes",
          note: `From ${demo.username}`,
        }),
      );
      // Submitting needs a shot that is not in review, so only the role decides.
      const after = (await vfx.get(`${SHOTS}/${shot.id}`)).body.shot;
      if (after.status === "pending_review") {
        const sentBack = await api(app, s.director).patch(
          `${SHOTS}/${shot.id}/versions/${after.versionCount}`,
          { decision: "request_changes", note: "Again" },
        );
        assert.equal(sentBack.status, 200);
        writes++;
      }
      expect("submit", await who.post(`${SHOTS}/${shot.id}/versions`, {}));
    }
    // Every refused request left no trace: one event per successful write.
    assert.equal((await vfxEvents(app, head)).length, writes);
    // Signed out: 401 everywhere.
    const anon = api(app, null);
    assertApiError(await anon.get(SHOTS), 401);
    assertApiError(await anon.get(`${SHOTS}/${shot.id}`), 401);
    assertApiError(await anon.post(SHOTS, newShot("NL_030_0010")), 401);
    assertApiError(await anon.post(`${SHOTS}/${shot.id}/versions`, {}), 401);
    assertApiError(
      await anon.patch(`${SHOTS}/${shot.id}/versions/1`, {
        decision: "approve",
      }),
      401,
    );
  }));

Deno.test("vfx api - roles without vfx read get 403 even for shots that do not exist; readers get 404", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    for (const name of ["prodmanager", "crew", "distribution"]) {
      const who = api(app, s[name]);
      assertApiError(await who.get(`${SHOTS}/missing`), 403, name);
      assertApiError(await who.patch(`${SHOTS}/missing`, { vendor: "x" }), 403);
      assertApiError(await who.post(`${SHOTS}/missing/versions`, {}), 403);
      assertApiError(
        await who.patch(`${SHOTS}/missing/versions/1`, { decision: "approve" }),
        403,
      );
    }
    const vfx = api(app, s.vfx);
    assertApiError(await vfx.get(`${SHOTS}/missing`), 404);
    assertApiError(await vfx.patch(`${SHOTS}/missing`, { vendor: "x" }), 404);
    assertApiError(await vfx.post(`${SHOTS}/missing/versions`, {}), 404);
    const director = api(app, s.director);
    assertApiError(
      await director.patch(`${SHOTS}/missing/versions/1`, {
        decision: "approve",
      }),
      404,
    );
  }));

Deno.test("vfx api - nested routes: [id].ts and the [id]/ folder coexist", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    const director = api(app, s.director);
    const shot = (await vfx.post(SHOTS, newShot("NL_010_0040"))).body;
    const path = `${SHOTS}/${shot.id}`;
    assert.equal((await vfx.get(path)).status, 200);
    assert.equal((await vfx.patch(path, { vendor: "Lumen" })).status, 200);
    const submitted = await vfx.post(`${path}/versions`, { notes: "v1" });
    assert.equal(submitted.status, 201);
    assert.equal(submitted.body.version.number, 1);
    assert.equal(submitted.body.version.shotId, shot.id);
    const reviewed = await director.patch(`${path}/versions/1`, {
      decision: "approve",
    });
    assert.equal(reviewed.status, 200);
    assert.equal(reviewed.body.version.review.decision, "approve");
    // Unknown version numbers and non-numbers are 404.
    for (const n of ["2", "0", "01", "abc", "-1", "1.0"]) {
      assertApiError(
        await director.patch(`${path}/versions/${n}`, { decision: "approve" }),
        404,
        n,
      );
    }
    // Methods not served there are 405, not a silent fall-through.
    assert.equal((await vfx.call("DELETE", path)).status, 405);
    assert.equal((await vfx.get(`${path}/versions`)).status, 405);
    assert.equal((await vfx.get(`${path}/versions/1`)).status, 405);
  }));

Deno.test("vfx api - validation errors are 400 with zod details and change nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    const director = api(app, s.director);
    const shot = (await vfx.post(SHOTS, newShot("NL_010_0040"))).body;
    await vfx.post(`${SHOTS}/${shot.id}/versions`, {});
    const head = await latestEventId(app.services.kv);
    const bad: [string, string, unknown][] = [
      ["POST", SHOTS, newShot("nl_010_0040")],
      ["POST", SHOTS, newShot("NL-010-0040")],
      ["POST", SHOTS, newShot("NL_10_0040")],
      ["POST", SHOTS, newShot("N_010_0040")],
      ["POST", SHOTS, newShot("NORTHERNL_010_0040")],
      ["POST", SHOTS, newShot("NL_010_00400")],
      [
        "POST",
        SHOTS,
        newShot("NL_010_0050", { frameIn: 1200, frameOut: 1100 }),
      ],
      ["POST", SHOTS, newShot("NL_010_0050", { frameIn: -1 })],
      ["POST", SHOTS, newShot("NL_010_0050", { frameIn: 1001.5 })],
      ["POST", SHOTS, newShot("NL_010_0050", { frameOut: "1100" })],
      ["POST", SHOTS, newShot("NL_010_0050", { bidCents: 12.5 })],
      ["POST", SHOTS, newShot("NL_010_0050", { bidCents: -1 })],
      ["POST", SHOTS, newShot("NL_010_0050", { bidCents: 1e14 })],
      ["POST", SHOTS, newShot("NL_010_0050", { bidCents: "4200000" })],
      ["POST", SHOTS, newShot("NL_010_0050", { status: "approved" })],
      ["POST", SHOTS, newShot("NL_010_0050", { versionCount: 3 })],
      ["POST", SHOTS, newShot("NL_010_0050", { colour: "red" })],
      // Scenes are linked by their stable key; the per-draft id is refused.
      ["POST", SHOTS, newShot("NL_010_0050", { sceneId: "scene-record" })],
      ["PATCH", `${SHOTS}/${shot.id}`, { sceneId: "scene-record" }],
      ["POST", SHOTS, newShot("NL_010_0050", { sceneKey: "" })],
      [
        "POST",
        SHOTS,
        newShot("NL_010_0050", { description: "x".repeat(2001) }),
      ],
      ["POST", SHOTS, newShot("NL_010_0050", { vendor: "x".repeat(201) })],
      ["POST", SHOTS, newShot("NL_010_0050", { assigneeId: s.crew.id })],
      ["POST", SHOTS, { code: "NL_010_0050" }],
      ["PATCH", `${SHOTS}/${shot.id}`, {}],
      ["PATCH", `${SHOTS}/${shot.id}`, { frameIn: 1300 }],
      ["PATCH", `${SHOTS}/${shot.id}`, { frameIn: 10, frameOut: 5 }],
      ["PATCH", `${SHOTS}/${shot.id}`, { bidCents: 0.1 }],
      ["PATCH", `${SHOTS}/${shot.id}`, { status: "archived" }],
      ["PATCH", `${SHOTS}/${shot.id}`, { version: 9 }],
      ["PATCH", `${SHOTS}/${shot.id}`, { code: "bad" }],
      ["POST", `${SHOTS}/${shot.id}/versions`, { notes: "x".repeat(5001) }],
      ["POST", `${SHOTS}/${shot.id}/versions`, { number: 7 }],
      ["POST", `${SHOTS}/${shot.id}/versions`, { assetId: 12 }],
    ];
    for (const [method, path, body] of bad) {
      const reply = await vfx.call(method, path, body);
      const label = `${method} ${JSON.stringify(body).slice(0, 80)}`;
      assertApiError(reply, 400, label);
      assert.equal(reply.body.error.code, "validation", label);
      assert.ok(Array.isArray(reply.body.error.details), label);
      assert.ok(reply.body.error.details.length > 0, label);
    }
    const reviews: unknown[] = [
      { decision: "maybe" },
      { decision: "request_changes" },
      { decision: "request_changes", note: "   " },
      { decision: "approve", note: "x".repeat(5001) },
      { decision: "approve", by: s.producer.id },
      {},
    ];
    for (const body of reviews) {
      const reply = await director.patch(
        `${SHOTS}/${shot.id}/versions/1`,
        body,
      );
      assertApiError(reply, 400, JSON.stringify(body).slice(0, 80));
      assert.ok(Array.isArray(reply.body.error.details));
    }
    // The detail names the field.
    const frames = await vfx.post(
      SHOTS,
      newShot("NL_010_0050", { frameIn: 1200, frameOut: 1100 }),
    );
    assert.deepEqual(frames.body.error.details[0].path, ["frameOut"]);
    // Not JSON, or not declared as JSON.
    assertApiError(await vfx.post(SHOTS, "{nope"), 400);
    assertApiError(
      await vfx.post(SHOTS, JSON.stringify(newShot("NL_010_0050")), {
        "content-type": "text/plain",
      }),
      415,
    );
    // Queries are validated too.
    assertApiError(await vfx.get(`${SHOTS}?status=nope`), 400);
    assertApiError(await vfx.get(`${SHOTS}?colour=red`), 400);
    // Nothing changed: no event, the one shot as it was.
    assert.equal(await latestEventId(app.services.kv), head);
    const list = (await vfx.get(SHOTS)).body;
    assert.equal(list.length, 1);
    assert.equal(list[0].version, 2);
    assert.equal(list[0].status, "pending_review");
  }));

Deno.test("vfx api - a duplicate code is a 409 and changes nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    await vfx.post(SHOTS, newShot("NL_010_0040"));
    const other = (await vfx.post(SHOTS, newShot("NL_010_0050"))).body;
    const head = await latestEventId(app.services.kv);
    const dup = await vfx.post(SHOTS, newShot("NL_010_0040"));
    assertApiError(dup, 409);
    assert.equal(dup.body.error.code, "conflict");
    assert.match(dup.body.error.message, /NL_010_0040/);
    assert.deepEqual(dup.body.error.details, { field: "code" });
    const renamed = await vfx.patch(`${SHOTS}/${other.id}`, {
      code: "NL_010_0040",
    });
    assertApiError(renamed, 409);
    assert.equal(await latestEventId(app.services.kv), head);
    assert.equal((await vfx.get(SHOTS)).body.length, 2);
  }));

Deno.test("vfx api - the whole lifecycle, one event per step", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    const director = api(app, s.director);
    const producer = api(app, s.producer);
    let cursor = await latestEventId(app.services.kv);

    /** Exactly one new vfx_update with `action`, carrying the shot `shot`. */
    const step = async (
      reply: Reply,
      status: number,
      action: VfxUpdateData["action"],
      shotStatus: string,
    ) => {
      assert.equal(reply.status, status, JSON.stringify(reply.body));
      const events = await vfxEvents(app, cursor);
      assert.equal(events.length, 1, action);
      const [event] = events;
      assert.equal(event.data.action, action);
      assert.equal(event.data.shot.status, shotStatus);
      if (reply.body.shot !== undefined) {
        // Versions: `{shot, version}`, both as the event reports them.
        assert.deepEqual(event.data.shot, reply.body.shot);
        assert.deepEqual(event.data.version, reply.body.version);
      } else {
        assert.deepEqual(event.data.shot, reply.body);
        assert.equal(event.data.version, undefined);
      }
      cursor = event.id;
      return event;
    };

    const created = await vfx.post(
      SHOTS,
      newShot("NL_010_0040", { assigneeId: s.vfx.id }),
    );
    await step(created, 201, "shot_created", "not_started");
    const id = created.body.id;
    assert.equal(created.body.versionCount, 0);
    assert.equal(created.body.sceneKey, null);
    assert.equal("sceneId" in created.body, false);

    await step(
      await vfx.patch(`${SHOTS}/${id}`, { status: "in_progress" }),
      200,
      "shot_updated",
      "in_progress",
    );
    const v1 = await vfx.post(`${SHOTS}/${id}/versions`, {
      notes: "Sim v1: main crash and spray",
    });
    await step(v1, 201, "version_submitted", "pending_review");
    assert.equal(v1.body.version.number, 1);
    assert.equal(v1.body.version.submittedBy, s.vfx.id);
    assert.equal(v1.body.version.submittedByName, "Ines Moreau");
    assert.equal(v1.body.version.review, null);

    const changes = await director.patch(`${SHOTS}/${id}/versions/1`, {
      decision: "request_changes",
      note: "Bigger, slower crash",
    });
    await step(changes, 200, "version_reviewed", "changes_requested");
    assert.equal(changes.body.version.review.by, s.director.id);
    assert.equal(changes.body.version.review.byName, "Dana Kowalski");

    // A version may point at a file of the assets library; a made-up id is
    // refused and changes nothing.
    const missing = await vfx.post(`${SHOTS}/${id}/versions`, {
      notes: "Sim v2",
      assetId: "no-such-file",
    });
    assert.equal(missing.status, 400);
    const file = await vfx.post(
      "/api/assets?name=render-v2.txt&category=footage",
      "frame 1001\nframe 1002\n",
      { "content-type": "application/octet-stream" },
    );
    assert.equal(file.status, 201);
    // The upload logged its own asset_update; the steps count from here.
    cursor = await latestEventId(app.services.kv);
    const v2 = await vfx.post(`${SHOTS}/${id}/versions`, {
      notes: "Sim v2: 1.4× scale",
      assetId: file.body.id,
    });
    await step(v2, 201, "version_submitted", "pending_review");
    assert.equal(v2.body.version.number, 2);
    assert.equal(v2.body.shot.versionCount, 2);

    const approved = await producer.patch(`${SHOTS}/${id}/versions/2`, {
      decision: "approve",
      note: "Lovely",
    });
    await step(approved, 200, "version_reviewed", "approved");

    const final = await director.patch(`${SHOTS}/${id}`, { status: "final" });
    await step(final, 200, "shot_updated", "final");
    assert.equal(final.body.version, 7);

    const detail = (await director.get(`${SHOTS}/${id}`)).body;
    assert.equal(detail.shot.status, "final");
    assert.deepEqual(
      detail.versions.map((
        v: { number: number; review: { decision: string } },
      ) => [v.number, v.review.decision]),
      [[1, "request_changes"], [2, "approve"]],
    );
    assert.equal(detail.versions[1].assetId, file.body.id);

    // The replay API delivers these events to readers only.
    const replay = async (who: Session) =>
      (await api(app, who).get(`/api/events?after=0000000000000000`)).body
        .events.filter((e: { type: string }) => e.type === "vfx_update")
        .length;
    assert.equal(await replay(s.vfx), 7);
    assert.equal(await replay(s.director), 7);
    assert.equal(await replay(s.producer), 7);
    assert.equal(await replay(s.crew), 0);
    assert.equal(await replay(s.prodmanager), 0);
    assert.equal(await replay(s.distribution), 0);
  }));

Deno.test("vfx api - illegal transitions are 409 with a clear message and change nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    const director = api(app, s.director);
    const a = (await vfx.post(SHOTS, newShot("NL_010_0040"))).body;
    await vfx.post(`${SHOTS}/${a.id}/versions`, {});
    let head = await latestEventId(app.services.kv);

    const conflict = (reply: Reply, message: RegExp | string) => {
      assertApiError(reply, 409, String(message));
      assert.equal(reply.body.error.code, "invalid_transition");
      if (typeof message === "string") {
        assert.equal(reply.body.error.message, message);
      } else assert.match(reply.body.error.message, message);
    };

    // A shot in review.
    conflict(
      await vfx.patch(`${SHOTS}/${a.id}`, { status: "in_progress" }),
      "A shot pending review cannot be moved to in progress; review it first",
    );
    conflict(
      await vfx.post(`${SHOTS}/${a.id}/versions`, {}),
      /cannot take a new version; .*review it first/,
    );
    conflict(
      await vfx.patch(`${SHOTS}/${a.id}`, { status: "approved" }),
      /cannot be set to approved by hand/,
    );
    conflict(
      await director.patch(`${SHOTS}/${a.id}`, { status: "approved" }),
      /cannot be set to approved by hand/,
    );
    conflict(
      await vfx.patch(`${SHOTS}/${a.id}`, { status: "changes_requested" }),
      /reviewing the latest version/,
    );
    // Reviewers omit a shot in review; the VFX team may not (403).
    assertApiError(
      await vfx.patch(`${SHOTS}/${a.id}`, { status: "omitted" }),
      403,
    );
    assert.equal(await latestEventId(app.services.kv), head);

    // Request changes on v1, submit v2: v1 is no longer reviewable.
    await director.patch(`${SHOTS}/${a.id}/versions/1`, {
      decision: "request_changes",
      note: "More",
    });
    await vfx.post(`${SHOTS}/${a.id}/versions`, {});
    head = await latestEventId(app.services.kv);
    const old = await director.patch(`${SHOTS}/${a.id}/versions/1`, {
      decision: "approve",
    });
    conflict(old, /Only the latest version \(v2\)/);
    assert.deepEqual(old.body.error.details, { latest: 2 });

    // Approved: no second review, no new version, vfx cannot finalise.
    await director.patch(`${SHOTS}/${a.id}/versions/2`, {
      decision: "approve",
    });
    head = await latestEventId(app.services.kv);
    conflict(
      await director.patch(`${SHOTS}/${a.id}/versions/2`, {
        decision: "request_changes",
        note: "Changed my mind",
      }),
      /An approved shot cannot be reviewed/,
    );
    conflict(
      await vfx.post(`${SHOTS}/${a.id}/versions`, {}),
      /already approved/,
    );
    conflict(
      await vfx.patch(`${SHOTS}/${a.id}`, { status: "in_progress" }),
      /An approved shot cannot be moved to in progress/,
    );
    const finalByVfx = await vfx.patch(`${SHOTS}/${a.id}`, {
      status: "final",
    });
    assertApiError(finalByVfx, 403);
    assert.match(finalByVfx.body.error.message, /director or producer/);

    // A shot never submitted cannot be reviewed or set to review by hand.
    const b = (await vfx.post(SHOTS, newShot("NL_010_0050"))).body;
    head = await latestEventId(app.services.kv);
    assertApiError(
      await director.patch(`${SHOTS}/${b.id}/versions/1`, {
        decision: "approve",
      }),
      404,
    );
    conflict(
      await vfx.patch(`${SHOTS}/${b.id}`, { status: "pending_review" }),
      /goes to review when a version is submitted/,
    );
    conflict(
      await director.patch(`${SHOTS}/${b.id}`, { status: "final" }),
      /A shot not yet started cannot be moved to final/,
    );
    // The director may not start work: that move is the VFX team's (403).
    assertApiError(
      await director.patch(`${SHOTS}/${b.id}`, { status: "in_progress" }),
      403,
    );
    // Omitted shots take no versions until restored.
    await vfx.patch(`${SHOTS}/${b.id}`, { status: "omitted" });
    head = await latestEventId(app.services.kv);
    conflict(await vfx.post(`${SHOTS}/${b.id}/versions`, {}), /restore it/);
    conflict(
      await vfx.patch(`${SHOTS}/${b.id}`, { status: "in_progress" }),
      /An omitted shot cannot be moved to in progress; restore it/,
    );
    assert.equal(await latestEventId(app.services.kv), head);
    const shots = (await vfx.get(SHOTS)).body;
    assert.deepEqual(
      shots.map((x: { status: string }) => x.status),
      ["approved", "omitted"],
    );
  }));

Deno.test("vfx api - a stale If-Match is a 409 with the current record and no event", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    const director = api(app, s.director);
    const shot = (await vfx.post(SHOTS, newShot("NL_010_0040"))).body;
    const path = `${SHOTS}/${shot.id}`;
    const ok = await vfx.patch(path, { vendor: "A" }, { "if-match": "1" });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.version, 2);
    let head = await latestEventId(app.services.kv);
    const stale = await vfx.patch(path, { vendor: "B" }, { "if-match": '"1"' });
    assertApiError(stale, 409);
    assert.equal(stale.body.error.code, "version_conflict");
    assert.equal(stale.body.error.details.current.version, 2);
    assert.equal(stale.body.error.details.current.vendor, "A");
    assertApiError(
      await director.patch(path, { status: "omitted" }, { "if-match": "7" }),
      409,
    );
    assertApiError(
      await vfx.patch(path, { vendor: "B" }, { "if-match": "x" }),
      400,
    );
    assert.equal(await latestEventId(app.services.kv), head);

    // Two writers with the same If-Match: exactly one wins, one event.
    const [x, y] = await Promise.all([
      vfx.patch(path, { description: "X" }, { "if-match": "2" }),
      vfx.patch(path, { description: "Y" }, { "if-match": "2" }),
    ]);
    assert.deepEqual([x.status, y.status].sort(), [200, 409]);
    assert.equal((await vfxEvents(app, head)).length, 1);

    // On a review, If-Match is the version record's own version.
    await vfx.post(`${path}/versions`, {});
    head = await latestEventId(app.services.kv);
    const staleReview = await director.patch(`${path}/versions/1`, {
      decision: "approve",
    }, { "if-match": "2" });
    assertApiError(staleReview, 409);
    assert.equal(staleReview.body.error.code, "version_conflict");
    assert.equal(staleReview.body.error.details.current.number, 1);
    assert.equal(await latestEventId(app.services.kv), head);
    const review = await director.patch(`${path}/versions/1`, {
      decision: "approve",
    }, { "if-match": "1" });
    assert.equal(review.status, 200);
    assert.equal(review.body.version.version, 2);
  }));

Deno.test("vfx api - list filters: status, assignee, scene, vendor", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    await vfx.post(
      SHOTS,
      newShot("NL_010_0010", { assigneeId: s.vfx.id, sceneKey: "sc-1" }),
    );
    const b = (await vfx.post(
      SHOTS,
      newShot("NL_020_0010", { vendor: "Lumen & Salt", sceneKey: "sc-2" }),
    )).body;
    await vfx.patch(`${SHOTS}/${b.id}`, { status: "in_progress" });
    const codes = async (query: string) =>
      (await api(app, s.producer).get(`${SHOTS}${query}`)).body.map((
        x: { code: string },
      ) => x.code);
    assert.deepEqual(await codes(""), ["NL_010_0010", "NL_020_0010"]);
    assert.deepEqual(await codes("?status=in_progress"), ["NL_020_0010"]);
    assert.deepEqual(await codes(`?assignee=${s.vfx.id}`), ["NL_010_0010"]);
    assert.deepEqual(await codes("?sceneKey=sc-2"), ["NL_020_0010"]);
    assert.deepEqual(
      await codes(`?vendor=${encodeURIComponent("lumen & salt")}`),
      ["NL_020_0010"],
    );
    assert.deepEqual(await codes("?status=&vendor="), [
      "NL_010_0010",
      "NL_020_0010",
    ]);
    assert.deepEqual(await codes("?status=final"), []);
  }));
