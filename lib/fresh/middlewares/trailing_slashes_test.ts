import assert from "node:assert/strict";
import { App } from "../app.ts";
import { trailingSlashes } from "./trailing_slashes.ts";

/** Status and Location of GET `path` through trailingSlashes(mode). */
async function answer(mode: "always" | "never", path: string) {
  const handler = new App()
    .use(trailingSlashes(mode))
    .get("*", () => new Response("ok"))
    .handler();
  const res = await handler(new Request(`http://localhost${path}`));
  await res.body?.cancel();
  return { status: res.status, location: res.headers.get("location") };
}

Deno.test("trailingSlashes - always adds the slash, keeping the query", async () => {
  assert.deepEqual(await answer("always", "/"), {
    status: 200,
    location: null,
  });
  assert.deepEqual(await answer("always", "/tasks?status=done"), {
    status: 302,
    location: "/tasks/?status=done",
  });
  assert.deepEqual(await answer("always", "/tasks/a"), {
    status: 302,
    location: "/tasks/a/",
  });
  assert.deepEqual(await answer("always", "/tasks/a/"), {
    status: 200,
    location: null,
  });
});

Deno.test("trailingSlashes - never removes it, and leaves / alone", async () => {
  assert.deepEqual(await answer("never", "/"), { status: 200, location: null });
  assert.deepEqual(await answer("never", "/tasks"), {
    status: 200,
    location: null,
  });
  assert.deepEqual(await answer("never", "/tasks/?q=1"), {
    status: 302,
    location: "/tasks?q=1",
  });
});
