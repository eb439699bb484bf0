import assert from "node:assert/strict";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import {
  type ScriptUpdateData,
  ScriptUpdateDataSchema,
} from "@/lib/script/schemas.ts";
import { latestEventId, type StoredEvent } from "@/lib/store/event_log.ts";
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

const SCRIPTS = "/api/scripts";
const READERS = ["producer", "production_manager", "director", "crew", "vfx"];

/** The script_update events logged after `after`, each parsed and checked. */
async function scriptEvents(
  app: TestApp,
  after: string,
): Promise<(StoredEvent & { data: ScriptUpdateData })[]> {
  // Inbox items (review requests, approvals) and a new draft's ripple
  // (flags on the elements of omitted scenes) travel beside the module's
  // own events; they are tested in lib/inbox, lib/ripple and their API
  // tests.
  const logged = await loggedEvents(app, after, 10_000);
  return logged.filter((e) =>
    e.type !== "inbox_update" && e.type !== "ripple_update"
  ).map((e) => {
    assert.equal(e.type, "script_update");
    assert.deepEqual(e.audience, { roles: READERS, users: [] });
    return { ...e, data: ScriptUpdateDataSchema.parse(e.data) };
  });
}

// deno-lint-ignore no-explicit-any
type Json = any;

function sceneByNumber(detail: Json, number: string): Json {
  const scene = detail.scenes.find((s: Json) => s.number === number);
  assert.ok(scene, `scene ${number}`);
  return scene;
}

// What each demo user gets from each endpoint, written by hand from DESIGN §3
// (script: read all but distribution; write director, producer, production
// manager) and the brief (approve: director, producer).
const MATRIX: Record<string, Record<string, number>> = {
  //               producer prodmanager director crew vfx distribution
  list: row(200, 200, 200, 200, 200, 403),
  get: row(200, 200, 200, 200, 200, 403),
  history: row(200, 200, 200, 200, 200, 403),
  scene: row(200, 200, 200, 200, 200, 403),
  reports: row(200, 200, 200, 200, 200, 403),
  create: row(201, 201, 201, 403, 403, 403),
  draft: row(201, 201, 201, 403, 403, 403),
  edit: row(200, 200, 200, 403, 403, 403),
  approve: row(200, 403, 200, 403, 403, 403),
};

const SHORT = "INT. BOATHOUSE - NIGHT #1#\n\nBRAM\nAnyone here?\n";

Deno.test("script api - permission matrix: six roles × every endpoint", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const director = api(app, s.director);
    const created = await director.post(SCRIPTS, { source: SAMPLE_SCREENPLAY });
    assert.equal(created.status, 201);
    const id = created.body.script.id;
    const head = await latestEventId(app.services.kv);
    let writes = 0;
    for (const demo of DEMO_USERS) {
      const who = api(app, s[demo.username]);
      const expect = (endpoint: string, reply: Reply) => {
        const want = MATRIX[endpoint][demo.username];
        const label = `${endpoint} ${demo.username}`;
        if (want >= 400) {
          assertApiError(reply, want, label);
        } else {
          assert.equal(
            reply.status,
            want,
            `${label} ${JSON.stringify(reply.body).slice(0, 200)}`,
          );
          if (["create", "draft", "edit", "approve"].includes(endpoint)) {
            writes++;
          }
        }
      };
      const current = async () => (await director.get(`${SCRIPTS}/${id}`)).body;
      expect("list", await who.get(SCRIPTS));
      expect("get", await who.get(`${SCRIPTS}/${id}`));
      expect("history", await who.get(`${SCRIPTS}/${id}?version=1`));
      expect("reports", await who.get(`${SCRIPTS}/${id}/reports`));
      let scene = (await current()).scenes[0];
      expect("scene", await who.get(`${SCRIPTS}/${id}/scenes/${scene.id}`));
      expect(
        "create",
        await who.post(SCRIPTS, {
          title: `By ${demo.username}`,
          source: SHORT,
        }),
      );
      expect(
        "draft",
        await who.post(`${SCRIPTS}/${id}/versions`, {
          source: SAMPLE_SCREENPLAY,
        }),
      );
      scene = (await current()).scenes[0];
      const path = `${SCRIPTS}/${id}/scenes/${scene.id}`;
      expect("edit", await who.patch(path, { notes: `From ${demo.username}` }));
      // Make sure the scene waits for approval, so only the role decides.
      const status = (await director.get(path)).body.status;
      if (status !== "broken_down") {
        assert.equal(
          (await director.patch(path, { status: "broken_down" })).status,
          200,
        );
        writes++;
      }
      expect("approve", await who.patch(path, { status: "approved" }));
    }
    // Every refused request left no trace: one event per successful write.
    assert.equal((await scriptEvents(app, head)).length, writes);
    // Signed out: 401 everywhere.
    const anon = api(app, null);
    const scene = (await director.get(`${SCRIPTS}/${id}`)).body.scenes[0];
    assertApiError(await anon.get(SCRIPTS), 401);
    assertApiError(await anon.get(`${SCRIPTS}/${id}`), 401);
    assertApiError(await anon.get(`${SCRIPTS}/${id}/reports`), 401);
    assertApiError(await anon.post(SCRIPTS, { source: SHORT }), 401);
    assertApiError(
      await anon.post(`${SCRIPTS}/${id}/versions`, { source: SHORT }),
      401,
    );
    assertApiError(
      await anon.patch(`${SCRIPTS}/${id}/scenes/${scene.id}`, { notes: "x" }),
      401,
    );
  }));

Deno.test("script api - distribution gets 403 even for scripts that do not exist; readers get 404", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const dist = api(app, s.distribution);
    assertApiError(await dist.get(`${SCRIPTS}/missing`), 403);
    assertApiError(await dist.get(`${SCRIPTS}/missing/reports`), 403);
    assertApiError(await dist.get(`${SCRIPTS}/missing/scenes/x`), 403);
    assertApiError(
      await dist.patch(`${SCRIPTS}/missing/scenes/x`, { notes: "" }),
      403,
    );
    assertApiError(
      await dist.post(`${SCRIPTS}/missing/versions`, { source: SHORT }),
      403,
    );
    for (const name of ["crew", "vfx"]) {
      const who = api(app, s[name]);
      assertApiError(await who.get(`${SCRIPTS}/missing`), 404, name);
      assertApiError(
        await who.patch(`${SCRIPTS}/missing/scenes/x`, { notes: "" }),
        403,
      );
      assertApiError(
        await who.post(`${SCRIPTS}/missing/versions`, { source: SHORT }),
        403,
      );
    }
    const pm = api(app, s.prodmanager);
    assertApiError(await pm.get(`${SCRIPTS}/missing`), 404);
    assertApiError(await pm.get(`${SCRIPTS}/missing/reports`), 404);
    assertApiError(
      await pm.patch(`${SCRIPTS}/missing/scenes/x`, { notes: "" }),
      404,
    );
    assertApiError(
      await pm.post(`${SCRIPTS}/missing/versions`, { source: SHORT }),
      404,
    );
    // The production manager's approval is refused for its role, first.
    const approve = await pm.patch(`${SCRIPTS}/missing/scenes/x`, {
      status: "approved",
    });
    assertApiError(approve, 403);
    assert.match(approve.body.error.message, /director or the producer/);
  }));

Deno.test("script api - importing the sample: scenes, characters, eighths, draft status, cast pre-filled", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const head = await latestEventId(app.services.kv);
    const created = await pm.post(SCRIPTS, { source: SAMPLE_SCREENPLAY });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { script, version, versions, scenes } = created.body;
    assert.equal(script.title, "Salt Light");
    assert.equal(script.currentVersion, 1);
    assert.equal(script.sceneCount, 10);
    assert.equal(script.createdBy, s.prodmanager.id);
    assert.equal(version.number, 1);
    assert.equal(version.uploadedByName, "Marcus Obi");
    assert.deepEqual(version.warnings, []);
    assert.equal(versions.length, 1);
    assert.equal(scenes.length, 10);
    assert.deepEqual(
      scenes.map((x: Json) => x.number),
      ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
    );
    assert.ok(scenes.every((x: Json) => x.status === "draft"));
    assert.ok(scenes.every((x: Json) => x.change === "added"));
    assert.ok(scenes.every((x: Json) => x.needsReview === false));
    assert.ok(scenes.every((x: Json) => x.eighths >= 1));
    assert.equal(
      script.eighths,
      scenes.reduce((n: number, x: Json) => n + x.eighths, 0),
    );
    const all = new Set(scenes.flatMap((x: Json) => x.characters));
    assert.deepEqual([...all].sort(), [
      "BRAM",
      "COASTGUARD",
      "ELLA",
      "MARGIT",
      "VOSS",
    ]);
    const lamp = scenes[3];
    assert.equal(lamp.heading, "INT. LIGHTHOUSE - LAMP ROOM - NIGHT");
    assert.equal(lamp.setting, "INT");
    assert.equal(lamp.location, "LIGHTHOUSE - LAMP ROOM");
    assert.equal(lamp.timeOfDay, "NIGHT");
    assert.deepEqual(lamp.characters, ["ELLA", "MARGIT"]);
    assert.deepEqual(lamp.breakdown.cast, ["ELLA", "MARGIT"]);
    assert.deepEqual(lamp.breakdown.locations, ["LIGHTHOUSE - LAMP ROOM"]);
    assert.deepEqual(lamp.breakdown.props, []);
    assert.equal(Object.keys(lamp.breakdown).length, 15);
    assert.ok(lamp.text.some((e: Json) => e.type === "dialogue"));
    // The reading view gets every element, dual dialogue included.
    assert.ok(lamp.text.some((e: Json) => e.type === "character" && e.dual));
    // One event for the import, with counts, not one per scene.
    const events = await scriptEvents(app, head);
    assert.equal(events.length, 1);
    assert.equal(events[0].data.action, "imported");
    if (events[0].data.action === "imported") {
      assert.equal(events[0].data.summary.scenes, 10);
      assert.equal(events[0].data.summary.added, 10);
      assert.equal(events[0].data.script.id, script.id);
    }
    // Everyone who reads scripts sees it.
    const crewList = (await api(app, s.crew).get(SCRIPTS)).body;
    assert.deepEqual(crewList.map((x: Json) => x.id), [script.id]);
    const detail = (await api(app, s.vfx).get(`${SCRIPTS}/${script.id}`)).body;
    assert.deepEqual(detail, created.body);
  }));

Deno.test("script api - invalid imports and patches: 400/404/413/415, no event, nothing changed", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const director = api(app, s.director);
    const { script, scenes } = (await director.post(SCRIPTS, {
      source: SAMPLE_SCREENPLAY,
    })).body;
    const id = script.id;
    const scenePath = `${SCRIPTS}/${id}/scenes/${scenes[0].id}`;
    await director.patch(scenePath, { add: { props: ["Mug"] } });
    const head = await latestEventId(app.services.kv);
    const before = (await director.get(`${SCRIPTS}/${id}`)).body;

    const bad: [string, string, unknown, number][] = [
      ["POST", SCRIPTS, { title: "Empty", source: "" }, 400],
      ["POST", SCRIPTS, { title: "Blank", source: "  \n\n " }, 400],
      ["POST", SCRIPTS, { title: "No scenes", source: "Just a note." }, 400],
      ["POST", SCRIPTS, { title: "None" }, 400],
      ["POST", SCRIPTS, { title: "Number", source: 42 }, 400],
      ["POST", SCRIPTS, { title: "x".repeat(201), source: SHORT }, 400],
      ["POST", SCRIPTS, { title: "Extra", source: SHORT, status: "x" }, 400],
      ["POST", SCRIPTS, { title: "Binary", source: "INT. A\u0000\n" }, 415],
      ["POST", `${SCRIPTS}/${id}/versions`, { source: "" }, 400],
      ["POST", `${SCRIPTS}/${id}/versions`, { source: SHORT, title: "x" }, 400],
      [
        "POST",
        `${SCRIPTS}/${id}/versions`,
        { source: "\u0001\u0002\u0003\u0004" },
        415,
      ],
      ["POST", `${SCRIPTS}/missing/versions`, { source: SHORT }, 404],
      ["PATCH", scenePath, {}, 400],
      ["PATCH", scenePath, { add: { costumes: ["Hat"] } }, 400],
      ["PATCH", scenePath, { breakdown: { weapons: [] } }, 400],
      ["PATCH", scenePath, { remove: { props: "Mug" } }, 400],
      ["PATCH", scenePath, { add: { props: [""] } }, 400],
      ["PATCH", scenePath, { add: { props: ["x".repeat(101)] } }, 400],
      [
        "PATCH",
        scenePath,
        { add: { props: Array.from({ length: 101 }, (_, i) => `P${i}`) } },
        400,
      ],
      [
        "PATCH",
        scenePath,
        { add: { props: Array.from({ length: 100 }, (_, i) => `P${i}`) } },
        400, // 100 new + "Mug"
      ],
      ["PATCH", scenePath, { notes: "x".repeat(5001) }, 400],
      ["PATCH", scenePath, { status: "shot" }, 400],
      ["PATCH", scenePath, { version: 3 }, 400],
      ["PATCH", scenePath, { breakdown: null }, 400],
      ["PATCH", `${SCRIPTS}/${id}/scenes/missing`, { notes: "x" }, 404],
      [
        "PATCH",
        `${SCRIPTS}/missing/scenes/${scenes[0].id}`,
        { notes: "x" },
        404,
      ],
    ];
    for (const [method, path, body, status] of bad) {
      const reply = await director.call(method, path, body);
      const label = `${method} ${path} ${JSON.stringify(body).slice(0, 60)}`;
      assertApiError(reply, status, label);
      if (status === 400 && method === "PATCH") {
        assert.equal(reply.body.error.code, "validation", label);
        assert.ok(Array.isArray(reply.body.error.details), label);
      }
    }
    // The bad category is named in the details.
    const category = await director.patch(scenePath, {
      add: { costumes: ["Hat"] },
    });
    assert.match(JSON.stringify(category.body.error.details), /costumes/);
    // Too large: the source over 2 MiB, and a body over the limit.
    const big = "INT. A - DAY\n\n" + "Waves. ".repeat(320_000);
    const tooBig = await director.post(SCRIPTS, { title: "Big", source: big });
    assertApiError(tooBig, 413);
    assert.match(tooBig.body.error.message, /larger than 2 MiB/);
    assertApiError(
      await director.post(SCRIPTS, {
        title: "Huge",
        source: "INT. A - DAY\n\n" + "x".repeat(3 * 1024 * 1024),
      }),
      413,
    );
    // One absurdly long scene.
    const longScene = await director.post(SCRIPTS, {
      title: "Long",
      source: "INT. A - DAY #1#\n\n" + "Rain. ".repeat(6000),
    });
    assertApiError(longScene, 413);
    assert.match(longScene.body.error.message, /Scene 1 .* is too long/);
    // Not JSON, or not declared as JSON.
    assertApiError(await director.post(SCRIPTS, "{nope"), 400);
    assertApiError(
      await director.post(SCRIPTS, JSON.stringify({ source: SHORT }), {
        "content-type": "text/plain",
      }),
      415,
    );
    assertApiError(
      await director.patch(scenePath, { notes: "x" }, { "if-match": "abc" }),
      400,
    );
    assertApiError(await director.get(`${SCRIPTS}/${id}?version=abc`), 400);
    assertApiError(await director.get(`${SCRIPTS}/${id}?version=2`), 404);
    assertApiError(await director.get(`${SCRIPTS}/${id}?colour=red`), 400);
    assertApiError(await director.get(`${SCRIPTS}/${id}/scenes/missing`), 404);
    // Methods not served are 405.
    assert.equal(
      (await director.call("DELETE", `${SCRIPTS}/${id}`)).status,
      405,
    );
    assert.equal((await director.get(`${SCRIPTS}/${id}/versions`)).status, 405);
    // Nothing changed: no event, the one script as it was.
    assert.equal(await latestEventId(app.services.kv), head);
    const list = (await director.get(SCRIPTS)).body;
    assert.equal(list.length, 1);
    assert.deepEqual((await director.get(`${SCRIPTS}/${id}`)).body, before);
  }));

Deno.test("script api - a new draft: added/removed/changed/unchanged, approved + changed → needsReview", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const director = api(app, s.director);
    const pm = api(app, s.prodmanager);
    const first = (await director.post(SCRIPTS, {
      source: SAMPLE_SCREENPLAY,
    })).body;
    const id = first.script.id;
    const scenePath = (scene: Json) => `${SCRIPTS}/${id}/scenes/${scene.id}`;
    // Scene 3 approved, scene 4 broken down, scene 5 approved.
    for (const n of ["3", "4", "5"]) {
      const reply = await pm.patch(scenePath(sceneByNumber(first, n)), {
        status: "broken_down",
        add: { props: [`Prop of ${n}`] },
      });
      assert.equal(reply.status, 200);
    }
    for (const n of ["3", "5"]) {
      await director.patch(scenePath(sceneByNumber(first, n)), {
        status: "approved",
      });
    }
    const head = await latestEventId(app.services.kv);
    // Draft 2: 3 and 4 rewritten, 5 unchanged, 8 cut, a scene 9A added.
    const source = SAMPLE_SCREENPLAY
      .replace("I steered for ten whole minutes!", "I steered all the way!")
      .replace("Like a name.", "Like a song.")
      .replace(
        /INT\. LIGHTHOUSE - STAIRWELL - CONTINUOUS #8#[\s\S]*?(?=INT\. LIGHTHOUSE - LAMP ROOM - NIGHT #9#)/,
        "",
      )
      .replace(
        "EXT. JETTY - DAWN #10#",
        "EXT. HARBOUR - NIGHT #9A#\n\nThe Marta limps in.\n\nEXT. JETTY - DAWN #10#",
      );
    const reply = await pm.post(`${SCRIPTS}/${id}/versions`, { source });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const second = reply.body;
    assert.equal(second.script.currentVersion, 2);
    assert.deepEqual(second.version.summary, {
      added: 1,
      removed: 1,
      changed: 2,
      unchanged: 7,
    });
    assert.deepEqual(
      second.scenes.map((
        x: Json,
      ) => [x.number, x.change, x.status, x.needsReview]),
      [
        ["1", "unchanged", "draft", false],
        ["2", "unchanged", "draft", false],
        ["3", "changed", "broken_down", true],
        ["4", "changed", "broken_down", false],
        ["5", "unchanged", "approved", false],
        ["6", "unchanged", "draft", false],
        ["7", "unchanged", "draft", false],
        ["8", "removed", "omitted", false],
        ["9", "unchanged", "draft", false],
        ["9A", "added", "draft", false],
        ["10", "unchanged", "draft", false],
      ],
    );
    // Breakdowns carried over; identity kept.
    for (const n of ["3", "4", "5"]) {
      const before = sceneByNumber(first, n);
      const after = sceneByNumber(second, n);
      assert.equal(after.key, before.key);
      assert.equal(after.previousId, before.id);
      assert.notEqual(after.id, before.id);
      assert.ok(after.breakdown.props.includes(`Prop of ${n}`));
    }
    assert.equal(sceneByNumber(second, "5").approvedByName, "Dana Kowalski");
    assert.equal(sceneByNumber(second, "8").breakdown.cast.length, 3);
    // One event for the import.
    const events = await scriptEvents(app, head);
    assert.equal(events.length, 1);
    const data = events[0].data;
    assert.equal(data.action, "imported");
    if (data.action === "imported") {
      assert.deepEqual(data.summary, {
        added: 1,
        removed: 1,
        changed: 2,
        unchanged: 7,
        scenes: 10,
      });
      assert.equal(data.version.number, 2);
    }
    // Draft 1 is read-only history.
    const old = (await api(app, s.crew).get(`${SCRIPTS}/${id}?version=1`))
      .body;
    assert.equal(old.version.number, 1);
    assert.equal(sceneByNumber(old, "3").status, "approved");
    assert.equal(sceneByNumber(old, "8").change, "added");
    const stale = await director.patch(scenePath(sceneByNumber(first, "3")), {
      notes: "too late",
    });
    assertApiError(stale, 409);
    assert.equal(stale.body.error.code, "read_only");
    // Approving the changed scene clears the flag.
    const approved = await director.patch(
      scenePath(sceneByNumber(second, "3")),
      { status: "approved" },
    );
    assert.equal(approved.status, 200);
    assert.equal(approved.body.needsReview, false);
    // The removed scene stays omitted.
    assertApiError(
      await pm.patch(scenePath(sceneByNumber(second, "8")), {
        status: "broken_down",
      }),
      409,
    );
  }));

Deno.test("script api - approval rules: director and producer approve; the production manager may not", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const director = api(app, s.director);
    const producer = api(app, s.producer);
    const pm = api(app, s.prodmanager);
    const { script, scenes } = (await pm.post(SCRIPTS, {
      source: SAMPLE_SCREENPLAY,
    })).body;
    const path = `${SCRIPTS}/${script.id}/scenes/${scenes[1].id}`;
    let head = await latestEventId(app.services.kv);
    // Not broken down yet: no approval.
    const early = await director.patch(path, { status: "approved" });
    assertApiError(early, 409);
    assert.equal(early.body.error.code, "invalid_transition");
    assert.match(early.body.error.message, /break it down first/);
    assert.equal((await pm.patch(path, { status: "broken_down" })).status, 200);
    const refused = await pm.patch(path, { status: "approved" });
    assertApiError(refused, 403);
    assert.match(
      refused.body.error.message,
      /Only the director or the producer approves/,
    );
    const ok = await producer.patch(path, { status: "approved" });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.status, "approved");
    assert.equal(ok.body.approvedBy, s.producer.id);
    assert.equal(ok.body.approvedByName, "Paula Reyes");
    // The production manager can neither reopen nor retag it…
    assertApiError(await pm.patch(path, { status: "broken_down" }), 403);
    assertApiError(await pm.patch(path, { add: { props: ["Toast"] } }), 403);
    // …nor can anyone retag it without reopening; notes are fine.
    const locked = await director.patch(path, { add: { props: ["Toast"] } });
    assertApiError(locked, 409);
    assert.match(locked.body.error.message, /locked/);
    assert.equal(
      (await pm.patch(path, { notes: "Check the radio" })).status,
      200,
    );
    // Omitting is open to every writer, from any status.
    const omitted = await pm.patch(path, { status: "omitted" });
    assert.equal(omitted.body.status, "omitted");
    assert.equal(omitted.body.approvedBy, null);
    const restored = await pm.patch(path, { status: "broken_down" });
    assert.equal(restored.body.status, "broken_down");
    const reapproved = await director.patch(path, { status: "approved" });
    assert.equal(reapproved.body.approvedByName, "Dana Kowalski");
    const reopened = await director.patch(path, {
      status: "broken_down",
      add: { props: ["Toast"] },
    });
    assert.equal(reopened.body.status, "broken_down");
    assert.ok(reopened.body.breakdown.props.includes("Toast"));
    // Crew and VFX read the result but cannot touch it.
    assertApiError(
      await api(app, s.crew).patch(path, { status: "approved" }),
      403,
    );
    assertApiError(await api(app, s.vfx).patch(path, { notes: "x" }), 403);
    // One scene_updated event per successful write, carrying the scene.
    const events = await scriptEvents(app, head);
    assert.deepEqual(
      events.map((e) =>
        e.data.action === "scene_updated" ? e.data.scene.status : "?"
      ),
      [
        "broken_down",
        "approved",
        "approved",
        "omitted",
        "broken_down",
        "approved",
        "broken_down",
      ],
    );
    head = await latestEventId(app.services.kv);
    // A patch that changes nothing writes nothing.
    const same = await pm.patch(path, { status: "broken_down" });
    assert.equal(same.status, 200);
    assert.equal(same.body.version, reopened.body.version);
    assert.equal(await latestEventId(app.services.kv), head);
  }));

Deno.test("script api - a stale If-Match is a 409 with the current scene and no event", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const { script, scenes } = (await pm.post(SCRIPTS, {
      source: SAMPLE_SCREENPLAY,
    })).body;
    const path = `${SCRIPTS}/${script.id}/scenes/${scenes[0].id}`;
    const ok = await pm.patch(path, { notes: "A" }, { "if-match": "1" });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.version, 2);
    const head = await latestEventId(app.services.kv);
    const stale = await pm.patch(path, { notes: "B" }, { "if-match": '"1"' });
    assertApiError(stale, 409);
    assert.equal(stale.body.error.code, "version_conflict");
    assert.equal(stale.body.error.details.current.version, 2);
    assert.equal(stale.body.error.details.current.notes, "A");
    assertApiError(
      await api(app, s.director).patch(path, { status: "omitted" }, {
        "if-match": 'W/"7"',
      }),
      409,
    );
    assert.equal(await latestEventId(app.services.kv), head);
    // Two writers with the same If-Match: exactly one wins, one event.
    const [x, y] = await Promise.all([
      pm.patch(path, { add: { props: ["X"] } }, { "if-match": "2" }),
      pm.patch(path, { add: { props: ["Y"] } }, { "if-match": "2" }),
    ]);
    assert.deepEqual([x.status, y.status].sort(), [200, 409]);
    assert.equal((await scriptEvents(app, head)).length, 1);
    // Without If-Match, concurrent tag additions both land.
    const [p, q] = await Promise.all([
      pm.patch(path, { add: { props: ["P"] } }),
      pm.patch(path, { add: { props: ["Q"] } }),
    ]);
    assert.equal(p.status, 200);
    assert.equal(q.status, 200);
    const final = (await pm.get(path)).body;
    assert.ok(["P", "Q"].every((t) => final.breakdown.props.includes(t)));
  }));

Deno.test("script api - events: one per import and per update, delivered to every role but distribution", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    const start = await latestEventId(app.services.kv);
    const created = (await producer.post(SCRIPTS, {
      source: SAMPLE_SCREENPLAY,
    })).body;
    const path = `${SCRIPTS}/${created.script.id}/scenes/${
      created.scenes[4].id
    }`;
    const updated = (await producer.patch(path, {
      add: { vehicles: ["Bram's boat"], sfx: ["Spray"] },
    })).body;
    await producer.post(`${SCRIPTS}/${created.script.id}/versions`, {
      source: SAMPLE_SCREENPLAY.replace("Copy that.", "Copy."),
    });
    const events = await scriptEvents(app, start);
    assert.deepEqual(
      events.map((e) => e.data.action),
      ["imported", "scene_updated", "imported"],
    );
    const sceneEvent = events[1].data;
    if (sceneEvent.action === "scene_updated") {
      assert.deepEqual(sceneEvent.scene, updated);
    }
    // The replay API delivers them to readers only.
    const replay = async (who: Session) =>
      (await api(app, who).get(`/api/events?after=${start}`)).body
        .events.filter((e: { type: string }) => e.type === "script_update")
        .length;
    for (const name of ["producer", "prodmanager", "director", "crew", "vfx"]) {
      assert.equal(await replay(s[name]), 3, name);
    }
    assert.equal(await replay(s.distribution), 0);
  }));

Deno.test("script api - reports: scenes and eighths by location, scenes by character", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const director = api(app, s.director);
    const { script, scenes } = (await director.post(SCRIPTS, {
      source: SAMPLE_SCREENPLAY,
    })).body;
    // Scene 6 omitted; a non-speaking extra cast member added to scene 10.
    await director.patch(`${SCRIPTS}/${script.id}/scenes/${scenes[5].id}`, {
      status: "omitted",
    });
    await director.patch(`${SCRIPTS}/${script.id}/scenes/${scenes[9].id}`, {
      add: { cast: ["Harbour master"] },
    });
    const reply = await api(app, s.crew).get(`${SCRIPTS}/${script.id}/reports`);
    assert.equal(reply.status, 200);
    const reports = reply.body;
    assert.equal(reports.scriptId, script.id);
    assert.equal(reports.draftVersion, 1);
    const eighthsOf = (numbers: string[]) =>
      scenes.filter((x: Json) => numbers.includes(x.number))
        .reduce((n: number, x: Json) => n + x.eighths, 0);
    assert.deepEqual(
      reports.byLocation.map((l: Json) => [
        l.location,
        l.scenes.map((x: Json) => x.number),
        l.eighths,
      ]),
      [
        ["BRAM'S BOAT - MOVING", ["5"], eighthsOf(["5"])],
        ["JETTY", ["3", "10"], eighthsOf(["3", "10"])],
        ["LIGHTHOUSE - KITCHEN", ["2", "7"], eighthsOf(["2", "7"])],
        ["LIGHTHOUSE - LAMP ROOM", ["4", "9"], eighthsOf(["4", "9"])],
        ["LIGHTHOUSE - STAIRWELL", ["8"], eighthsOf(["8"])],
        ["NORTH POINT LIGHTHOUSE", ["1"], eighthsOf(["1"])],
      ],
    );
    assert.deepEqual(
      reports.characters.map((c: Json) => [
        c.name,
        c.scenes.map((x: Json) => x.number),
      ]),
      [
        ["MARGIT", ["1", "2", "3", "4", "8", "9", "10"]],
        ["ELLA", ["3", "4", "7", "8", "9"]],
        ["COASTGUARD", ["2", "5", "9"]],
        ["BRAM", ["3", "5"]],
        ["VOSS", ["8", "10"]],
        ["Harbour master", ["10"]],
      ],
    );
    assert.deepEqual(reports.totals, {
      scenes: 9,
      eighths: eighthsOf(["1", "2", "3", "4", "5", "7", "8", "9", "10"]),
      omitted: 1,
    });
    const first = reports.characters[0].scenes[0];
    assert.deepEqual(Object.keys(first).sort(), [
      "eighths",
      "heading",
      "id",
      "index",
      "number",
    ]);
    assert.equal(first.id, scenes[0].id);
  }));
