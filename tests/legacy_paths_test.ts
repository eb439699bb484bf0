/**
 * Addresses from before productions (server/legacy_paths.ts): `/tasks`,
 * `/api/tasks`, … lead to the same page or call in the user's most recent
 * production. These requests go to `app.handler` as they are — the test
 * app's `fetch` would map them to the demo film itself (`demoPath`), and
 * the app's own redirect is what is tested here.
 */
import assert from "node:assert/strict";
import { api, sessionOf } from "./helpers/api_client.ts";
import {
  login,
  ORIGIN,
  type TestApp,
  withModuleData,
} from "./helpers/test_app.ts";
import { FILM, pageIn, SERIES } from "./helpers/two_productions.ts";

/** Sends `path` to the app itself, no rewriting. */
function direct(
  app: TestApp,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return app.handler(new Request(`${ORIGIN}${path}`, init));
}

/** The status and Location of a request that should redirect. */
async function redirect(
  app: TestApp,
  path: string,
  init: RequestInit = {},
): Promise<[number, string | null]> {
  const res = await direct(app, path, init);
  await res.body?.cancel();
  return [res.status, res.headers.get("location")];
}

const PAGES = [
  "tasks",
  "budget",
  "script",
  "vfx",
  "assets",
  "team",
  "reports",
  "status",
  "settings",
  "announcements",
];

const APIS = [
  "tasks",
  "budget",
  "scripts",
  "vfx",
  "assets",
  "announcements",
  "reports",
  "users",
  "events",
  "status",
];

/** A cookie header: the session's cookies and the recent production. */
const withRecent = (cookie: string, slug: string) =>
  `${cookie}; ps_production=${slug}`;

Deno.test("legacy paths - pages go to the same page of the user's first production with a 307", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "crew");
    for (const page of PAGES) {
      assert.deepEqual(
        await redirect(app, `/${page}`, { headers: { cookie } }),
        [307, `/p/${FILM.slug}/${page}`],
        page,
      );
    }
    // Deeper paths and the query come along.
    for (
      const path of [
        "/tasks/abc-123",
        "/script/s1/scenes/x2?tab=notes",
        "/budget?sort=amount&order=asc",
        "/vfx/shot-9",
      ]
    ) {
      assert.deepEqual(
        await redirect(app, path, { headers: { cookie } }),
        [307, `/p/${FILM.slug}${path}`],
        path,
      );
    }
  }));

Deno.test("legacy paths - the production of the user's last page, while they are a member of it", () =>
  withModuleData(async (app) => {
    const crew = await login(app, "crew");
    // Opening a page of the series remembers it.
    const visit = await direct(app, pageIn(SERIES, "/tasks"), {
      headers: { cookie: crew.cookie },
    });
    assert.equal(visit.status, 200);
    await visit.body?.cancel();
    const remembered = visit.headers.getSetCookie().find((c) =>
      c.startsWith("ps_production=")
    );
    assert.equal(remembered?.split(";")[0], `ps_production=${SERIES.slug}`);
    const cookie = withRecent(crew.cookie, SERIES.slug);
    for (const page of PAGES) {
      assert.deepEqual(
        await redirect(app, `/${page}`, { headers: { cookie } }),
        [307, `/p/${SERIES.slug}/${page}`],
        page,
      );
    }
    for (const name of APIS) {
      assert.deepEqual(
        await redirect(app, `/api/${name}`, { headers: { cookie } }),
        [307, `/api/p/${SERIES.slug}/${name}`],
        name,
      );
    }
    // A production they are not a member of, or none at all, is ignored:
    // their first production.
    const director = await login(app, "director");
    for (const slug of [SERIES.slug, "no-such-production"]) {
      for (const who of [director, crew]) {
        if (who === crew && slug === SERIES.slug) continue;
        assert.deepEqual(
          await redirect(app, "/tasks", {
            headers: { cookie: withRecent(who.cookie, slug) },
          }),
          [307, `/p/${FILM.slug}/tasks`],
          slug,
        );
      }
    }
    // Once crew leaves the series, its cookie leads to the film.
    const removed = await api(app, await sessionOf(app, "producer")).del(
      `/api/p/${SERIES.slug}/users/${(await sessionOf(app, "crew")).id}`,
    );
    assert.equal(removed.status, 204);
    assert.deepEqual(
      await redirect(app, "/tasks", { headers: { cookie } }),
      [307, `/p/${FILM.slug}/tasks`],
    );
  }));

Deno.test("legacy paths - API calls: 307 into the production, keeping the query, the method and the body", () =>
  withModuleData(async (app) => {
    const crew = await sessionOf(app, "crew");
    const bearer = { authorization: `Bearer ${crew.token}` };
    for (const name of APIS) {
      assert.deepEqual(
        await redirect(app, `/api/${name}`, { headers: bearer }),
        [307, `/api/p/${FILM.slug}/${name}`],
        name,
      );
    }
    for (
      const path of [
        "/api/tasks?status=todo&priority=high",
        "/api/tasks/t-1/history?before=3",
        "/api/budget/export.csv",
        "/api/reports/tasks-by-status.csv",
        "/api/scripts/s1/scenes/x2",
        "/api/vfx/shots?status=in_progress",
        "/api/events?after=0000000000000000",
      ]
    ) {
      assert.deepEqual(
        await redirect(app, path, { headers: bearer }),
        [307, `/api/p/${FILM.slug}${path.slice("/api".length)}`],
        path,
      );
    }
    // A write keeps its method: following the 307 with the same request
    // creates the task in the production it named (crew manages the
    // series' tasks, not the film's).
    const body = JSON.stringify({ title: "Tide tables for the pier" });
    const post = (path: string, slug: string) =>
      direct(app, path, {
        method: "POST",
        headers: {
          ...bearer,
          "content-type": "application/json",
          cookie: `ps_production=${slug}`,
          origin: ORIGIN,
        },
        body,
      });
    const first = await post("/api/tasks", SERIES.slug);
    assert.equal(first.status, 307);
    await first.body?.cancel();
    const location = first.headers.get("location")!;
    assert.equal(location, `/api/p/${SERIES.slug}/tasks`);
    const made = await post(location, SERIES.slug);
    assert.equal(made.status, 201);
    const task = await made.json();
    const listed = await api(app, crew).get(`/api/p/${SERIES.slug}/tasks`);
    assert.ok(listed.body.some((t: { id: string }) => t.id === task.id));
    // The same on the film: redirected there, and refused there for crew.
    const film = await post("/api/tasks", FILM.slug);
    assert.equal(film.status, 307);
    await film.body?.cancel();
    assert.equal(film.headers.get("location"), `/api/p/${FILM.slug}/tasks`);
    const refused = await post(film.headers.get("location")!, FILM.slug);
    assert.equal(refused.status, 403);
    await refused.body?.cancel();
  }));

Deno.test("legacy paths - signed out: pages go to sign-in and come back, API calls are 401", () =>
  withModuleData(async (app) => {
    for (const path of ["/tasks", "/budget?sort=amount", "/script/s1"]) {
      assert.deepEqual(
        await redirect(app, path),
        [303, `/login?next=${encodeURIComponent(path)}`],
        path,
      );
    }
    for (const name of APIS) {
      const res = await direct(app, `/api/${name}`);
      assert.equal(res.status, 401, name);
      assert.equal((await res.json()).error.code, "unauthorized", name);
    }
    const post = await direct(app, "/api/tasks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Anonymous" }),
    });
    assert.equal(post.status, 401);
    await post.body?.cancel();
  }));

Deno.test("legacy paths - a user who is a member of no production: pages go home, API calls are 404", () =>
  withModuleData(async (app) => {
    const producer = await sessionOf(app, "producer");
    const made = await api(app, producer).post("/api/accounts", {
      username: "newcomer",
      name: "Nina Newcomer",
      password: "password123",
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const { cookie, token } = await login(app, "newcomer");
    for (const page of PAGES) {
      assert.deepEqual(
        await redirect(app, `/${page}`, { headers: { cookie } }),
        [303, "/"],
        page,
      );
    }
    for (const name of APIS) {
      const res = await direct(app, `/api/${name}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 404, name);
      assert.equal((await res.json()).error.code, "not_found", name);
    }
    // Their cookie naming a production changes nothing.
    assert.deepEqual(
      await redirect(app, "/tasks", {
        headers: { cookie: withRecent(cookie, FILM.slug) },
      }),
      [303, "/"],
    );
  }));
