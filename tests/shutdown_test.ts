/**
 * Production shutdown, as a process: the app served the way `deno task dev`
 * serves it gets SIGTERM while a socket is open; the socket is closed with
 * 1001 by the hub (before the server goes), and the process exits 0 within
 * its shutdown deadline.
 */
import assert from "node:assert/strict";
import { CLOSE } from "@/realtime/wire.ts";
import { startAppProcess } from "./helpers/app_process.ts";
import { TEST_SECRET } from "./helpers/test_secret.ts";
import { TestSocket } from "./helpers/events.ts";

/** A port that was free a moment ago. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test({
  name: "shutdown - SIGTERM closes sockets with 1001, then the process exits",
  ignore: Deno.build.os === "windows",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "prodsight-shutdown-" });
    let ws: TestSocket | undefined;
    try {
      await using app = await startAppProcess({
        args: ["run", "-A", "dev.ts"],
        env: {
          PORT: String(freePort()),
          PRODSIGHT_KV_PATH: `${dir}/kv.sqlite3`,
          JWT_SECRET: TEST_SECRET,
        },
      });
      const res = await fetch(`${app.origin}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "crew", password: "password123" }),
        signal: AbortSignal.timeout(30_000),
      });
      assert.equal(res.status, 200);
      const { token } = await res.json();
      ws = new TestSocket(`ws://127.0.0.1:${app.port}/api/ws`, {
        authorization: `Bearer ${token}`,
      });
      await ws.nextOf("welcome", undefined, 10_000);

      const started = performance.now();
      const stopped = app.stop("SIGTERM", 10_000);
      assert.equal((await ws.closedWithin(10_000)).code, CLOSE.goingAway);
      assert.equal((await stopped).code, 0);
      // main.ts bounds its shutdown at 5 s; a clean one takes far less.
      assert.ok(performance.now() - started < 6_000);
    } finally {
      await ws?.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
