/**
 * Routing + server render cost of whole requests through `app.handler()`:
 * the signed-in dashboard (auth, KV reads, SSR with an island), the login
 * page, a JSON route, and the fixture's island page.
 *
 * Run: `deno task bench`
 */
import { buildFixture } from "@/tests/fixture/build.ts";
import { createTestApp, login } from "@/tests/helpers/test_app.ts";

const app = await createTestApp();
const { cookie } = await login(app, "producer");
const fixtureHandler = await buildFixture("production");

async function request(
  handler: (req: Request) => Promise<Response>,
  path: string,
  headers: HeadersInit = {},
) {
  const res = await handler(
    new Request(`http://localhost${path}`, { headers }),
  );
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
}

Deno.bench(
  "GET / signed in (auth + KV + dashboard SSR with an island)",
  async () => {
    await request(app.handler, "/", { cookie });
  },
);

Deno.bench("GET /login (route match + SSR, no island)", async () => {
  await request(app.handler, "/login");
});

Deno.bench("GET /api/health (route match + JSON)", async () => {
  await request(app.handler, "/api/health");
});

Deno.bench("GET /counter (fixture: SSR with 4 islands + props)", async () => {
  await request(fixtureHandler, "/counter");
});

Deno.bench(
  "GET /docs/a/b (fixture: dynamic route, layouts, middleware)",
  async () => {
    await request(fixtureHandler, "/docs/a/b");
  },
);
