import assert from "node:assert/strict";
import { withDeadline } from "@/lib/deadline.ts";
import { latestEventId, readEventsAfter } from "./event_log.ts";
import { openKv } from "./kv.ts";

Deno.test("transact - writers in separate isolates sharing one KV file lose nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-kv-" });
  const path = `${dir}/shared.sqlite3`;
  const per = 40;
  const workers = [0, 1, 2].map(() =>
    new Worker(new URL("./testdata/increment_worker.ts", import.meta.url), {
      type: "module",
    })
  );
  try {
    const results = await Promise.all(workers.map((worker) => {
      const done = new Promise<string>((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`worker failed: ${e.message}`));
        };
      });
      worker.postMessage({ path, n: per });
      // Generous: a cold module cache compiles the store in each worker.
      return withDeadline(done, 90_000, "a writer worker");
    }));
    assert.deepEqual(results, ["done", "done", "done"]);
    const kv = await openKv(path);
    try {
      assert.equal((await kv.get(["counter"])).value, 3 * per);
      assert.equal(await latestEventId(kv), String(3 * per).padStart(16, "0"));
      const page = await readEventsAfter(kv, "0000000000000000", 1000);
      assert.ok(!page.resync && page.events.length === 3 * per);
    } finally {
      kv.close();
    }
  } finally {
    for (const worker of workers) worker.terminate();
    await Deno.remove(dir, { recursive: true });
  }
});
