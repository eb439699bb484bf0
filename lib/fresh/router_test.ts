import assert from "node:assert/strict";
import { mergePath, patternToSegments, Router } from "./router.ts";

Deno.test("Router - static pattern beats a dynamic one registered first", () => {
  const router = new Router<string>();
  router.add("GET", "/users/:id", "dynamic");
  router.add("GET", "/users/new", "static");
  assert.equal(router.match("GET", "/users/new").item, "static");
  assert.equal(router.match("GET", "/users/7").item, "dynamic");
});

Deno.test("Router - dynamic patterns are tried in registration order", () => {
  const router = new Router<string>();
  router.add("GET", "/docs/:id", "param");
  router.add("GET", "/docs/:rest*", "rest");
  assert.equal(router.match("GET", "/docs/intro").item, "param");
  assert.equal(router.match("GET", "/docs/a/b").item, "rest");
});

Deno.test("Router - params are decoded; named groups only", () => {
  const router = new Router<string>();
  router.add("GET", "/files/:name/:rest*", "x");
  const match = router.match("GET", "/files/caf%C3%A9/a/b%20c");
  assert.deepEqual(match.params, { name: "café", rest: "a/b c" });
  assert.equal(match.pattern, "/files/:name/:rest*");
});

Deno.test("Router - malformed percent-encoding in a param throws URIError", () => {
  const router = new Router<string>();
  router.add("GET", "/u/:id", "x");
  assert.throws(() => router.match("GET", "/u/%E0%A4%A"), URIError);
});

Deno.test("Router - HEAD falls back to GET", () => {
  const router = new Router<string>();
  router.add("GET", "/a", "get");
  assert.equal(router.match("HEAD", "/a").item, "get");
  router.add("HEAD", "/b", "head");
  router.add("GET", "/b", "get");
  assert.equal(router.match("HEAD", "/b").item, "head");
});

Deno.test("Router - wrong method matches the pattern but no item", () => {
  const router = new Router<string>();
  router.add("GET", "/a", "get");
  router.add("POST", "/a", "post");
  const match = router.match("DELETE", "/a");
  assert.equal(match.item, null);
  assert.equal(match.pattern, "/a");
  assert.deepEqual(match.allowed, ["GET", "HEAD", "POST"]);
});

Deno.test("Router - no match at all", () => {
  const router = new Router<string>();
  router.add("GET", "/a", "get");
  const match = router.match("GET", "/b");
  assert.equal(match.item, null);
  assert.equal(match.pattern, null);
});

Deno.test("Router - the first registration for a method wins", () => {
  const router = new Router<string>();
  router.add("GET", "/a", "first");
  router.add("GET", "/a", "second");
  assert.equal(router.match("GET", "/a").item, "first");
});

Deno.test("Router - optional segment pattern", () => {
  const router = new Router<string>();
  router.add("GET", "/shop{/:item}?", "shop");
  assert.deepEqual(router.match("GET", "/shop").params, {});
  assert.deepEqual(router.match("GET", "/shop/hat").params, { item: "hat" });
});

Deno.test("patternToSegments - splits into segment keys below the root", () => {
  assert.deepEqual(patternToSegments("/"), [""]);
  assert.deepEqual(patternToSegments("/tasks/:id"), ["", "tasks", ":id"]);
  assert.deepEqual(patternToSegments("/api/*"), ["", "api"]);
});

Deno.test("mergePath - joins base and path", () => {
  assert.equal(mergePath("", "/a"), "/a");
  assert.equal(mergePath("/app", "/a"), "/app/a");
  assert.equal(mergePath("/app/", "a"), "/app/a");
  assert.equal(mergePath("/app", "/"), "/app");
});
