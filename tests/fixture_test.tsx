import assert from "node:assert/strict";
import { buildFixture, fixtureRoot as root } from "./fixture/build.ts";

const handler = await buildFixture();

const fetchPage = (path: string, init?: RequestInit) =>
  handler(new Request(`http://localhost${path}`, init));

async function html(path: string): Promise<string> {
  return await (await fetchPage(path)).text();
}

Deno.test("fixture - _app wraps the root layout, which wraps the page", async () => {
  const body = await html("/");
  assert.match(
    body,
    /^<!DOCTYPE html><html lang="en"><head>.*<\/head><body data-app="fixture"><div class="root-layout"><h1>fixture home<\/h1><\/div><\/body><\/html>$/,
  );
});

Deno.test("fixture - a (group) layout applies without appearing in the URL", async () => {
  assert.match(
    await html("/about"),
    /<div class="root-layout"><div class="marketing-layout"><h1>about<\/h1><\/div><\/div>/,
  );
});

Deno.test("fixture - folder middleware and layout apply to the folder's routes", async () => {
  const res = await fetchPage("/docs/guide/setup");
  assert.equal(res.headers.get("X-Docs"), "root>docs");
  assert.match(
    await res.text(),
    /<div class="docs-layout"><h1 class="slug">guide\/setup<\/h1><\/div>/,
  );
});

Deno.test("fixture - folder middleware does not apply outside its folder", async () => {
  const res = await fetchPage("/about");
  assert.equal(res.headers.get("X-Docs"), null);
  await res.body?.cancel();
});

Deno.test("fixture - index beats [...rest] for the folder's own URL", async () => {
  assert.match(await html("/docs"), /<h1>docs index<\/h1>/);
});

Deno.test("fixture - static file name beats [param]; params reach the handler", async () => {
  assert.match(await html("/users/new"), /new user form/);
  const res = await fetchPage("/users/42");
  assert.equal(res.headers.get("X-User"), "42");
  assert.match(await res.text(), /<h1 class="user">user 42<\/h1>/);
});

Deno.test("fixture - skipInheritedLayouts renders without layouts", async () => {
  const body = await html("/skip");
  assert.doesNotMatch(body, /root-layout/);
  assert.match(body, /<body data-app="fixture"><h1>without layouts<\/h1>/);
});

Deno.test("fixture - unknown route renders _error with 404 inside _app", async () => {
  const res = await fetchPage("/no/such/page");
  assert.equal(res.status, 404);
  assert.match(
    await res.text(),
    /<body data-app="fixture"><div class="root-layout"><section class="error"><h1>Error 404<\/h1>/,
  );
});

Deno.test("fixture - a thrown Error renders _error with 500", async () => {
  const res = await fetchPage("/boom");
  assert.equal(res.status, 500);
  assert.match(await res.text(), /Error 500.*kaboom/);
});

Deno.test("fixture - a thrown HttpError keeps its status", async () => {
  const res = await fetchPage("/teapot");
  assert.equal(res.status, 418);
  assert.match(await res.text(), /Error 418.*short and stout/);
});

Deno.test("fixture - wrong method is 405 with Allow, via _error", async () => {
  const res = await fetchPage("/users/42", { method: "POST" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("Allow"), "GET, HEAD");
  assert.match(await res.text(), /Error 405/);
});

Deno.test("fixture - per-method API handlers; OPTIONS lists them", async () => {
  const get = await fetchPage("/api/echo?q=hi");
  assert.deepEqual(await get.json(), { method: "GET", q: "hi" });
  const post = await fetchPage("/api/echo", {
    method: "POST",
    body: JSON.stringify({ a: 1 }),
  });
  assert.equal(post.status, 201);
  assert.deepEqual(await post.json(), { method: "POST", body: { a: 1 } });
  const options = await fetchPage("/api/echo", { method: "OPTIONS" });
  assert.equal(options.status, 204);
  assert.equal(options.headers.get("Allow"), "GET, HEAD, POST");
});

Deno.test("fixture - HEAD on a page: headers, no body", async () => {
  const res = await fetchPage("/about", { method: "HEAD" });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(res.body, null);
});

Deno.test("fixture - malformed URL is a 400", async () => {
  const res = await fetchPage("/users/%E0%A4%A");
  assert.equal(res.status, 400);
  await res.body?.cancel();
});

Deno.test("fixture - redirect blocks protocol-relative targets", async () => {
  const res = await fetchPage("/go?to=//evil.example/x");
  assert.equal(res.status, 302);
  assert.equal(res.headers.get("location"), "/evil.example/x");
});

Deno.test("fixture - a page without islands ships no script", async () => {
  const body = await html("/plain");
  assert.doesNotMatch(body, /<script/);
  assert.doesNotMatch(body, /frsh:island/);
});

Deno.test("fixture - islands get markers, props and one boot script", async () => {
  const body = await html("/counter");
  assert.match(body, /<!--frsh:island:Counter:0:--><div class="counter">/);
  assert.match(body, /<!--frsh:island:SharedIncrement:1:-->/);
  assert.match(
    body,
    /<!--frsh:island:Shared:2:--><output class="shared-view">5<\/output><!--\/frsh:island-->/,
  );
  const scripts = body.match(
    /<script type="module" nonce="[\w+/=]+">(.*?)<\/script>/g,
  ) ?? [];
  assert.equal(scripts.length, 1);
  assert.match(
    scripts[0],
    /import \{ boot \} from "\/_fresh\/js\/fresh-runtime-\w+\.js"/,
  );
  assert.match(scripts[0], /"Shared":i\d\.default/);
  // The server rendered the typed props too.
  assert.match(
    body,
    /2026-01-02T03:04:05\.000Z\|1\|1\|xy\|12345678901234567890/,
  );
});

Deno.test("fixture - an island inside an island renders as a plain component", async () => {
  const body = await html("/nested");
  assert.equal(body.match(/frsh:island:/g)?.length, 1);
  assert.match(
    body,
    /<!--frsh:island:Outer:0:--><section class="outer"><div class="counter">/,
  );
});

Deno.test("fixture - function props are refused with the island's name", async () => {
  const res = await fetchPage("/bad-props");
  assert.equal(res.status, 500);
  assert.match(
    await res.text(),
    /Island &quot;Counter&quot;: cannot serialize its props: Cannot serialize a function at props\.onClick/,
  );
});

Deno.test("staticFiles - serves static/ with type, ETag and no-cache", async () => {
  const res = await fetchPage("/fixture.css");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/css; charset=utf-8");
  assert.equal(res.headers.get("cache-control"), "no-cache");
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.match(res.headers.get("etag")!, /^"[0-9a-f]+"$/);
  assert.equal(
    await res.text(),
    await Deno.readTextFile(`${root}static/fixture.css`),
  );
  const nested = await fetchPage("/sub/file.txt");
  assert.equal(await nested.text(), "hello\n");
});

Deno.test("staticFiles - If-None-Match with the ETag is a 304", async () => {
  const first = await fetchPage("/fixture.css");
  await first.body?.cancel();
  const etag = first.headers.get("etag")!;
  const res = await fetchPage("/fixture.css", {
    headers: { "If-None-Match": etag },
  });
  assert.equal(res.status, 304);
  assert.equal(res.body, null);
  assert.equal(res.headers.get("etag"), etag);
});

Deno.test("staticFiles - HEAD gives the length and no body", async () => {
  const res = await fetchPage("/fixture.css", { method: "HEAD" });
  const { size } = await Deno.stat(`${root}static/fixture.css`);
  assert.equal(res.headers.get("content-length"), String(size));
  assert.equal(res.body, null);
});

Deno.test("staticFiles - built island scripts are immutable JavaScript", async () => {
  const body = await html("/counter");
  const runtime = body.match(/\/_fresh\/js\/fresh-runtime-\w+\.js/)![0];
  const res = await fetchPage(runtime);
  assert.equal(res.status, 200);
  assert.equal(
    res.headers.get("content-type"),
    "text/javascript; charset=utf-8",
  );
  assert.equal(
    res.headers.get("cache-control"),
    "public, max-age=31536000, immutable",
  );
  assert.match(await res.text(), /export/);
});

Deno.test("staticFiles - the build id makes a URL immutable; a stale id redirects", async () => {
  const body = await html("/counter");
  const buildId = body.match(/,"(\w+)"\);<\/script>/)![1];
  const fresh = await fetchPage(`/fixture.css?__frsh_c=${buildId}`);
  assert.equal(
    fresh.headers.get("cache-control"),
    "public, max-age=31536000, immutable",
  );
  await fresh.body?.cancel();
  const stale = await fetchPage("/fixture.css?__frsh_c=old");
  assert.equal(stale.status, 307);
  assert.equal(
    stale.headers.get("location"),
    `/fixture.css?__frsh_c=${buildId}`,
  );
});

Deno.test("staticFiles - no path reaches outside static/", async () => {
  for (
    const path of [
      "/static/../main.ts",
      "/../main.ts",
      "/%2e%2e/main.ts",
      "/..%2fmain.ts",
      "/sub/..%2f..%2fmain.ts",
      "/%2e%2e%2f%2e%2e%2fdeno.json",
      "/main.ts",
      "/routes/index.tsx",
    ]
  ) {
    const res = await fetchPage(path);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(await res.text(), /App<FixtureState>|fsRoutes/, path);
  }
});

Deno.test("staticFiles - malformed encoding is a 400", async () => {
  const res = await fetchPage("/fixture.css%E0%A4%A");
  assert.equal(res.status, 400);
  await res.body?.cancel();
});
