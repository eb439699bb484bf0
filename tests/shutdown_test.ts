/**
 * Production shutdown, as a process: the app served the way `deno task dev`
 * serves it gets SIGTERM while a socket is open; the socket is closed with
 * 1001 by the hub (before the server goes), and the process exits 0 within
 * its shutdown deadline.
 */
import assert from "node:assert/strict";
import { CLOSE } from "../realtime/wire.ts";
import { settlesWithin, withDeadline } from "./helpers/deadline.ts";
import { TEST_SECRET } from "./helpers/test_secret.ts";
import { TestSocket } from "./helpers/ws_client.ts";

const root = new URL("../", import.meta.url).pathname;

/** A port that was free a moment ago. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Reads `stream` until `text` appears; returns everything read. */
async function readUntil(
  reader: ReadableStreamDefaultReader<string>,
  text: string,
): Promise<string> {
  let seen = "";
  while (!seen.includes(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the process ended before "${text}": ${seen}`);
    seen += value;
  }
  return seen;
}

Deno.test({
  name: "shutdown - SIGTERM closes sockets with 1001, then the process exits",
  ignore: Deno.build.os === "windows",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "prodsight-shutdown-" });
    const port = freePort();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "dev.ts"],
      cwd: root,
      env: {
        PORT: String(port),
        PRODSIGHT_KV_PATH: `${dir}/kv.sqlite3`,
        JWT_SECRET: TEST_SECRET,
      },
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const stdout = child.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
    let ws: TestSocket | undefined;
    try {
      // A cold module cache builds the whole app first.
      await withDeadline(
        readUntil(stdout, "Listening on"),
        120_000,
        "the app to listen",
      );
      const origin = `http://127.0.0.1:${port}`;
      const res = await fetch(`${origin}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "crew", password: "password123" }),
        signal: AbortSignal.timeout(30_000),
      });
      assert.equal(res.status, 200);
      const { token } = await res.json();
      ws = new TestSocket(`ws://127.0.0.1:${port}/api/ws`, {
        authorization: `Bearer ${token}`,
      });
      await ws.nextOf("welcome", undefined, 10_000);

      const started = performance.now();
      child.kill("SIGTERM");
      assert.equal((await ws.closedWithin(10_000)).code, CLOSE.goingAway);
      const status = await withDeadline(child.status, 10_000, "the exit");
      assert.equal(status.code, 0);
      // main.ts bounds its shutdown at 5 s; a clean one takes far less.
      assert.ok(performance.now() - started < 6_000);
    } finally {
      await ws?.close();
      if (!await settlesWithin(child.status, 1_000)) {
        child.kill("SIGKILL");
        await settlesWithin(child.status, 5_000);
      }
      await stdout.cancel().catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});
