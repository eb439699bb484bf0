/**
 * The announcements API: the recent list, urgent banners per user, and
 * dismissals remembered on the server (so they hold on every device).
 */
import assert from "node:assert/strict";
import { api, row, sessions } from "./helpers/api_client.ts";
import { login, withApp } from "./helpers/test_app.ts";

Deno.test("announcements - everyone reads the list and their banners; only the office posts", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const expected = row(201, 201, 403, 403, 403, 403);
    for (const [name, status] of Object.entries(expected)) {
      const res = await api(app, s[name]).post("/api/announcements", {
        message: `from ${name}`,
        level: "info",
      });
      assert.equal(res.status, status, name);
    }
    await api(app, s.prodmanager).post("/api/announcements", {
      message: "Storm warning: exteriors cancelled",
      level: "urgent",
    });
    for (const name of Object.keys(expected)) {
      const res = await api(app, s[name]).get("/api/announcements");
      assert.equal(res.status, 200, name);
      assert.deepEqual(
        res.body.announcements.map((a: { message: string }) => a.message),
        [
          "Storm warning: exteriors cancelled",
          "from prodmanager",
          "from producer",
        ],
      );
      assert.deepEqual(
        res.body.banners.map((a: { message: string }) => a.message),
        ["Storm warning: exteriors cancelled"],
      );
      const [banner] = res.body.banners;
      assert.equal(banner.level, "urgent");
      assert.equal(banner.from.name, "Marcus Obi");
      assert.match(banner.createdAt, /^\d{4}-\d\d-\d\dT/);
    }
    assert.equal((await api(app, null).get("/api/announcements")).status, 401);
  }));

Deno.test("announcements - a dismissed banner stays dismissed for that user only, on every device", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const created = await api(app, s.producer).post("/api/announcements", {
      message: "Unit base moved to the harbour",
      level: "urgent",
    });
    const id = created.body.id;
    const dismiss = await api(app, s.crew).post(
      `/api/announcements/${id}/dismiss`,
      undefined,
    );
    assert.equal(dismiss.status, 204);
    // Again is fine.
    assert.equal(
      (await api(app, s.crew).post(
        `/api/announcements/${id}/dismiss`,
        undefined,
      ))
        .status,
      204,
    );
    // A second sign-in (another device) sees it dismissed too.
    const again = await login(app, "crew");
    const other = await api(app, { token: again.token, id: s.crew.id }).get(
      "/api/announcements",
    );
    assert.deepEqual(other.body.banners, []);
    // It is still in the list.
    assert.equal(other.body.announcements[0].id, id);
    // Others still see the banner.
    const vfx = await api(app, s.vfx).get("/api/announcements");
    assert.deepEqual(vfx.body.banners.map((a: { id: string }) => a.id), [id]);
  }));

Deno.test("announcements - bad input is a 4xx JSON error and changes nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const crew = api(app, s.crew);
    const unknown = await crew.post(
      "/api/announcements/no-such-id/dismiss",
      undefined,
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "not_found");
    for (const query of ["?limit=0", "?limit=101", "?limit=ten", "?x=1"]) {
      const res = await crew.get(`/api/announcements${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.error.code, "validation", query);
    }
    const empty = await api(app, s.producer).post("/api/announcements", {
      message: "   ",
      level: "urgent",
    });
    assert.equal(empty.status, 400);
    const level = await api(app, s.producer).post("/api/announcements", {
      message: "hello",
      level: "critical",
    });
    assert.equal(level.status, 400);
    assert.equal(
      (await api(app, null).post("/api/announcements/x/dismiss", undefined))
        .status,
      401,
    );
    const list = await crew.get("/api/announcements");
    assert.deepEqual(list.body, { announcements: [], banners: [] });
  }));

Deno.test("announcements - a dismissal from a foreign origin with the cookie is refused", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const created = await api(app, s.producer).post("/api/announcements", {
      message: "Wrap party moved",
      level: "urgent",
    });
    const { cookie } = await login(app, "crew");
    const res = await app.fetch(
      `/api/announcements/${created.body.id}/dismiss`,
      {
        method: "POST",
        headers: { cookie, origin: "https://evil.example" },
      },
    );
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error.code, "forbidden_origin");
    const list = await api(app, s.crew).get("/api/announcements");
    assert.equal(list.body.banners.length, 1);
  }));
