/**
 * Routing + server render cost of whole requests through `app.handler()`:
 * the app's home page, a JSON route, and the fixture's island page.
 *
 * Run: `deno task bench`
 */
import { Builder } from "fresh/dev";
import { buildFixture } from "../tests/fixture/build.ts";

const appRoot = new URL("../", import.meta.url).pathname;
const applyApp = await new Builder({ root: appRoot }).build({
  snapshot: "memory",
});
const { app } = await import("../main.ts");
applyApp(app);
const appHandler = app.handler();

const fixtureHandler = await buildFixture("production");

async function request(handler: typeof appHandler, path: string) {
  const res = await handler(new Request(`http://localhost${path}`));
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
}

Deno.bench("GET / (route match + SSR of the home page)", async () => {
  await request(appHandler, "/");
});

Deno.bench("GET /api/health (route match + JSON)", async () => {
  await request(appHandler, "/api/health");
});

Deno.bench(
  "GET /counter (SSR with 4 islands + props serialization)",
  async () => {
    await request(fixtureHandler, "/counter");
  },
);

Deno.bench("GET /docs/a/b (dynamic route, layouts, middleware)", async () => {
  await request(fixtureHandler, "/docs/a/b");
});
