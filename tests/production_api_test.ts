/**
 * `GET /api/productions` and `PATCH /api/productions/:id` (DESIGN §4): who
 * sees and changes the production's settings, the errors, the event, and
 * the settings the other modules follow (currency, shot codes).
 */
import assert from "node:assert/strict";
import { ProductionUpdateDataSchema } from "@/lib/production/schemas.ts";
import { DEMO_USERS, SECOND_DEMO_PRODUCTION } from "@/lib/seed.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { api, assertApiError, row, sessions } from "./helpers/api_client.ts";
import { loggedEvents } from "./helpers/events.ts";
import { withApp, withModuleData } from "./helpers/test_app.ts";

const PATH = "/api/productions/current";

Deno.test("productions api - every member lists their productions with the settings and their role there", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const second = SECOND_DEMO_PRODUCTION;
    for (const [username, session] of Object.entries(s)) {
      const reply = await api(app, session).get("/api/productions");
      assert.equal(reply.status, 200, username);
      // The feature film for everyone, in their role; the series block
      // only for its members, in their role there (lib/seed.ts).
      const film = DEMO_USERS.find((u) => u.username === username)!.role;
      const block = second.members[username];
      assert.deepEqual(
        reply.body.map((p: { slug: string; role: string }) => [
          p.slug,
          p.role,
        ]),
        block === undefined
          ? [["northern-lights", film]]
          : [["northern-lights", film], [second.settings.slug, block]],
        username,
      );
      const [p] = reply.body;
      assert.deepEqual(
        {
          id: p.id,
          title: p.title,
          slug: p.slug,
          kind: p.kind,
          currency: p.currency,
          timeZone: p.timeZone,
          shotCodePattern: p.shotCodePattern,
        },
        {
          id: "current",
          title: "Northern Lights",
          slug: "northern-lights",
          kind: "feature",
          currency: "EUR",
          timeZone: "Europe/Oslo",
          shotCodePattern: "PREFIX_SEQ_SHOT",
        },
        username,
      );
      assert.ok(p.departments.includes("Camera"), username);
      assert.equal(p.version, 1, username);
    }
    assertApiError(await api(app, null).get("/api/productions"), 401);
  }));

Deno.test("productions api - the production office changes the settings; everyone hears of it", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const expected = row(200, 200, 403, 403, 403, 403);
    for (const [username, status] of Object.entries(expected)) {
      const before = await latestEventId(app.services.kv);
      const reply = await api(app, s[username]).patch(PATH, {
        title: `Northern Lights (${username})`,
      });
      assert.equal(reply.status, status, username);
      const events = await loggedEvents(app, before);
      if (status === 403) {
        assertApiError(reply, 403, username);
        assert.match(reply.body.error.message, /producers and production/);
        assert.deepEqual(events, [], username);
        continue;
      }
      assert.equal(reply.body.title, `Northern Lights (${username})`);
      assert.equal(events.length, 1, username);
      assert.equal(events[0].type, "production_update");
      assert.equal(events[0].audience.roles.length, 6, "every member");
      const data = ProductionUpdateDataSchema.parse(events[0].data);
      assert.deepEqual(data.changed, ["title"]);
      assert.deepEqual(data.production, reply.body);
    }
    const { body } = await api(app, s.crew).get("/api/productions");
    assert.equal(body[0].title, "Northern Lights (prodmanager)");
    assert.equal(body[0].version, 3);
  }));

Deno.test("productions api - If-Match: a stale version is a 409 with the current settings", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    const pm = api(app, s.prodmanager);
    const first = await producer.patch(
      PATH,
      { timeZone: "Europe/London" },
      { "if-match": '"1"' },
    );
    assert.equal(first.status, 200);
    assert.equal(first.body.version, 2);
    const stale = await pm.patch(
      PATH,
      { timeZone: "Asia/Tokyo" },
      { "if-match": "1" },
    );
    assertApiError(stale, 409);
    assert.equal(stale.body.error.code, "version_conflict");
    assert.equal(stale.body.error.details.current.timeZone, "Europe/London");
    assert.equal(stale.body.error.details.current.version, 2);
    assertApiError(
      await pm.patch(PATH, { timeZone: "Asia/Tokyo" }, { "if-match": "soon" }),
      400,
    );
    const list = await pm.get("/api/productions");
    assert.equal(list.body[0].timeZone, "Europe/London");
  }));

Deno.test("productions api - bad input is a 400 with every field's issue, an unknown production a 404", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    const second = SECOND_DEMO_PRODUCTION;
    const before = await latestEventId(app.services.kv);
    const bad: unknown[] = [
      {},
      { slug: "Northern Lights" },
      { slug: "-lights" },
      { kind: "opera" },
      { currency: "EURO" },
      { currency: "XYZ" },
      { timeZone: "Mars/Olympus" },
      { startDate: "2027-13-01" },
      { startDate: "2027-05-01", wrapDate: "2027-04-01" },
      { startDate: "2027-05-01" }, // after the stored wrap date
      { departments: ["Camera", "camera"] },
      { departments: "Camera" },
      { departments: [""] },
      { shotCodePattern: "PREFIX_SEQ" },
      { title: "" },
      { format: "Feature film" },
      { version: 7 },
      { id: "elsewhere" },
    ];
    for (const body of bad) {
      const reply = await producer.patch(PATH, body);
      const label = JSON.stringify(body);
      assertApiError(reply, 400, label);
      assert.equal(reply.body.error.code, "validation", label);
      assert.ok(Array.isArray(reply.body.error.details), label);
      assert.ok(reply.body.error.details.length > 0, label);
    }
    const two = await producer.patch(PATH, {
      slug: "Bad Slug",
      currency: "eur",
    });
    assert.deepEqual(
      two.body.error.details.map((i: { path: string[] }) => i.path[0]).sort(),
      ["currency", "slug"],
    );
    assert.match(
      two.body.error.details.find((i: { path: string[] }) =>
        i.path[0] === "slug"
      ).message,
      /lower-case letters/,
    );
    // An unknown production is a 404 whatever the body: the request never
    // enters it, so its body is not read.
    assertApiError(await producer.patch("/api/productions/other", {}), 404);
    assertApiError(
      await producer.patch("/api/productions/other", { title: "X" }),
      404,
    );
    // As is one that exists but is not the caller's (DESIGN §3).
    assertApiError(
      await api(app, s.director).patch(`/api/productions/${second.id}`, {
        title: "X",
      }),
      404,
    );
    const text = await producer.request("PATCH", PATH, "title=X", {
      "content-type": "application/x-www-form-urlencoded",
    });
    assert.equal(text.status, 415);
    await text.body?.cancel();
    assert.deepEqual(await loggedEvents(app, before), [], "nothing changed");
    const { body } = await producer.get("/api/productions");
    assert.equal(body[0].version, 1);
  }));

Deno.test("productions api - the currency stays once the budget holds amounts", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    const refused = await producer.patch(PATH, { currency: "USD" });
    assertApiError(refused, 409);
    assert.equal(refused.body.error.code, "currency_in_use");
    assert.match(refused.body.error.message, /amounts in EUR/);
    const kept = await producer.patch(PATH, {
      currency: "EUR",
      wrapDate: "2027-05-15",
    });
    assert.equal(kept.status, 200);
    assert.equal(kept.body.wrapDate, "2027-05-15");
    const budget = await producer.get("/api/budget");
    assert.equal(budget.body.currency, "EUR");
  }));

Deno.test("productions api - VFX shot codes follow the production's pattern", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const vfx = api(app, s.vfx);
    const shot = (code: string) => ({ code, frameIn: 1001, frameOut: 1100 });
    const old = await vfx.post("/api/vfx/shots", shot("NL_010_0040"));
    assert.equal(old.status, 201);
    const bad = await vfx.post("/api/vfx/shots", shot("EP101_SC010_0040"));
    assertApiError(bad, 400);
    assert.deepEqual(bad.body.error.details, [{
      path: ["code"],
      message:
        "Use a code like NL_010_0040: 2–8 capital letters or digits, a 3-digit sequence and a 4-digit shot number, joined by underscores",
    }]);

    const set = await api(app, s.prodmanager).patch(PATH, {
      shotCodePattern: "EPEPISODE_SEQ_SHOT",
    });
    assert.equal(set.status, 200);
    const refused = await vfx.post("/api/vfx/shots", shot("NL_010_0050"));
    assertApiError(refused, 400);
    assert.equal(
      refused.body.error.details[0].message,
      "Use a code like EP101_010_0040: “EP” followed by a 3-digit episode number, a 3-digit sequence and a 4-digit shot number, joined by underscores",
    );
    const created = await vfx.post("/api/vfx/shots", shot("EP101_010_0040"));
    assert.equal(created.status, 201);
    // A shot named under the old convention keeps its code and stays editable.
    const edited = await vfx.patch(`/api/vfx/shots/${old.body.id}`, {
      code: "NL_010_0040",
      vendor: "Lumen & Salt",
    });
    assert.equal(edited.status, 200);
    const renamed = await vfx.patch(`/api/vfx/shots/${old.body.id}`, {
      code: "NL_010_0041",
    });
    assertApiError(renamed, 400);
    const list = await vfx.get("/api/vfx/shots");
    assert.deepEqual(
      list.body.map((x: { code: string }) => x.code),
      ["EP101_010_0040", "NL_010_0040"],
    );
  }));

Deno.test("productions api - a new slug takes effect on the next request: the old address is a 404, the new one works", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    // Both addresses are found once before the change, so a server that
    // remembered where a slug led would still be holding the old answer.
    assert.equal(
      (await producer.get("/api/p/northern-lights/tasks")).status,
      200,
    );
    assert.equal(
      (await producer.get("/api/p/northern-lights-2/tasks")).status,
      404,
    );
    const renamed = await producer.patch(PATH, { slug: "northern-lights-2" });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.slug, "northern-lights-2");
    for (const who of [s.producer, s.crew]) {
      const old = await api(app, who).get("/api/p/northern-lights/tasks");
      assertApiError(old, 404, "old slug");
      const now = await api(app, who).get("/api/p/northern-lights-2/tasks");
      assert.equal(now.status, 200, "new slug");
    }
    // A socket named by the old slug is refused before any upgrade.
    const socket = await api(app, s.crew).request(
      "GET",
      "/api/ws?production=northern-lights",
      undefined,
      { upgrade: "websocket" },
    );
    assert.equal(socket.status, 404);
    await socket.body?.cancel();
  }));
