/**
 * Rules that must hold for every route, checked over the route table the
 * router builds from `routes/`: a new route is covered without anyone
 * remembering to add it here.
 */
import assert from "node:assert/strict";
import { latestEventId } from "@/lib/store/event_log.ts";
import { pathFor, routeTable, UNSAFE_METHODS } from "./helpers/route_table.ts";
import {
  DEMO_SLUG,
  login,
  ORIGIN,
  type TestApp,
  withApp,
} from "./helpers/test_app.ts";

const ROUTES = routeTable();
const EVIL = "https://evil.example";

Deno.test("route table - the table is the app's: known routes are in it", () => {
  const patterns = ROUTES.map((r) => r.pattern);
  for (
    const known of [
      "/login",
      "/api/auth/login",
      "/api/p/:slug/tasks/:id",
      "/p/:slug/team",
    ]
  ) {
    assert.ok(patterns.includes(known), `${known} in ${patterns}`);
  }
  const writes = ROUTES.filter((r) =>
    r.methods.some((m) => UNSAFE_METHODS.includes(m))
  );
  assert.ok(writes.length >= 15, `${writes.length} routes take writes`);
});

/** A body of the kind a form on another site could send. */
const FORM = {
  "content-type": "application/x-www-form-urlencoded",
};
const JSON_BODY = { "content-type": "application/json" };

/** Requests a browser could be tricked into sending from another site. */
function forgeries(cookie: string): [string, Record<string, string>][] {
  return [
    ["cookie, foreign Origin", { cookie, origin: EVIL, ...FORM }],
    ["cookie, foreign Origin, JSON", { cookie, origin: EVIL, ...JSON_BODY }],
    ["cookie, no Origin", { cookie, ...JSON_BODY }],
    ["cookie, no Origin, form", { cookie, ...FORM }],
    ["cookie, Sec-Fetch-Site cross-site", {
      cookie,
      "sec-fetch-site": "cross-site",
      ...FORM,
    }],
    ["cookie, Sec-Fetch-Site same-site", {
      cookie,
      "sec-fetch-site": "same-site",
      origin: "http://sub.localhost",
      ...FORM,
    }],
    // Login CSRF: no cookies at all, the attacker's credentials in a form.
    ["no cookie, foreign Origin", { origin: EVIL, ...FORM }],
    ["no cookie, foreign Origin and cross-site", {
      origin: EVIL,
      "sec-fetch-site": "cross-site",
      ...FORM,
    }],
    ["no cookie, Origin null", { origin: "null", ...FORM }],
    ["no cookie, no Origin, form", { ...FORM }],
    ["no cookie, no Origin, text/plain", { "content-type": "text/plain" }],
    ["cookie and Bearer, foreign Origin", {
      cookie,
      authorization: "Bearer x.y.z",
      origin: EVIL,
      ...JSON_BODY,
    }],
  ];
}

async function assertRefused(res: Response, what: string, api: boolean) {
  assert.equal(res.status, 403, what);
  if (api) {
    const body = await res.json();
    assert.equal(body.error.code, "forbidden_origin", what);
  } else {
    assert.match(res.headers.get("content-type") ?? "", /^text\/html/, what);
    assert.match(await res.text(), /This form came from another site/, what);
  }
}

Deno.test("route table - every unsafe method without a same-origin Origin is refused (token clients aside)", () =>
  withApp(async (app) => {
    const { cookie, token } = await login(app, "producer");
    const head = await latestEventId(app.services.kv);
    let checked = 0;
    for (const route of ROUTES) {
      const api = route.pattern.startsWith("/api/");
      const path = pathFor(
        route.pattern,
        { slug: DEMO_SLUG },
        crypto.randomUUID(),
      );
      for (const method of route.methods) {
        if (!UNSAFE_METHODS.includes(method)) continue;
        for (const [name, headers] of forgeries(cookie)) {
          const what = `${method} ${route.pattern} (${name})`;
          const res = await app.fetch(path, { method, headers, body: "a=1" });
          await assertRefused(res, what, api);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `${checked} forged requests`);
    // Nothing any of them asked for happened.
    assert.equal(await latestEventId(app.services.kv), head);
    // The session they carried is still good: no logout went through.
    const me = await app.fetch("/api/auth/me", { headers: { cookie } });
    assert.equal(me.status, 200);
    await me.body?.cancel();
    await assertAllowed(app, cookie, token);
  }));

/** The same routes from the app's own pages and from token clients pass. */
async function assertAllowed(app: TestApp, cookie: string, token: string) {
  const allowed: [string, Record<string, string>][] = [
    ["same Origin", { cookie, origin: ORIGIN, ...JSON_BODY }],
    ["Sec-Fetch-Site same-origin", {
      cookie,
      "sec-fetch-site": "same-origin",
      ...JSON_BODY,
    }],
    // DESIGN §4: Bearer clients send no cookies and need no Origin.
    ["Bearer, no Origin", { authorization: `Bearer ${token}`, ...JSON_BODY }],
    ["Bearer, foreign Origin", {
      authorization: `Bearer ${token}`,
      origin: EVIL,
      ...JSON_BODY,
    }],
    // A cookie-less JSON client, e.g. one signing in for its token.
    ["no cookie, no Origin, JSON", { ...JSON_BODY }],
  ];
  for (const route of ROUTES) {
    const path = pathFor(
      route.pattern,
      { slug: DEMO_SLUG },
      crypto.randomUUID(),
    );
    for (const method of route.methods) {
      if (!UNSAFE_METHODS.includes(method)) continue;
      // Logging out would end the session the other checks use.
      if (/logout/.test(route.pattern)) continue;
      for (const [name, headers] of allowed) {
        const res = await app.fetch(path, { method, headers, body: "{}" });
        const text = await res.text();
        assert.ok(
          !/forbidden_origin|came from another site/.test(text),
          `${method} ${route.pattern} (${name}) was refused: ${res.status}`,
        );
      }
    }
  }
}

Deno.test("route table - every route with an id parameter answers 404 for an over-long or malformed id", () =>
  withApp(async (app) => {
    const { cookie, token } = await login(app, "producer");
    const bad = [
      "x".repeat(3000),
      "a".repeat(129),
      "é".repeat(700),
      "a b",
      "a/b",
      ".hidden",
      "a\u0000b",
      "<script>",
    ];
    const withParams = ROUTES.filter((r) => r.params.length > 0);
    assert.ok(withParams.length >= 10, `${withParams.length} routes with ids`);
    let checked = 0;
    for (const route of withParams) {
      const api = route.pattern.startsWith("/api/");
      for (const param of route.params) {
        for (const value of bad) {
          const path = pathFor(
            route.pattern,
            { slug: DEMO_SLUG, [param]: value },
            crypto.randomUUID(),
          );
          for (const method of route.methods) {
            const what = `${method} ${route.pattern} with ${param}=${
              JSON.stringify(value.slice(0, 12))
            }… (${value.length})`;
            const headers: Record<string, string> = api
              ? { authorization: `Bearer ${token}`, ...JSON_BODY }
              : { cookie, origin: ORIGIN, ...FORM };
            const res = await app.fetch(path, {
              method,
              headers,
              body: method === "GET" || method === "HEAD" ? undefined : "{}",
            });
            assert.equal(res.status, 404, what);
            if (api) {
              assert.equal((await res.json()).error.code, "not_found", what);
            } else {
              assert.match(await res.text(), /Page not found/, what);
            }
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 100, `${checked} requests`);
  }));

/**
 * The query parameters the app's pages and APIs read (filters, cursors,
 * sorting, the socket's production, the sign-in's `next`), plus a few any
 * future filter is likely to be called.
 */
const QUERY_PARAMS = [
  "after",
  "assignee",
  "before",
  "category",
  "categoryId",
  "cursor",
  "done",
  "dueBefore",
  "id",
  "limit",
  "next",
  "order",
  "priority",
  "production",
  "record",
  "sceneKey",
  "scope",
  "slug",
  "sort",
  "status",
  "type",
  "uploader",
  "vendor",
  "version",
  "view",
];

Deno.test("route table - no route answers a 5xx for an over-long query value", () =>
  withApp(async (app) => {
    const { cookie, token } = await login(app, "producer");
    const long = "x".repeat(3000);
    const failed: string[] = [];
    let checked = 0;
    for (const route of ROUTES.filter((r) => r.methods.includes("GET"))) {
      const api = route.pattern.startsWith("/api/");
      const path = pathFor(
        route.pattern,
        { slug: DEMO_SLUG },
        crypto.randomUUID(),
      );
      for (const name of QUERY_PARAMS) {
        const res = await app.fetch(`${path}?${name}=${long}`, {
          headers: api
            ? { authorization: `Bearer ${token}` }
            : { cookie, accept: "text/html" },
        });
        await res.body?.cancel();
        if (res.status >= 500) failed.push(`${route.pattern}?${name}=…`);
        checked++;
      }
    }
    assert.deepEqual(failed, []);
    assert.ok(checked > 500, `${checked} requests`);
  }));
