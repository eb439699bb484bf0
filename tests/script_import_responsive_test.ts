import assert from "node:assert/strict";
import { ADVERSARIAL } from "@/lib/fountain/adversarial.ts";
import { api, sessions } from "./helpers/api_client.ts";
import { withApp } from "./helpers/test_app.ts";

const MiB = 1024 * 1024;
/** Gap between two health checks. */
const EVERY_MS = 5;

Deno.test("script import - other requests are answered promptly while a 2 MiB script is parsed", () =>
  withApp(async (app) => {
    const director = api(app, (await sessions(app)).director);
    // 100,000 would-be scene headings without the blank line after them:
    // all action, a warning each; only the last line of the file ("INT.
    // A", cut there) makes a scene. The old parser held the event loop
    // for the whole parse (half a second on an idle machine).
    const source = ADVERSARIAL.find((a) =>
      a.name === "headings: no blank line after (warnings)"
    )!.make(2 * MiB);

    // Health checks one after another while the import runs. Each one's
    // wait counts from when it was due, so a blocked timer counts too.
    let importing = true;
    const waits: number[] = [];
    const checks = (async () => {
      while (importing) {
        const due = performance.now() + EVERY_MS;
        // The sampler's own pace, not synchronisation: how late this timer
        // fires is what the test measures.
        await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
        const res = await app.fetch("/api/health");
        assert.deepEqual(await res.json(), { status: "ok" });
        waits.push(performance.now() - due);
      }
    })();
    const started = performance.now();
    const reply = await director.post("/api/scripts", {
      title: "Storm",
      source,
    })
      .finally(() => importing = false);
    const importMs = performance.now() - started;
    await checks;

    assert.equal(reply.status, 201);
    assert.deepEqual(
      reply.body.scenes.map((s: { heading: string }) => s.heading),
      ["INT. A"],
    );
    // 250 ms on any ordinary machine; on a busy one the whole import
    // slows down, and a fifth of it still proves the loop was shared.
    const worst = Math.max(...waits);
    const bound = Math.max(250, importMs / 5);
    assert.ok(waits.length >= 5, `${waits.length} health checks`);
    assert.ok(
      worst < bound,
      `a health check waited ${worst.toFixed(0)} ms during a ${
        importMs.toFixed(0)
      } ms import (bound ${bound.toFixed(0)} ms)`,
    );
  }));
