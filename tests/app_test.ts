import assert from "node:assert/strict";
import { Builder } from "fresh/dev";

// A production build of the real app, written to a temporary folder the way
// `deno task build` writes `_fresh/`, then served through its server.js.
// main.ts reads its configuration from the environment: keep this test's
// store in memory, away from the developer's data/ folder.
Deno.env.set("PRODSIGHT_KV_PATH", ":memory:");
const root = new URL("../", import.meta.url).pathname;
const outDir = await Deno.makeTempDir({ prefix: "prodsight-build-" });
await new Builder({ root, outDir }).build();
const server = await import(`${outDir}/server.js`);
// Teardown once every test of this file has run (not a test of its own).
Deno.test.afterAll(async () => {
  await Deno.remove(outDir, { recursive: true });
});
const fetchApp = (path: string, init?: RequestInit): Promise<Response> =>
  server.default.fetch(new Request(`http://localhost${path}`, init));

Deno.test("build - snapshot imports every route statically", async () => {
  const snapshot = await Deno.readTextFile(`${outDir}/snapshot.js`);
  assert.doesNotMatch(snapshot, /readDir|import\(/);
  for await (const entry of Deno.readDir(`${root}routes`)) {
    if (entry.isFile) assert.match(snapshot, new RegExp(entry.name));
  }
  assert.match(snapshot, /routes\/api\/health\.ts/);
});

Deno.test("build - bundles are content-hashed files", async () => {
  const names = [];
  for await (const entry of Deno.readDir(`${outDir}/js`)) {
    names.push(entry.name);
  }
  assert.ok(names.length > 0);
  for (const name of names) assert.match(name, /-[A-Z0-9]{8}\.js$/);
});

Deno.test("app - signed out, the home page sends you to login", async () => {
  const res = await fetchApp("/");
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/login");
});

Deno.test("app - the login page renders without scripts", async () => {
  const res = await fetchApp("/login");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<title>ProdSight<\/title>/);
  assert.match(html, /href="\/styles\.css\?__frsh_c=\w+"/);
  assert.doesNotMatch(html, /<script/);
});

Deno.test("app - the demo users were seeded and can sign in", async () => {
  const res = await fetchApp("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "producer", password: "password123" }),
  });
  assert.equal(res.status, 200);
  const { user, token } = await res.json();
  assert.equal(user.username, "producer");
  // Roles are per production: the producer's, in each of the two demo
  // productions (lib/seed.ts).
  const mine = await fetchApp("/api/productions", {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(mine.status, 200);
  assert.deepEqual(
    (await mine.json()).map((p: { slug: string; role: string }) => [
      p.slug,
      p.role,
    ]),
    [["northern-lights", "producer"], ["saltwater-block-2", "producer"]],
  );
});

Deno.test("app - GET /api/health is JSON", async () => {
  const res = await fetchApp("/api/health");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  // Liveness only: connection statistics are not for anonymous callers.
  assert.deepEqual(await res.json(), { status: "ok" });
});

Deno.test("app - unknown API path gets the JSON error shape", async () => {
  const res = await fetchApp("/api/nope");
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, "not_found");
});

Deno.test("app - wrong method on the API is a JSON 405 with Allow", async () => {
  const res = await fetchApp("/api/health", { method: "DELETE" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, HEAD");
  assert.equal((await res.json()).error.code, "method_not_allowed");
});

Deno.test("app - unknown page is the 404 page", async () => {
  const res = await fetchApp("/no/such/page");
  assert.equal(res.status, 404);
  assert.match(await res.text(), /Page not found/);
});

Deno.test("app - static files are served from the build", async () => {
  const res = await fetchApp("/styles.css");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/css; charset=utf-8");
  assert.equal(
    await res.text(),
    await Deno.readTextFile(`${root}static/styles.css`),
  );
});

Deno.test("app - path traversal never leaves static/", async () => {
  for (
    const path of [
      "/static/../deno.json",
      "/%2e%2e/deno.json",
      "/..%2fdeno.json",
      "/%2E%2E%2Fdeno.json",
      "/deno.json",
      "/main.ts",
    ]
  ) {
    const res = await fetchApp(path);
    // Single-segment paths are module pages, so signed out they redirect
    // to login; either way the file itself is never sent.
    assert.ok([303, 404].includes(res.status), `${path}: ${res.status}`);
    assert.doesNotMatch(await res.text(), /"tasks"|"imports"/, path);
  }
});

Deno.test("app - malformed URL is a 400, not a 500", async () => {
  const res = await fetchApp("/%E0%A4%A");
  assert.equal(res.status, 400);
  await res.body?.cancel();
});
