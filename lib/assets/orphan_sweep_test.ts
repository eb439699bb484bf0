import assert from "node:assert/strict";
import { withDeadline } from "@/lib/deadline.ts";
import { withKv } from "@/lib/store/testing.ts";
import { sweepOrphanChunks } from "./orphan_sweep.ts";
import { tinyPdf } from "./seed.ts";
import { CHUNK_BYTES } from "./shared.ts";
import { chunkKey, listAssets, uploadMarkKey } from "./store.ts";
import {
  assertNothingStored,
  crew,
  keyCount,
  openAssetContent,
  randomText,
  readAll,
  rejects,
  uploadAsset,
} from "./testing.ts";

Deno.test("assets store - the sweeper removes orphans, never live uploads or assets", () =>
  withKv(async (kv) => {
    const kept = await uploadAsset(kv, crew, {
      name: "kept.pdf",
      body: ReadableStream.from([tinyPdf()]),
    });
    const chunk = new Uint8Array(10);
    // An orphan: chunks with no record and no mark (crashed clean-up).
    for (let i = 0; i < 150; i++) await kv.set(chunkKey("orphan", i), chunk);
    // A live upload: a fresh mark.
    await kv.set(uploadMarkKey("live"), {
      startedAt: Date.now(),
      renewedAt: Date.now(),
      uploaderId: crew.id,
    });
    await kv.set(chunkKey("live", 0), chunk);
    // A dead upload: its mark was last renewed long ago.
    await kv.set(uploadMarkKey("dead"), {
      startedAt: 0,
      renewedAt: Date.now() - 2 * 60 * 60 * 1000,
      uploaderId: crew.id,
    });
    await kv.set(chunkKey("dead", 0), chunk);
    await kv.set(chunkKey("dead", 1), chunk);

    const result = await sweepOrphanChunks(kv, { olderThanMs: 60 * 60 * 1000 });
    assert.deepEqual(result, { sets: 2, chunks: 152 });
    assert.equal(await keyCount(kv, ["asset_chunks", "orphan"]), 0);
    assert.equal(await keyCount(kv, ["asset_chunks", "dead"]), 0);
    assert.equal((await kv.get(uploadMarkKey("dead"))).value, null);
    assert.equal(await keyCount(kv, ["asset_chunks", "live"]), 1);
    assert.equal(await keyCount(kv, ["asset_chunks", kept.id]), kept.chunks);
    const content = await openAssetContent(kv, kept.id);
    assert.deepEqual(await readAll(content!.body), tinyPdf());
    assert.deepEqual(await sweepOrphanChunks(kv), { sets: 0, chunks: 0 });
  }));

Deno.test("assets store - an upload the sweeper gave up on fails cleanly", () =>
  withKv(async (kv) => {
    const data = randomText(6 * CHUNK_BYTES);
    let release!: () => void;
    const paused = new Promise<void>((resolve) => release = resolve);
    let reachedPause!: () => void;
    const atPause = new Promise<void>((resolve) => reachedPause = resolve);
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (step === 3) {
          reachedPause();
          await paused;
        }
        if (step === 6) return controller.close();
        controller.enqueue(
          data.slice(step * CHUNK_BYTES, ++step * CHUNK_BYTES),
        );
      },
    }, { highWaterMark: 0 });
    const upload = uploadAsset(kv, crew, { name: "slow.txt", body });
    // An upload that failed before the pause must not leave us waiting.
    await withDeadline(
      Promise.race([atPause, upload.then(() => {})]),
      10_000,
      "the upload to reach its pause",
    );
    // Chunks are being written, but nothing is visible yet.
    assert.ok(await keyCount(kv, ["asset_chunks"]) >= 2);
    assert.deepEqual(await listAssets(kv), []);
    // With a live mark the sweeper keeps it; treating it as stale, it goes.
    assert.equal((await sweepOrphanChunks(kv)).sets, 0);
    assert.equal(
      (await sweepOrphanChunks(kv, { olderThanMs: -1000 })).sets,
      1,
    );
    release();
    await rejects(
      withDeadline(upload, 10_000, "the upload"),
      409,
      "upload_expired",
    );
    await assertNothingStored(kv);
  }));
