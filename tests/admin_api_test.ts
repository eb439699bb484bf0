/**
 * Studio administration over HTTP (issue #12): `POST /api/productions`,
 * archiving, and `/api/accounts` — studio admins only (the demo
 * `producer`), validated, and with the effects the rest of the app sees:
 * the creator works in the new production, an archived one refuses
 * writes, a deactivated or reset account's sessions and sockets end.
 */
import assert from "node:assert/strict";
import { CLOSE } from "@/realtime/protocol.ts";
import { withDeadline } from "./helpers/deadline.ts";
import { TestSocket } from "./helpers/events.ts";
import { serveApp } from "./helpers/serve.ts";
import {
  api,
  assertApiError,
  type Session,
  sessionOf,
} from "./helpers/api_client.ts";
import { login, ORIGIN, type TestApp, withApp } from "./helpers/test_app.ts";
import { findByUsername } from "@/lib/team/users.ts";

const NEW_PRODUCTION = {
  title: "Harbour Lights",
  kind: "commercial",
  currency: "NOK",
  timeZone: "Europe/Oslo",
  startDate: "2027-08-02",
  wrapDate: "2027-08-06",
};

const NEW_ACCOUNT = {
  username: "gaffer",
  name: "Gale Gaffer",
  password: "temporary-1",
};

/** The id of the account that signs in as `username`. */
async function idOf(app: TestApp, username: string): Promise<string> {
  return (await findByUsername(app.services.store, username))!.id;
}

/** The status of a studio-level read with `who`'s token (200, or 401 refused). */
async function tokenStatus(app: TestApp, who: { token: string }) {
  return (await api(app, who).get("/api/productions")).status;
}

/** Everyone but the studio admin, signed in. */
async function nonAdmins(app: TestApp): Promise<[string, Session][]> {
  const names = ["prodmanager", "director", "crew", "vfx", "distribution"];
  return await Promise.all(
    names.map(async (n) => [n, await sessionOf(app, n)] as [string, Session]),
  );
}

/** The studio's production slugs and account usernames, as an admin sees them. */
async function studio(app: TestApp, admin: Session) {
  const accounts = await api(app, admin).get("/api/accounts");
  assert.equal(accounts.status, 200);
  const production = await api(app, admin).get("/api/productions");
  return {
    accounts: accounts.body.map((a: { username: string }) => a.username).sort(),
    mine: production.body.map((p: { slug: string }) => p.slug).sort(),
  };
}

Deno.test("studio API - only studio admins: 403 for every other role, 401 signed out", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const crew = await sessionOf(app, "crew");
    const before = await studio(app, admin);
    const calls: [string, string, unknown][] = [
      ["GET", "/api/accounts", undefined],
      ["POST", "/api/accounts", NEW_ACCOUNT],
      // Even a body that would not pass is a 403, not a 400.
      ["POST", "/api/accounts", {}],
      ["PATCH", `/api/accounts/${crew.id}`, { active: false }],
      ["PATCH", `/api/accounts/${admin.id}`, { admin: false }],
      ["POST", "/api/productions", NEW_PRODUCTION],
      ["POST", "/api/productions", { title: "" }],
      ["POST", "/api/productions/current/archive", undefined],
      ["POST", "/api/productions/current/unarchive", undefined],
    ];
    for (const [who, session] of await nonAdmins(app)) {
      for (const [method, path, body] of calls) {
        const res = await api(app, session).call(method, path, body);
        assertApiError(res, 403, `${who} ${method} ${path}`);
      }
    }
    for (const [method, path, body] of calls) {
      const res = await api(app, null).call(method, path, body);
      assertApiError(res, 401, `signed out ${method} ${path}`);
    }
    assert.deepEqual(await studio(app, admin), before);
    assert.equal(await tokenStatus(app, crew), 200);
  }));

Deno.test("POST /api/productions - bad bodies are 400s that create nothing; a taken slug is 409 slug_taken", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const before = await studio(app, admin);
    const bad: [string, unknown][] = [
      ["no title", { ...NEW_PRODUCTION, title: "" }],
      ["unknown kind", { ...NEW_PRODUCTION, kind: "opera" }],
      ["currency", { ...NEW_PRODUCTION, currency: "XYZ" }],
      ["time zone", { ...NEW_PRODUCTION, timeZone: "Mars/Olympus" }],
      ["date", { ...NEW_PRODUCTION, startDate: "2 Aug" }],
      ["wrap before start", { ...NEW_PRODUCTION, wrapDate: "2027-08-01" }],
      ["slug", { ...NEW_PRODUCTION, slug: "Harbour Lights" }],
      ["shot codes", { ...NEW_PRODUCTION, shotCodePattern: "PREFIX_SEQ" }],
      ["unknown field", { ...NEW_PRODUCTION, archived: true }],
      ["missing dates", { title: "X", kind: "feature", currency: "EUR" }],
    ];
    for (const [what, body] of bad) {
      const res = await api(app, admin).post("/api/productions", body);
      assertApiError(res, 400, what);
      assert.equal(res.body.error.code, "validation", what);
    }
    for (
      const body of [
        { ...NEW_PRODUCTION, title: "Northern Lights" },
        { ...NEW_PRODUCTION, slug: "saltwater-block-2" },
      ]
    ) {
      const res = await api(app, admin).post("/api/productions", body);
      assertApiError(res, 409, body.title);
      assert.equal(res.body.error.code, "slug_taken");
      assert.match(res.body.error.message, /northern-lights|saltwater/);
    }
    assert.deepEqual(await studio(app, admin), before);
  }));

Deno.test("POST /api/productions - its creator is its producer, works in it and sees it in GET /api/productions; others do not", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const crew = await sessionOf(app, "crew");
    const res = await api(app, admin).post("/api/productions", NEW_PRODUCTION);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const created = res.body;
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.slug, "harbour-lights");
    assert.equal(created.role, "producer");
    assert.equal(created.archived, false);

    const mine = await api(app, admin).get("/api/productions");
    const listed = mine.body.find((p: { id: string }) => p.id === created.id);
    assert.equal(listed?.role, "producer");
    const team = await api(app, admin).get("/api/p/harbour-lights/users");
    assert.deepEqual(
      team.body.map((u: { id: string; role: string }) => [u.id, u.role]),
      [[admin.id, "producer"]],
    );
    const task = await api(app, admin).post("/api/p/harbour-lights/tasks", {
      title: "Book the boat",
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));

    // Not a member: not listed, and the production does not exist for them.
    const theirs = await api(app, crew).get("/api/productions");
    assert.ok(!theirs.body.some((p: { id: string }) => p.id === created.id));
    assertApiError(
      await api(app, crew).get("/api/p/harbour-lights/tasks"),
      404,
    );
  }));

Deno.test("archive - module writes are 409 archived while reads go on; unarchive restores writes; unknown ids 404", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const crew = await sessionOf(app, "crew");
    const archived = await api(app, admin).post(
      "/api/productions/current/archive",
      undefined,
    );
    assert.equal(archived.status, 200);
    assert.equal(archived.body.archived, true);
    // Idempotent: archiving again changes nothing.
    const again = await api(app, admin).post(
      "/api/productions/current/archive",
      undefined,
    );
    assert.equal(again.body.version, archived.body.version);

    const write = await api(app, admin).post("/api/tasks", { title: "Late" });
    assertApiError(write, 409, "write to an archived production");
    assert.equal(write.body.error.code, "archived");
    for (const who of [admin, crew]) {
      assert.equal((await api(app, who).get("/api/tasks")).status, 200);
    }
    const listed = (await api(app, crew).get("/api/productions")).body
      .find((p: { id: string }) => p.id === "current");
    assert.equal(listed.archived, true);

    const back = await api(app, admin).post(
      "/api/productions/current/unarchive",
      undefined,
    );
    assert.equal(back.status, 200);
    assert.equal(back.body.archived, false);
    const after = await api(app, admin).post("/api/tasks", { title: "Late" });
    assert.equal(after.status, 201, JSON.stringify(after.body));

    for (const path of ["archive", "unarchive"]) {
      const res = await api(app, admin).post(
        `/api/productions/${crypto.randomUUID()}/${path}`,
        undefined,
      );
      assertApiError(res, 404, path);
    }
  }));

Deno.test("GET /api/accounts - every account with its memberships, never a password hash", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const res = await api(app, admin).get("/api/accounts");
    assert.equal(res.status, 200);
    assert.ok(!/password|pbkdf2/i.test(JSON.stringify(res.body)));
    const byName = Object.fromEntries(
      res.body.map((a: { username: string }) => [a.username, a]),
    );
    assert.deepEqual(Object.keys(byName).sort(), [
      "crew",
      "director",
      "distribution",
      "prodmanager",
      "producer",
      "vfx",
    ]);
    assert.deepEqual(
      Object.keys(byName.crew).sort(),
      ["active", "admin", "id", "memberships", "name", "username", "version"],
    );
    assert.equal(byName.producer.admin, true);
    assert.equal(byName.crew.admin, false);
    // The README's table: crew is crew on the film, PM on the series block.
    assert.deepEqual(
      byName.crew.memberships.map((m: { slug: string; role: string }) => [
        m.slug,
        m.role,
      ]),
      [["northern-lights", "crew"], [
        "saltwater-block-2",
        "production_manager",
      ]],
    );
    assert.deepEqual(
      Object.keys(byName.crew.memberships[0]).sort(),
      ["productionId", "role", "slug", "title"],
    );
    assert.deepEqual(
      byName.director.memberships.map((m: { slug: string }) => m.slug),
      ["northern-lights"],
    );
  }));

Deno.test("POST /api/accounts - the new account signs in; a taken username is 409 username_taken; bad bodies 400", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const res = await api(app, admin).post("/api/accounts", NEW_ACCOUNT);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.username, "gaffer");
    assert.equal(res.body.active, true);
    assert.equal(res.body.admin, false);
    assert.deepEqual(res.body.memberships, []);
    const signedIn = await login(app, "gaffer", "temporary-1");
    assert.equal(await tokenStatus(app, signedIn), 200);
    assert.equal(await idOf(app, "gaffer"), res.body.id);

    const taken = await api(app, admin).post("/api/accounts", {
      ...NEW_ACCOUNT,
      username: "crew",
    });
    assertApiError(taken, 409);
    assert.equal(taken.body.error.code, "username_taken");
    const before = await studio(app, admin);
    for (
      const body of [
        { ...NEW_ACCOUNT, username: "x" },
        { ...NEW_ACCOUNT, username: "other", password: "short" },
        { ...NEW_ACCOUNT, username: "other", name: "" },
        { ...NEW_ACCOUNT, username: "other", role: "crew" },
      ]
    ) {
      assertApiError(await api(app, admin).post("/api/accounts", body), 400);
    }
    assert.deepEqual(await studio(app, admin), before);
  }));

Deno.test("PATCH /api/accounts/:id - deactivating refuses sign-in and the account's tokens; a stale If-Match is 409 without a hash", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const crew = await login(app, "crew");
    const listed = (await api(app, admin).get("/api/accounts")).body
      .find((a: { username: string }) => a.username === "crew");
    const off = await api(app, admin).patch(
      `/api/accounts/${listed.id}`,
      { active: false },
      { "if-match": String(listed.version) },
    );
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
    assert.equal(off.body.version, listed.version + 1);

    assert.equal(await tokenStatus(app, crew), 401);
    const refresh = await app.fetch("/api/auth/refresh", {
      method: "POST",
      headers: { cookie: crew.cookie, origin: ORIGIN },
    });
    assert.equal(refresh.status, 401);
    await refresh.body?.cancel();
    const again = await app.fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "crew", password: "password123" }),
    });
    assert.equal(again.status, 403);
    assert.equal((await again.json()).error.code, "account_inactive");

    const stale = await api(app, admin).patch(
      `/api/accounts/${listed.id}`,
      { active: true },
      { "if-match": String(listed.version) },
    );
    assertApiError(stale, 409);
    assert.equal(stale.body.error.code, "version_conflict");
    assert.equal(stale.body.error.details.current.active, false);
    assert.ok(!/passwordHash|pbkdf2/.test(JSON.stringify(stale.body)));

    const on = await api(app, admin).patch(`/api/accounts/${listed.id}`, {
      active: true,
    });
    assert.equal(on.body.active, true);
    // The sessions it had stay ended; signing in again works.
    assert.equal(await tokenStatus(app, crew), 401);
    assert.equal(await tokenStatus(app, await login(app, "crew")), 200);

    assertApiError(
      await api(app, admin).patch(`/api/accounts/${listed.id}`, {}),
      400,
    );
    assertApiError(
      await api(app, admin).patch(`/api/accounts/${crypto.randomUUID()}`, {
        name: "Nobody",
      }),
      404,
    );
  }));

Deno.test("PATCH /api/accounts/:id - a password reset refuses the old password and the old sessions; the new one works", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    const vfx = await login(app, "vfx");
    const id = await idOf(app, "vfx");
    const res = await api(app, admin).patch(`/api/accounts/${id}`, {
      password: "brand-new-42",
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(!/password/i.test(JSON.stringify(res.body)));
    assert.equal(await tokenStatus(app, vfx), 401);
    const old = await app.fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "vfx", password: "password123" }),
    });
    assert.equal(old.status, 401);
    await old.body?.cancel();
    const fresh = await login(app, "vfx", "brand-new-42");
    assert.equal(await tokenStatus(app, fresh), 200);
  }));

Deno.test("PATCH /api/accounts/:id - an admin may not deactivate or un-admin themselves", () =>
  withApp(async (app) => {
    const admin = await sessionOf(app, "producer");
    for (const patch of [{ active: false }, { admin: false }]) {
      const res = await api(app, admin).patch(
        `/api/accounts/${admin.id}`,
        patch,
      );
      assertApiError(res, 409, JSON.stringify(patch));
      assert.equal(res.body.error.code, "self_change");
    }
    assert.equal((await api(app, admin).get("/api/accounts")).status, 200);
    // Making someone else an admin lets them in.
    const director = await sessionOf(app, "director");
    const made = await api(app, admin).patch(`/api/accounts/${director.id}`, {
      admin: true,
    });
    assert.equal(made.body.admin, true);
    assert.equal((await api(app, director).get("/api/accounts")).status, 200);
  }));

/** Opens a socket of `who` on production `slug` of `server`, welcomed. */
async function socketOf(port: number, who: { token: string }, slug: string) {
  const socket = new TestSocket(
    `ws://127.0.0.1:${port}/api/ws?production=${slug}`,
    { authorization: `Bearer ${who.token}` },
  );
  await socket.nextOf("welcome");
  return socket;
}

Deno.test("deactivating an account or resetting its password closes its open sockets with 4401 within 2 s", () =>
  withApp(async (app) => {
    const server = serveApp(app);
    const admin = await sessionOf(app, "producer");
    const crew = await login(app, "crew");
    const vfx = await login(app, "vfx");
    const sockets: TestSocket[] = [];
    try {
      // crew and vfx are members of both demo productions.
      for (const who of [crew, vfx]) {
        for (const slug of ["northern-lights", "saltwater-block-2"]) {
          sockets.push(await socketOf(server.port, who, slug));
        }
      }
      const off = await api(app, admin).patch(
        `/api/accounts/${await idOf(app, "crew")}`,
        { active: false },
      );
      assert.equal(off.status, 200);
      const reset = await api(app, admin).patch(
        `/api/accounts/${await idOf(app, "vfx")}`,
        { password: "brand-new-42" },
      );
      assert.equal(reset.status, 200);
      for (const socket of sockets) {
        const closed = await withDeadline(socket.closed, 2_000, "socket");
        assert.equal(closed.code, CLOSE.unauthorized);
      }
    } finally {
      for (const socket of sockets) await socket.close();
      await server.close();
    }
  }));
