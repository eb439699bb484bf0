import assert from "node:assert/strict";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { AssetUpdateDataSchema } from "./schemas.ts";
import { tinyPng } from "./seed.ts";
import { CHUNK_BYTES, type UploadProgress } from "./shared.ts";
import {
  assertNothingStored,
  crew,
  enc,
  failingAfter,
  hex,
  keyCount,
  observeUploadProgress,
  openAssetContent,
  randomlySplit,
  randomText,
  readAll,
  rejects,
  uploadAsset,
} from "./testing.ts";

Deno.test("assets store - bytes, chunks and SHA-256 survive any split and size", () =>
  withKv(async (kv) => {
    const sizes = [
      1,
      CHUNK_BYTES - 1,
      CHUNK_BYTES,
      CHUNK_BYTES + 1,
      3 * CHUNK_BYTES + 7,
      ...Array.from({ length: 4 }, () => 1 + Math.floor(Math.random() * 1e6)),
    ];
    for (const size of sizes) {
      const data = randomText(size);
      const asset = await uploadAsset(kv, crew, {
        name: "notes.txt",
        body: randomlySplit(data),
      });
      assert.equal(asset.size, size);
      assert.equal(asset.mime, "text/plain");
      assert.equal(asset.sha256, await hex(data), `sha256 of ${size} bytes`);
      assert.equal(asset.chunks, Math.ceil(size / CHUNK_BYTES));
      let stored = 0;
      for await (
        const entry of kv.list<Uint8Array>({
          prefix: ["asset_chunks", asset.id],
        })
      ) {
        assert.ok(entry.value.byteLength <= CHUNK_BYTES);
        stored++;
      }
      assert.equal(stored, asset.chunks);
      const content = await openAssetContent(kv, asset.id);
      assert.deepEqual(await readAll(content!.body), data, `${size} bytes`);
      assert.equal(await keyCount(kv, ["asset_uploads"]), 0, "mark removed");
    }
  }));

Deno.test("assets store - one upload is one record and one event for everyone", () =>
  withKv(async (kv) => {
    const before = await latestEventId(kv);
    const png = tinyPng();
    const asset = await uploadAsset(kv, crew, {
      name: "../../boards/frame 01.png",
      body: ReadableStream.from([png]),
      declaredLength: png.length,
    });
    assert.equal(asset.name, "frame 01.png");
    assert.equal(asset.mime, "image/png");
    assert.equal(asset.category, "still", "category from the type");
    assert.equal(asset.uploaderId, crew.id);
    assert.equal(asset.uploaderName, crew.name);
    assert.equal(asset.status, "ready");
    assert.equal(asset.version, 1);
    const page = await readEventsAfter(kv, before);
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal(page.events.length, 1);
    const [event] = page.events;
    assert.equal(event.type, "asset_update");
    assert.equal(event.audience.roles.length, 6);
    const data = AssetUpdateDataSchema.parse(event.data);
    assert.equal(data.action, "uploaded");
    assert.deepEqual(data.asset, asset);
  }));

Deno.test("assets store - a refused type stores nothing at all", () =>
  withKv(async (kv) => {
    const elf = new Uint8Array(200_000);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(elf.slice(0, 4096));
      },
    });
    await rejects(
      uploadAsset(kv, crew, { name: "tool", body }),
      415,
      "unsupported_media_type",
    );
    assert.ok(pulls <= 20, `stopped reading after the first chunk (${pulls})`);
    await assertNothingStored(kv);
  }));

Deno.test("assets store - text with a binary tail is refused and cleaned up", () =>
  withKv(async (kv) => {
    const data = randomText(5 * CHUNK_BYTES);
    data[4 * CHUNK_BYTES + 10] = 0;
    await rejects(
      uploadAsset(kv, crew, { name: "a.txt", body: randomlySplit(data) }),
      415,
    );
    await assertNothingStored(kv);
  }));

Deno.test("assets store - the size limit holds whatever is declared", () =>
  withKv(async (kv) => {
    const data = randomText(10_000);
    // Declared too large: refused before a byte is read.
    let pulled = false;
    const untouched = new ReadableStream<Uint8Array>({
      pull() {
        pulled = true;
      },
    });
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: untouched,
        declaredLength: 5000,
        maxBytes: 4096,
      }),
      413,
      "payload_too_large",
    );
    assert.equal(pulled, false);
    // Declared small (a lie) or not at all: refused as the bytes arrive.
    for (const declaredLength of [100, undefined]) {
      await rejects(
        uploadAsset(kv, crew, {
          name: "a.txt",
          body: ReadableStream.from([data.slice(0, 3000), data.slice(3000)]),
          declaredLength,
          maxBytes: 4096,
        }),
        413,
      );
    }
    // Past the limit after several stored chunks: they are removed.
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: randomlySplit(randomText(4 * CHUNK_BYTES)),
        maxBytes: 3 * CHUNK_BYTES,
      }),
      413,
    );
    await assertNothingStored(kv);
    // Exactly at the limit is fine.
    const ok = await uploadAsset(kv, crew, {
      name: "a.txt",
      body: ReadableStream.from([data.slice(0, 4096)]),
      maxBytes: 4096,
    });
    assert.equal(ok.size, 4096);
  }));

Deno.test("assets store - an interrupted upload leaves no asset and no chunks", () =>
  withKv(async (kv) => {
    const before = await latestEventId(kv);
    await rejects(
      uploadAsset(kv, crew, {
        name: "rushes.txt",
        body: failingAfter(randomText(5 * CHUNK_BYTES + 123)),
      }),
      400,
      "upload_interrupted",
    );
    await assertNothingStored(kv);
    assert.equal(await latestEventId(kv), before, "no event");
    // Empty and short bodies are refused too.
    await rejects(
      uploadAsset(kv, crew, { name: "a.txt", body: ReadableStream.from([]) }),
      400,
    );
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: ReadableStream.from([enc.encode("short")]),
        declaredLength: 10,
      }),
      400,
      "length_mismatch",
    );
    await rejects(
      uploadAsset(kv, crew, {
        name: "../..",
        body: ReadableStream.from([enc.encode("x")]),
      }),
      400,
      "validation",
    );
    await assertNothingStored(kv);
  }));

Deno.test("assets store - progress is throttled to ~10 % / 1 MiB steps", () =>
  withKv(async (kv) => {
    const size = 5 * 1024 * 1024 + 77;
    const data = randomText(size);
    const seen: UploadProgress[] = [];
    const stop = observeUploadProgress(kv, (p) => seen.push(p));
    const calls: number[] = [];
    const asset = await uploadAsset(kv, crew, {
      name: "big.txt",
      body: randomlySplit(data),
      declaredLength: size,
      onProgress: (bytes) => calls.push(bytes),
    });
    assert.ok(calls.length >= 5 && calls.length <= 11, `${calls.length}`);
    assert.equal(calls.at(-1), size);
    for (let i = 1; i < calls.length; i++) {
      assert.ok(
        calls[i] - calls[i - 1] >= 1024 * 1024 || i === calls.length - 1,
      );
    }
    assert.deepEqual(seen.map((p) => p.bytes), [...calls, size]);
    assert.equal(seen.at(-1)!.phase, "done");
    assert.equal(seen[0].uploadId, asset.id);
    assert.equal(seen[0].total, size);
    assert.equal(seen[0].name, "big.txt");
    // Unknown size: about every MiB. A throwing observer changes nothing.
    const unknown: number[] = [];
    const stopThrowing = observeUploadProgress(kv, () => {
      throw new Error("observer bug");
    });
    const error = console.error;
    console.error = () => {};
    try {
      await uploadAsset(kv, crew, {
        name: "big.txt",
        body: randomlySplit(data),
        onProgress: (bytes) => unknown.push(bytes),
      });
    } finally {
      console.error = error;
      stopThrowing();
    }
    assert.ok(unknown.length >= 5 && unknown.length <= 6, `${unknown.length}`);
    // A failure is reported as such.
    seen.length = 0;
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: failingAfter(randomText(100)),
      }),
      400,
    );
    assert.equal(seen.at(-1)!.phase, "failed");
    stop();
  }));
